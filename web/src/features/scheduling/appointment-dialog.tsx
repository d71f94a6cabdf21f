import type { Appointment } from '@anxin/common';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/load-state.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { FailureAlert, failureOf, type Failure } from '../counselors/action-state.tsx';
import { formatYuan } from '../counselors/money.ts';
import {
  cancelAppointment,
  getCancellationPreview,
  listSlots,
  rescheduleAppointment,
} from './scheduling-api.ts';
import { SlotPicker, ZoneNote } from './scheduling-parts.tsx';
import { formatInstant, todayIn } from './time.ts';

export type DialogKind = 'cancel' | 'reschedule';

interface AppointmentDialogProps {
  kind: DialogKind;
  appointment: Appointment;
  timeZone: string;
  onClose: () => void;
  /** After the change: the page reloads its list and announces it. */
  onDone: (kind: DialogKind) => void;
}

/**
 * Cancelling or moving an appointment. The consequence is fetched first and said before the
 * confirm button appears (A5): on time, cancelled and refunded; late, recorded as a no-show with
 * the refund the policy gives. The client's confirmation carries the outcome they were shown.
 */
export function AppointmentDialog({
  kind,
  appointment,
  timeZone,
  onClose,
  onDone,
}: AppointmentDialogProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const reasonId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const preview = useResource(`cancellation-preview:${appointment.id}`, (signal) =>
    getCancellationPreview(appointment.id, signal),
  );
  const [reason, setReason] = useState('');
  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [needsTime, setNeedsTime] = useState(false);
  const slots = useResource(
    kind === 'reschedule' ? `reschedule-slots:${appointment.id}` : null,
    (signal) =>
      listSlots(
        appointment.counselorId,
        { sessionType: appointment.sessionType, from: todayIn(timeZone), days: 14 },
        signal,
      ),
  );

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const money = (fen: number) => formatYuan(fen, i18n.language);
  const when = (iso: string) => formatInstant(iso, i18n.language, timeZone);

  return (
    <section
      className="panel panel--important dialog"
      role="dialog"
      aria-labelledby={headingId}
      data-testid={`${kind}-dialog`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {kind === 'cancel'
          ? t('scheduling.dialog.cancelHeading')
          : t('scheduling.dialog.rescheduleHeading')}
      </h2>
      <p>
        {appointment.counselorName} · {when(appointment.startsAt)}
      </p>
      <Loaded resource={preview}>
        {(data) => {
          const late = data.outcome === 'late_cancel_noshow';
          const values = {
            deadline: when(data.deadline),
            refund: money(data.refundFen),
            paid: money(data.paidFen),
          };
          const consequence =
            kind === 'cancel'
              ? late
                ? t('scheduling.dialog.late', values)
                : t('scheduling.dialog.onTime', values)
              : late
                ? t('scheduling.dialog.rescheduleLate', values)
                : t('scheduling.dialog.rescheduleOnTime', values);
          const confirm = () => {
            if (busy) return;
            if (kind === 'reschedule' && !startsAt) {
              setNeedsTime(true);
              return;
            }
            setBusy(true);
            setFailure(null);
            const trimmed = reason.trim() || undefined;
            const request =
              kind === 'cancel'
                ? cancelAppointment(appointment.id, {
                    reason: trimmed,
                    acknowledgedOutcome: data.outcome,
                  })
                : rescheduleAppointment(appointment.id, {
                    startsAt: startsAt ?? '',
                    acknowledgedOutcome: data.outcome,
                  });
            request.then(
              () => {
                setBusy(false);
                onDone(kind);
              },
              (error: unknown) => {
                setBusy(false);
                setFailure(failureOf(error));
                if (kind === 'reschedule') {
                  setStartsAt(null);
                  slots.reload();
                }
              },
            );
          };
          return (
            <>
              <p
                className={late ? 'form-alert' : 'notice'}
                data-testid={`${kind}-consequence`}
                data-outcome={data.outcome}
              >
                {consequence}
              </p>
              {kind === 'reschedule' && (
                <>
                  <h3>{t('scheduling.dialog.pickNew')}</h3>
                  <ZoneNote timeZone={timeZone} />
                  <Loaded resource={slots}>
                    {(list) => (
                      <SlotPicker
                        slots={list.items.filter((slot) => slot.startsAt !== appointment.startsAt)}
                        timeZone={timeZone}
                        selected={startsAt}
                        testId="reschedule-slots"
                        onSelect={(next) => {
                          setStartsAt(next);
                          setNeedsTime(false);
                        }}
                      />
                    )}
                  </Loaded>
                  {needsTime && (
                    <p className="field__error" role="alert">
                      {t('scheduling.dialog.chooseFirst')}
                    </p>
                  )}
                </>
              )}
              {kind === 'cancel' && (
                <div className="field">
                  <label htmlFor={reasonId} className="field__label">
                    {t('scheduling.dialog.reason')}
                  </label>
                  <textarea
                    id={reasonId}
                    className="input input--multiline"
                    rows={2}
                    maxLength={500}
                    value={reason}
                    data-testid="cancel-reason"
                    onChange={(event) => {
                      setReason(event.target.value);
                    }}
                  />
                </div>
              )}
              {failure && <FailureAlert failure={failure} testId={`${kind}-error`} />}
              <div className="actions">
                <button
                  type="button"
                  className={late ? 'button button--danger' : 'button'}
                  data-testid={`${kind}-confirm`}
                  aria-disabled={busy || undefined}
                  onClick={confirm}
                >
                  {busy
                    ? t('form.working')
                    : kind === 'reschedule'
                      ? t('scheduling.dialog.confirmReschedule')
                      : late
                        ? t('scheduling.dialog.confirmLateCancel')
                        : t('scheduling.dialog.confirmCancel')}
                </button>
                <button
                  type="button"
                  className="button button--secondary"
                  data-testid={`${kind}-close`}
                  onClick={onClose}
                >
                  {t('scheduling.dialog.close')}
                </button>
              </div>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
