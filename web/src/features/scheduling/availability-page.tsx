import { availabilityInputSchema, type CounselorProfile } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/copy-button.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { isNotFound } from '../../lib/api.ts';
import { timeZones } from '../../lib/format.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ActionButton, ActionOutcome, useActionState } from '../counselors/action-state.tsx';
import { useMyProfile, WithMyProfile } from '../counselors/profile-gate.tsx';
import {
  draftFrom,
  draftProblems,
  inputFrom,
  rowKey,
  WEEKDAYS,
  type AvailabilityDraft,
  type OverrideMode,
  type OverrideRow,
  type RowProblem,
} from './availability-model.ts';
import {
  createCalendarFeed,
  getAvailability,
  putAvailability,
  revokeCalendarFeed,
} from './scheduling-api.ts';
import { SchedulingSubnav } from './scheduling-subnav.tsx';
import { browserTimeZone, todayIn } from './time.ts';

/** The counselor's weekly hours, dates that differ, and a private calendar feed. */
export function AvailabilityPage() {
  const { t } = useTranslation();
  const profile = useMyProfile();
  return (
    <PageFrame
      testId="availability-page"
      width="wide"
      title={t('scheduling.availability.title')}
      heading={t('scheduling.availability.heading')}
      nav={<SchedulingSubnav />}
      lead={t('scheduling.availability.lead')}
    >
      <WithMyProfile profile={profile}>
        {(data) => (
          <>
            <AvailabilityLoader profile={data} />
            <CalendarFeedPanel counselorId={data.id} />
          </>
        )}
      </WithMyProfile>
    </PageFrame>
  );
}

function AvailabilityLoader({ profile }: { profile: CounselorProfile }) {
  const availability = useResource(`availability:${profile.id}`, async (signal) => {
    try {
      return await getAvailability(profile.id, signal);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  });
  return (
    <Loaded resource={availability}>
      {(data) => (
        <AvailabilityEditor counselorId={profile.id} initial={draftFrom(data, browserTimeZone())} />
      )}
    </Loaded>
  );
}

const PROBLEM_KEYS = {
  order: 'scheduling.availability.problem.order',
  missing: 'scheduling.availability.problem.missing',
  overlap: 'scheduling.availability.problem.overlap',
} as const satisfies Record<RowProblem, string>;

function AvailabilityEditor({
  counselorId,
  initial,
}: {
  counselorId: string;
  initial: AvailabilityDraft;
}) {
  const { t } = useTranslation();
  const zoneId = useId();
  const [draft, setDraft] = useState(initial);
  const [shownProblems, setShownProblems] = useState(false);
  const state = useActionState();
  const problems = draftProblems(draft);
  const zones = timeZones(initial.timeZone);

  const save = async () => {
    if (problems.size > 0) {
      setShownProblems(true);
      return false;
    }
    const body = inputFrom(draft);
    availabilityInputSchema.parse(body);
    const saved = await putAvailability(counselorId, body);
    setDraft(draftFrom(saved, draft.timeZone));
    setShownProblems(false);
    return true;
  };

  const problemFor = (key: number) => {
    const problem = shownProblems ? problems.get(key) : undefined;
    return problem ? t(PROBLEM_KEYS[problem]) : null;
  };

  const updateOverride = (key: number, change: Partial<OverrideRow>) => {
    setDraft({
      ...draft,
      overrides: draft.overrides.map((row) => (row.key === key ? { ...row, ...change } : row)),
    });
  };

  return (
    <section className="panel" aria-labelledby="availability-heading" data-testid="availability">
      <h2 id="availability-heading" className="visually-hidden">
        {t('scheduling.availability.title')}
      </h2>
      {shownProblems && problems.size > 0 && (
        <p className="form-alert" role="alert" data-testid="availability-problems">
          {t('scheduling.availability.fixFirst')}
        </p>
      )}
      <div className="field">
        <label htmlFor={zoneId} className="field__label">
          {t('scheduling.availability.timeZone')}
        </label>
        <p id={`${zoneId}-hint`} className="field__hint">
          {t('scheduling.availability.timeZoneHint')}
        </p>
        <select
          id={zoneId}
          className="input"
          aria-describedby={`${zoneId}-hint`}
          value={draft.timeZone}
          data-testid="availability-zone"
          onChange={(event) => {
            setDraft({ ...draft, timeZone: event.target.value });
          }}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </div>

      <h3>{t('scheduling.availability.weeklyHeading')}</h3>
      <p className="field__hint">{t('scheduling.availability.weeklyHint')}</p>
      <ul className="weekly" data-testid="availability-weekly">
        {WEEKDAYS.map((weekday) => {
          const day = t(`scheduling.availability.weekday.${weekday}`);
          const ranges = draft.rules.filter((rule) => rule.weekday === weekday);
          return (
            <li key={weekday} className="weekly__day" data-weekday={weekday}>
              <span className="weekly__name">{day}</span>
              <div className="weekly__ranges">
                {ranges.length === 0 && (
                  <span className="field__hint">{t('scheduling.availability.noRanges')}</span>
                )}
                {ranges.map((rule) => {
                  const problem = problemFor(rule.key);
                  const set = (field: 'start' | 'end', value: string) => {
                    setDraft({
                      ...draft,
                      rules: draft.rules.map((row) =>
                        row.key === rule.key ? { ...row, [field]: value } : row,
                      ),
                    });
                  };
                  return (
                    <div key={rule.key} className="time-range" data-testid="availability-range">
                      <TimeInput
                        label={`${day} ${t('scheduling.availability.start')}`}
                        value={rule.start}
                        invalid={problem !== null}
                        testId="availability-range-start"
                        onChange={(value) => {
                          set('start', value);
                        }}
                      />
                      <span aria-hidden="true">–</span>
                      <TimeInput
                        label={`${day} ${t('scheduling.availability.end')}`}
                        value={rule.end}
                        invalid={problem !== null}
                        testId="availability-range-end"
                        onChange={(value) => {
                          set('end', value);
                        }}
                      />
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        aria-label={t('scheduling.availability.removeRange', {
                          day,
                          start: rule.start,
                          end: rule.end,
                        })}
                        onClick={() => {
                          setDraft({
                            ...draft,
                            rules: draft.rules.filter((row) => row.key !== rule.key),
                          });
                        }}
                      >
                        {t('scheduling.availability.remove')}
                      </button>
                      {problem && (
                        <span className="field__error" role="alert">
                          {problem}
                        </span>
                      )}
                    </div>
                  );
                })}
                <button
                  type="button"
                  className="button button--secondary button--small"
                  data-testid={`availability-add-${weekday}`}
                  onClick={() => {
                    const last = ranges.at(-1);
                    const start = last?.end && last.end < '22:00' ? last.end : '09:00';
                    const end =
                      start < '23:00'
                        ? `${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}${start.slice(2)}`
                        : '23:59';
                    setDraft({
                      ...draft,
                      rules: [...draft.rules, { key: rowKey(), weekday, start, end }],
                    });
                  }}
                >
                  {t('scheduling.availability.addRange', { day })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>

      <h3>{t('scheduling.availability.overridesHeading')}</h3>
      <p className="field__hint">{t('scheduling.availability.overridesHint')}</p>
      {draft.overrides.length === 0 && <p>{t('scheduling.availability.noOverrides')}</p>}
      <ul className="overrides" data-testid="availability-overrides">
        {draft.overrides.map((row) => {
          const problem = problemFor(row.key);
          return (
            <li key={row.key} className="time-range" data-testid="availability-override">
              <label>
                <span className="field__label">{t('scheduling.availability.date')}</span>
                <input
                  type="date"
                  className="input"
                  value={row.date}
                  aria-invalid={problem ? true : undefined}
                  data-testid="availability-override-date"
                  onChange={(event) => {
                    updateOverride(row.key, { date: event.target.value });
                  }}
                />
              </label>
              <label>
                <span className="field__label">{t('scheduling.availability.mode')}</span>
                <select
                  className="input"
                  value={row.mode}
                  data-testid="availability-override-mode"
                  onChange={(event) => {
                    updateOverride(row.key, { mode: event.target.value as OverrideMode });
                  }}
                >
                  {(['extra', 'off', 'partial'] as const).map((mode) => (
                    <option key={mode} value={mode}>
                      {t(`scheduling.availability.modes.${mode}`)}
                    </option>
                  ))}
                </select>
              </label>
              {row.mode !== 'off' && (
                <>
                  <TimeInput
                    label={t('scheduling.availability.start')}
                    value={row.start}
                    invalid={problem !== null}
                    visibleLabel
                    testId="availability-override-start"
                    onChange={(value) => {
                      updateOverride(row.key, { start: value });
                    }}
                  />
                  <TimeInput
                    label={t('scheduling.availability.end')}
                    value={row.end}
                    invalid={problem !== null}
                    visibleLabel
                    testId="availability-override-end"
                    onChange={(value) => {
                      updateOverride(row.key, { end: value });
                    }}
                  />
                </>
              )}
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  setDraft({
                    ...draft,
                    overrides: draft.overrides.filter((other) => other.key !== row.key),
                  });
                }}
              >
                {t('scheduling.availability.remove')}
              </button>
              {problem && (
                <span className="field__error" role="alert">
                  {problem}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      <p>
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="availability-add-override"
          onClick={() => {
            setDraft({
              ...draft,
              overrides: [
                ...draft.overrides,
                {
                  key: rowKey(),
                  date: todayIn(draft.timeZone),
                  mode: 'off',
                  start: '',
                  end: '',
                },
              ],
            });
          }}
        >
          {t('scheduling.availability.addOverride')}
        </button>
      </p>
      <div className="actions">
        <ActionButton
          state={state}
          id="save"
          primary
          testId="availability-save"
          label={t('scheduling.availability.save')}
          action={save}
          success={{ key: 'scheduling.availability.saved' }}
        />
      </div>
      <ActionOutcome state={state} testId="availability-save" />
    </section>
  );
}

interface TimeInputProps {
  label: string;
  value: string;
  invalid: boolean;
  testId: string;
  onChange: (value: string) => void;
  /** Shown above the input; otherwise the label is for screen readers only. */
  visibleLabel?: boolean;
}

function TimeInput({ label, value, invalid, testId, onChange, visibleLabel }: TimeInputProps) {
  const id = useId();
  return (
    <span className="time-input">
      <label htmlFor={id} className={visibleLabel ? 'field__label' : 'visually-hidden'}>
        {label}
      </label>
      <input
        id={id}
        type="time"
        className="input"
        step={300}
        value={value}
        aria-invalid={invalid || undefined}
        data-testid={testId}
        onChange={(event) => {
          onChange(event.target.value.slice(0, 5));
        }}
      />
    </span>
  );
}

function CalendarFeedPanel({ counselorId }: { counselorId: string }) {
  const { t } = useTranslation();
  const state = useActionState();
  const [url, setUrl] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="feed-heading" data-testid="calendar-feed">
      <h2 id="feed-heading">{t('scheduling.feed.heading')}</h2>
      <p>{t('scheduling.feed.lead')}</p>
      {url && (
        <div className="feed-url" data-testid="calendar-feed-shown">
          <p className="notice">{t('scheduling.feed.shownOnce')}</p>
          <label className="field__label" htmlFor="feed-url">
            {t('scheduling.feed.urlLabel')}
          </label>
          <input
            id="feed-url"
            className="input"
            readOnly
            value={url}
            data-testid="calendar-feed-url"
            onFocus={(event) => {
              event.target.select();
            }}
          />
          <CopyButton text={url} testId="calendar-feed-copy" label={t('scheduling.feed.copy')} />
        </div>
      )}
      <div className="actions">
        <ActionButton
          state={state}
          id="create"
          testId="calendar-feed-create"
          label={url ? t('scheduling.feed.replace') : t('scheduling.feed.create')}
          action={async () => {
            const created = await createCalendarFeed(counselorId);
            setUrl(created.url);
          }}
          success={{ key: 'scheduling.feed.created' }}
        />
        <ActionButton
          state={state}
          id="revoke"
          testId="calendar-feed-revoke"
          label={t('scheduling.feed.revoke')}
          action={async () => {
            await revokeCalendarFeed(counselorId);
            setUrl(null);
          }}
          success={{ key: 'scheduling.feed.revoked' }}
        />
      </div>
      <ActionOutcome state={state} testId="calendar-feed" />
    </section>
  );
}
