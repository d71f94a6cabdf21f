import type { Appointment } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { MessageKey } from '../../i18n/keys.ts';
import { useResource } from '../../lib/use-resource.ts';
import { formatYuan } from '../counselors/money.ts';
import { roomMayBeOpen } from '../sessions/room-window.ts';
import { AppointmentDialog, type DialogKind } from './appointment-dialog.tsx';
import { isUpcoming } from './policy.ts';
import { getLedger, listAppointments } from './scheduling-api.ts';
import { StatusBadge, ZoneNote } from './scheduling-parts.tsx';
import { browserTimeZone, formatInstant } from './time.ts';
import { useSessionTypes } from './use-session-types.ts';

/** The client's appointments: upcoming and past, cancel and reschedule, receipts, balance. */
export function AppointmentsPage() {
  const { t } = useTranslation();
  const zone = browserTimeZone();
  const appointments = useResource('my-appointments', (signal) =>
    listAppointments({ scope: 'mine' }, signal),
  );
  const [open, setOpen] = useState<{ kind: DialogKind; appointment: Appointment } | null>(null);
  const [done, setDone] = useState<MessageKey | null>(null);

  return (
    <PageFrame
      testId="appointments-page"
      width="wide"
      title={t('scheduling.appointments.title')}
      heading={t('scheduling.appointments.heading')}
      lead={t('scheduling.appointments.lead')}
    >
      <p>
        <Link to="/counselors">{t('scheduling.appointments.find')}</Link>
      </p>
      <ZoneNote timeZone={zone} />
      <p className="status-line" role="status" data-testid="appointments-done">
        {done && t(done)}
      </p>
      {open && (
        <AppointmentDialog
          kind={open.kind}
          appointment={open.appointment}
          timeZone={zone}
          onClose={() => {
            setOpen(null);
          }}
          onDone={(kind) => {
            setOpen(null);
            setDone(
              kind === 'cancel' ? 'scheduling.dialog.cancelled' : 'scheduling.dialog.rescheduled',
            );
            appointments.reload();
          }}
        />
      )}
      <Loaded resource={appointments}>
        {(items) => {
          const now = new Date();
          const upcoming = items
            .filter((item) => isUpcoming(item, now))
            .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
          const past = items
            .filter((item) => !isUpcoming(item, now))
            .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
          const openDialog = (kind: DialogKind, appointment: Appointment) => {
            setDone(null);
            setOpen({ kind, appointment });
          };
          return (
            <>
              <AppointmentSection
                which="upcoming"
                items={upcoming}
                zone={zone}
                onOpen={openDialog}
              />
              <AppointmentSection which="past" items={past} zone={zone} onOpen={openDialog} />
            </>
          );
        }}
      </Loaded>
      <LedgerPanel />
    </PageFrame>
  );
}

interface SectionProps {
  which: 'upcoming' | 'past';
  items: readonly Appointment[];
  zone: string;
  onOpen: (kind: DialogKind, appointment: Appointment) => void;
}

function AppointmentSection({ which, items, zone, onOpen }: SectionProps) {
  const { t, i18n } = useTranslation();
  const types = useSessionTypes();
  const headingId = `appointments-${which}-heading`;
  const heading =
    which === 'upcoming'
      ? t('scheduling.appointments.upcoming')
      : t('scheduling.appointments.past');
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      {items.length === 0 ? (
        <p data-testid={`appointments-${which}-empty`}>
          {which === 'upcoming'
            ? t('scheduling.appointments.noUpcoming')
            : t('scheduling.appointments.noPast')}
        </p>
      ) : (
        <DataTable
          testId={`appointments-${which}`}
          caption={heading}
          columns={[
            t('scheduling.appointments.when'),
            t('scheduling.appointments.counselor'),
            t('scheduling.appointments.sessionType'),
            t('scheduling.appointments.status'),
            t('scheduling.appointments.actions'),
          ]}
        >
          {items.map((item) => (
            <tr key={item.id} data-testid="appointment-row" data-id={item.id}>
              <td>
                {formatInstant(item.startsAt, i18n.language, zone)}
                {item.actions.includes('cancel') && (
                  <span className="field__hint appointment-deadline">
                    {t('scheduling.appointments.freeUntil', {
                      deadline: formatInstant(item.cancellationDeadline, i18n.language, zone),
                    })}
                  </span>
                )}
              </td>
              <td>{item.counselorName}</td>
              <td>
                {types.label(item.sessionType)} · {t(`counselors.modality.${item.modality}`)}
              </td>
              <td>
                <StatusBadge status={item.status} />
              </td>
              <td>
                <div className="row-actions">
                  {roomMayBeOpen(item, new Date()) && (
                    <Link
                      to={`/appointments/${encodeURIComponent(item.id)}/session`}
                      className="button button--small"
                      data-testid="appointment-join-session"
                    >
                      {t('sessionRoom.appointment.join')}
                    </Link>
                  )}
                  {item.actions.includes('cancel') && (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      data-testid="appointment-cancel"
                      onClick={() => {
                        onOpen('cancel', item);
                      }}
                    >
                      {t('scheduling.appointments.cancel')}
                    </button>
                  )}
                  {item.actions.includes('reschedule') && (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      data-testid="appointment-reschedule"
                      onClick={() => {
                        onOpen('reschedule', item);
                      }}
                    >
                      {t('scheduling.appointments.reschedule')}
                    </button>
                  )}
                  {item.feeFen > 0 && item.status !== 'pending' && (
                    <Link
                      to={`/appointments/${encodeURIComponent(item.id)}/receipt`}
                      data-testid="appointment-receipt"
                    >
                      {t('scheduling.appointments.receipt')}
                    </Link>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function LedgerPanel() {
  const { t, i18n } = useTranslation();
  const ledger = useResource('ledger-me', getLedger);
  return (
    <section className="panel" aria-labelledby="ledger-heading" data-testid="ledger">
      <h2 id="ledger-heading">{t('scheduling.appointments.ledgerHeading')}</h2>
      <Loaded resource={ledger}>
        {(data) => (
          <p data-testid="ledger-balance">
            {data.balanceFen > 0
              ? t('scheduling.appointments.owed', {
                  amount: formatYuan(data.balanceFen, i18n.language),
                })
              : data.balanceFen < 0
                ? t('scheduling.appointments.credit', {
                    amount: formatYuan(-data.balanceFen, i18n.language),
                  })
                : t('scheduling.appointments.settled')}
          </p>
        )}
      </Loaded>
    </section>
  );
}
