import type { Appointment } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { roomMayBeOpen } from '../sessions/room-window.ts';
import { ActionButton, ActionOutcome, useActionState } from '../counselors/action-state.tsx';
import {
  listAppointments,
  transitionAppointment,
  type AppointmentEvent,
} from './scheduling-api.ts';
import { StatusBadge, ZoneNote } from './scheduling-parts.tsx';
import { SchedulingSubnav } from './scheduling-subnav.tsx';
import {
  addDays,
  browserTimeZone,
  formatClock,
  formatDayHeading,
  groupByLocalDay,
  todayIn,
  utcRangeForDays,
  weekStart,
} from './time.ts';
import { useSessionTypes } from './use-session-types.ts';

/** The transitions a calendar offers, in the order they are shown. */
const EVENTS: readonly AppointmentEvent[] = [
  'approve',
  'decline',
  'arrive',
  'fulfil',
  'mark_absent',
];

type View = 'day' | 'week';

/** The counselor's own appointments, a day or a week at a time. */
export function SchedulePage() {
  const { t } = useTranslation();
  return (
    <PageFrame
      testId="schedule-page"
      width="full"
      title={t('scheduling.schedule.title')}
      heading={t('scheduling.schedule.heading')}
      nav={<SchedulingSubnav />}
      lead={t('scheduling.schedule.lead')}
    >
      <Calendar scope="counselor" views={['week', 'day']} />
    </PageFrame>
  );
}

/** The administrator's view of every appointment, a week at a time. */
export function AdminSchedulePage() {
  const { t } = useTranslation();
  return (
    <PageFrame
      testId="admin-schedule-page"
      width="full"
      title={t('scheduling.schedule.adminTitle')}
      heading={t('scheduling.schedule.adminHeading')}
      lead={t('scheduling.schedule.adminLead')}
    >
      <Calendar scope="all" views={['week']} />
    </PageFrame>
  );
}

interface CalendarProps {
  scope: 'counselor' | 'all';
  views: readonly View[];
}

function Calendar({ scope, views }: CalendarProps) {
  const { t, i18n } = useTranslation();
  const zone = browserTimeZone();
  const today = todayIn(zone);
  const [view, setView] = useState<View>(views[0] ?? 'week');
  const [anchor, setAnchor] = useState(today);
  const first = view === 'week' ? weekStart(anchor) : anchor;
  const length = view === 'week' ? 7 : 1;
  const days = Array.from({ length }, (_, index) => addDays(first, index));
  const range = utcRangeForDays(first, length);
  const appointments = useResource(`schedule:${scope}:${first}:${length}`, (signal) =>
    listAppointments({ scope, ...range }, signal),
  );
  const state = useActionState();

  return (
    <>
      <div className="calendar-toolbar" data-testid="schedule-toolbar">
        {views.length > 1 && (
          <div role="group" aria-label={t('scheduling.schedule.view')} className="segmented">
            {views.map((option) => (
              <button
                key={option}
                type="button"
                className="button button--secondary button--small"
                aria-pressed={view === option}
                data-testid={`schedule-view-${option}`}
                onClick={() => {
                  setView(option);
                }}
              >
                {t(`scheduling.schedule.${option}`)}
              </button>
            ))}
          </div>
        )}
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="schedule-previous"
          onClick={() => {
            setAnchor(addDays(anchor, -length));
          }}
        >
          {t('scheduling.schedule.previous')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="schedule-today"
          onClick={() => {
            setAnchor(today);
          }}
        >
          {t('scheduling.schedule.today')}
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="schedule-next"
          onClick={() => {
            setAnchor(addDays(anchor, length));
          }}
        >
          {t('scheduling.schedule.next')}
        </button>
        <h2 className="calendar-toolbar__range" data-testid="schedule-range">
          {length === 1
            ? formatDayHeading(first, i18n.language)
            : t('scheduling.schedule.range', {
                from: formatDayHeading(first, i18n.language),
                to: formatDayHeading(addDays(first, length - 1), i18n.language),
              })}
        </h2>
      </div>
      <ZoneNote timeZone={zone} />
      <ActionOutcome state={state} testId="schedule-action" />
      <Loaded resource={appointments}>
        {(items) => {
          const byDay = new Map(groupByLocalDay(items, zone).map((group) => [group.day, group]));
          const pending = items.filter((item) => item.status === 'pending').length;
          return (
            <>
              {scope === 'all' && pending > 0 && (
                <p className="notice" data-testid="schedule-pending">
                  {t('scheduling.schedule.pendingCount', { count: pending })}
                </p>
              )}
              <ol
                className={view === 'week' ? 'calendar calendar--week' : 'calendar'}
                data-testid="schedule-calendar"
              >
                {days.map((day) => {
                  const dayItems = byDay.get(day)?.items ?? [];
                  return (
                    <li
                      key={day}
                      className={
                        day === today ? 'calendar__day calendar__day--today' : 'calendar__day'
                      }
                      data-day={day}
                    >
                      <h3 className="calendar__heading">{formatDayHeading(day, i18n.language)}</h3>
                      {dayItems.length === 0 ? (
                        <p className="field__hint">{t('scheduling.schedule.empty')}</p>
                      ) : (
                        <ul className="calendar__items">
                          {dayItems.map((item) => (
                            <CalendarItem
                              key={item.id}
                              appointment={item}
                              zone={zone}
                              showCounselor={scope === 'all'}
                              state={state}
                              onChanged={appointments.reload}
                            />
                          ))}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ol>
            </>
          );
        }}
      </Loaded>
    </>
  );
}

interface CalendarItemProps {
  appointment: Appointment;
  zone: string;
  showCounselor: boolean;
  state: ReturnType<typeof useActionState>;
  onChanged: () => void;
}

function CalendarItem({ appointment, zone, showCounselor, state, onChanged }: CalendarItemProps) {
  const { t, i18n } = useTranslation();
  const types = useSessionTypes();
  const offered = EVENTS.filter((event) => appointment.actions.includes(event));
  return (
    <li className="calendar__item" data-testid="schedule-item" data-id={appointment.id}>
      <p className="calendar__time">
        {formatClock(appointment.startsAt, i18n.language, zone)}–
        {formatClock(appointment.endsAt, i18n.language, zone)}{' '}
        <StatusBadge status={appointment.status} />
      </p>
      <p>
        {appointment.clientName ?? t('scheduling.schedule.clientHidden')}
        {showCounselor && <> · {appointment.counselorName}</>}
      </p>
      {/* The counselor's own calendar: from an appointment to the chart of its client. */}
      {!showCounselor && appointment.clientUserId && (
        <p>
          <Link
            to={`/clients/${encodeURIComponent(appointment.clientUserId)}/chart`}
            data-testid="schedule-client-chart"
          >
            {t('records.chart.open')}
          </Link>
        </p>
      )}
      <p className="field__hint">
        {types.label(appointment.sessionType)} · {t(`counselors.modality.${appointment.modality}`)}
      </p>
      {/* The counselor's own calendar only: administrators have no place in the room. */}
      {!showCounselor && roomMayBeOpen(appointment, new Date()) && (
        <p>
          <Link
            to={`/appointments/${encodeURIComponent(appointment.id)}/session`}
            data-testid="schedule-join-session"
          >
            {t('sessionRoom.appointment.join')}
          </Link>
        </p>
      )}
      {offered.length > 0 && (
        <div className="row-actions">
          {offered.map((event) => (
            <ActionButton
              key={event}
              state={state}
              id={`${appointment.id}:${event}`}
              small
              primary={event === 'approve' || event === 'fulfil'}
              testId={`schedule-${event}`}
              label={t(`scheduling.schedule.action.${event}`)}
              success={{ key: 'scheduling.schedule.done' }}
              action={async () => {
                await transitionAppointment(appointment.id, event);
                onChanged();
              }}
            />
          ))}
        </div>
      )}
    </li>
  );
}
