import { describe, expect, it } from 'vitest';
import { PRIVACY_REQUEST_STATUSES } from '@anxin/common';
import { availableEvents, isOverdue, nextRequestStatus } from './request-status.ts';

describe('privacy request transitions', () => {
  it('follows received → in_progress → completed | rejected', () => {
    expect(nextRequestStatus('received', 'start')).toBe('in_progress');
    expect(nextRequestStatus('in_progress', 'complete')).toBe('completed');
    expect(nextRequestStatus('in_progress', 'reject')).toBe('rejected');
    expect(nextRequestStatus('received', 'complete')).toBe('completed');
    expect(nextRequestStatus('received', 'reject')).toBe('rejected');
  });

  it('refuses everything else', () => {
    expect(nextRequestStatus('in_progress', 'start')).toBeNull();
    for (const final of ['completed', 'rejected'] as const) {
      expect(availableEvents(final)).toEqual([]);
      for (const e of ['start', 'complete', 'reject'] as const) {
        expect(nextRequestStatus(final, e)).toBeNull();
      }
    }
  });

  it('lists the events of every state', () => {
    const table = Object.fromEntries(PRIVACY_REQUEST_STATUSES.map((s) => [s, availableEvents(s)]));
    expect(table).toEqual({
      received: ['start', 'complete', 'reject'],
      in_progress: ['complete', 'reject'],
      completed: [],
      rejected: [],
    });
  });

  it('is overdue only when open and past due', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    const past = new Date('2026-03-09T00:00:00Z');
    const future = new Date('2026-03-11T00:00:00Z');
    expect(isOverdue({ status: 'received', dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: 'in_progress', dueAt: future }, now)).toBe(false);
    expect(isOverdue({ status: 'completed', dueAt: past }, now)).toBe(false);
    expect(isOverdue({ status: 'rejected', dueAt: past }, now)).toBe(false);
  });
});
