import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { Loaded, LoadError } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { isNotFound } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { openAppointmentNote } from './sessions-api.ts';

/**
 * `/appointments/:id/note`: where the room sends the counselor when a session ends. The server
 * returns the note of that appointment already begun, or starts one, so following the link twice
 * lands on the same note; the editor takes over from there.
 */
export function AppointmentNotePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const note = useResource(`appointment-note:${id}`, () => openAppointmentNote(id));
  return (
    <PageFrame testId="appointment-note-page" title={t('sessionRoom.after.note')}>
      <Loaded
        resource={note}
        failure={(error) =>
          isNotFound(error) ? (
            <div className="form-alert" role="alert" data-testid="note-unavailable">
              <p>{t('sessionRoom.after.noteUnavailable')}</p>
              <p>
                <Link to="/schedule">{t('sessionRoom.after.backToSchedule')}</Link>
              </p>
            </div>
          ) : (
            <LoadError error={error} testId="note-error" />
          )
        }
      >
        {(data) => <Navigate to={`/records/${encodeURIComponent(data.id)}`} replace />}
      </Loaded>
    </PageFrame>
  );
}
