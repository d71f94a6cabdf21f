import type { Availability } from '@anxin/common';

export interface RuleRow {
  /** Local only: keeps React's keys steady while rows are added and removed. */
  key: number;
  weekday: number;
  start: string;
  end: string;
}

/** How an override reads to the counselor: extra hours, the whole day off, or part of it off. */
export type OverrideMode = 'extra' | 'off' | 'partial';

export interface OverrideRow {
  key: number;
  date: string;
  mode: OverrideMode;
  start: string;
  end: string;
}

export interface AvailabilityDraft {
  timeZone: string;
  rules: RuleRow[];
  overrides: OverrideRow[];
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

let nextKey = 1;
/** A fresh key for a new row. */
export function rowKey(): number {
  nextKey += 1;
  return nextKey;
}

/** The server's availability as rows to edit; a counselor without one starts in their zone. */
export function draftFrom(
  availability: Pick<Availability, 'timeZone' | 'rules' | 'overrides'> | null,
  fallbackZone: string,
): AvailabilityDraft {
  if (!availability) return { timeZone: fallbackZone, rules: [], overrides: [] };
  return {
    timeZone: availability.timeZone,
    rules: availability.rules
      .map((rule) => ({ key: rowKey(), ...rule }))
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start)),
    overrides: availability.overrides
      .map((override): OverrideRow => ({
        key: rowKey(),
        date: override.date,
        mode: override.kind === 'extra' ? 'extra' : override.start === null ? 'off' : 'partial',
        start: override.start ?? '',
        end: override.end ?? '',
      }))
      .sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** The rows as the body of PUT …/availability. */
export function inputFrom(draft: AvailabilityDraft): Omit<Availability, 'counselorId'> {
  return {
    timeZone: draft.timeZone,
    rules: draft.rules.map(({ weekday, start, end }) => ({ weekday, start, end })),
    overrides: draft.overrides.map(({ date, mode, start, end }) =>
      mode === 'off'
        ? { date, kind: 'off' as const, start: null, end: null }
        : { date, kind: mode === 'extra' ? ('extra' as const) : ('off' as const), start, end },
    ),
  };
}

export type RowProblem = 'order' | 'missing' | 'overlap';

/**
 * What is wrong with each row, by key, before the server is asked: an end not after its start,
 * a missing time or date, or ranges of one weekday that overlap.
 */
export function draftProblems(draft: AvailabilityDraft): Map<number, RowProblem> {
  const problems = new Map<number, RowProblem>();
  for (const rule of draft.rules) {
    if (!rule.start || !rule.end) problems.set(rule.key, 'missing');
    else if (rule.end <= rule.start) problems.set(rule.key, 'order');
  }
  for (const weekday of WEEKDAYS) {
    const ranges = draft.rules
      .filter((rule) => rule.weekday === weekday && !problems.has(rule.key))
      .sort((a, b) => a.start.localeCompare(b.start));
    for (let index = 1; index < ranges.length; index += 1) {
      const previous = ranges[index - 1];
      const current = ranges[index];
      if (previous && current && current.start < previous.end) problems.set(current.key, 'overlap');
    }
  }
  for (const override of draft.overrides) {
    if (!override.date) problems.set(override.key, 'missing');
    else if (override.mode !== 'off' && (!override.start || !override.end))
      problems.set(override.key, 'missing');
    else if (override.mode !== 'off' && override.end <= override.start)
      problems.set(override.key, 'order');
  }
  return problems;
}
