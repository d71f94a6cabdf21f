import { BREACH_STATUS_NAMES, DEFAULT_BREACH_SETTINGS } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { dueDates, isNotifyOverdue, isReportOverdue } from './breach-deadlines.ts';
import { BREACH_TRANSITIONS, canNotify, canTransition, nextStatuses } from './breach-status.ts';

describe('breach incident transitions (B12)', () => {
  it('allows exactly the table, forward only', () => {
    const allowed: string[] = [];
    for (const from of BREACH_STATUS_NAMES)
      for (const to of BREACH_STATUS_NAMES)
        if (canTransition(from, to)) allowed.push(`${from}>${to}`);
    expect(allowed).toEqual([
      'detected>assessed',
      'assessed>notifying',
      'assessed>reported',
      'assessed>closed',
      'notifying>reported',
      'reported>closed',
    ]);
  });

  it('never goes back, never stays, and a closed incident is final', () => {
    const order = BREACH_STATUS_NAMES;
    for (const from of order) {
      for (const to of BREACH_TRANSITIONS[from]) {
        expect(order.indexOf(to)).toBeGreaterThan(order.indexOf(from));
      }
    }
    expect(nextStatuses('closed')).toEqual([]);
    expect(canTransition('detected', 'reported')).toBe(false);
  });

  it('notifies only once assessed and until closed', () => {
    expect(BREACH_STATUS_NAMES.filter(canNotify)).toEqual(['assessed', 'notifying', 'reported']);
  });
});

describe('breach deadlines by severity', () => {
  const discovered = new Date('2026-12-01T02:00:00.000Z');

  it('gives a serious incident 4 hours to the report, counted from discovery', () => {
    const due = dueDates('serious', discovered, DEFAULT_BREACH_SETTINGS);
    expect(due.reportDueAt.toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(due.notifyDueAt.toISOString()).toBe('2026-12-02T02:00:00.000Z');
  });

  it.each([
    ['high', '2026-12-02T02:00:00.000Z'],
    ['medium', '2026-12-04T02:00:00.000Z'],
    ['low', '2026-12-04T02:00:00.000Z'],
  ] as const)('gives %s its report deadline', (severity, expected) => {
    expect(dueDates(severity, discovered, DEFAULT_BREACH_SETTINGS).reportDueAt.toISOString()).toBe(
      expected,
    );
  });

  it('follows the organisation setting', () => {
    const custom = {
      ...DEFAULT_BREACH_SETTINGS,
      reportHours: { ...DEFAULT_BREACH_SETTINGS.reportHours, serious: 2 },
    };
    expect(dueDates('serious', discovered, custom).reportDueAt.toISOString()).toBe(
      '2026-12-01T04:00:00.000Z',
    );
  });

  it('flags overdue only when past due and not done', () => {
    const i = {
      reportDueAt: discovered,
      reportedAt: null,
      status: 'assessed',
      notifyDueAt: discovered,
    };
    const later = new Date(discovered.getTime() + 1);
    expect(isReportOverdue(i, later)).toBe(true);
    expect(isReportOverdue(i, discovered)).toBe(false);
    expect(isReportOverdue({ ...i, reportedAt: later }, later)).toBe(false);
    expect(isReportOverdue({ ...i, status: 'closed' }, later)).toBe(false);
    expect(isNotifyOverdue(i, 1, later)).toBe(true);
    expect(isNotifyOverdue(i, 0, later)).toBe(false);
  });
});
