import type { AppointmentStatusName } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { statusKey, statusTone } from './policy.ts';
import { formatClock, formatDayHeading, groupByLocalDay, zoneLabel } from './time.ts';

/** An appointment's status as a coloured badge with its name. */
export function StatusBadge({ status }: { status: AppointmentStatusName }) {
  const { t } = useTranslation();
  return (
    <span className={`status status--${statusTone(status)}`} data-status={status}>
      {t(statusKey(status))}
    </span>
  );
}

/** Says in which zone the times on the page are. */
export function ZoneNote({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  return (
    <p className="field__hint" data-testid="zone-note">
      {t('scheduling.zoneNote', { zone: zoneLabel(timeZone) })}
    </p>
  );
}

interface SlotPickerProps {
  slots: readonly { startsAt: string; endsAt: string }[];
  timeZone: string;
  selected: string | null;
  onSelect: (startsAt: string) => void;
  testId: string;
}

/** Free times as buttons, one group per local day in the viewer's zone. */
export function SlotPicker({ slots, timeZone, selected, onSelect, testId }: SlotPickerProps) {
  const { t, i18n } = useTranslation();
  const days = groupByLocalDay(slots, timeZone);
  if (days.length === 0) {
    return (
      <p className="notice" data-testid={`${testId}-empty`}>
        {t('scheduling.book.noSlots')}
      </p>
    );
  }
  return (
    <ul className="slot-days" data-testid={testId}>
      {days.map((group) => {
        const heading = formatDayHeading(group.day, i18n.language);
        return (
          <li key={group.day} className="slot-day" data-day={group.day}>
            <h3 className="slot-day__heading">{heading}</h3>
            <ul className="slot-list">
              {group.items.map((slot) => {
                const time = formatClock(slot.startsAt, i18n.language, timeZone);
                const pressed = selected === slot.startsAt;
                return (
                  <li key={slot.startsAt}>
                    <button
                      type="button"
                      className={pressed ? 'slot slot--chosen' : 'slot'}
                      aria-pressed={pressed}
                      aria-label={t('scheduling.book.choose', { day: heading, time })}
                      data-testid={`${testId}-slot`}
                      data-starts-at={slot.startsAt}
                      onClick={() => {
                        onSelect(slot.startsAt);
                      }}
                    >
                      {time}
                    </button>
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}
