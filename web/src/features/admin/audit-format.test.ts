import { describe, expect, it } from 'vitest';
import {
  changeLines,
  filtersFromParams,
  formatAuditValue,
  paramsFromFilters,
} from './audit-format.ts';

describe('audit filters in the address', () => {
  it('reads the known filters, trimmed, and ignores the rest', () => {
    const params = new URLSearchParams(
      'subjectId=%20abc%20&action=user.read&entityType=&limit=5&foo=bar',
    );
    expect(filtersFromParams(params)).toEqual({ subjectId: 'abc', action: 'user.read' });
  });

  it('writes them back in a fixed order, so equal filters give equal addresses', () => {
    expect(paramsFromFilters({ action: 'a', subjectId: 's', entityId: '' })).toEqual({
      subjectId: 's',
      action: 'a',
    });
    expect(Object.keys(paramsFromFilters({ action: 'a', subjectId: 's' }))).toEqual([
      'subjectId',
      'action',
    ]);
  });
});

describe('change records', () => {
  it('renders values as text', () => {
    expect(formatAuditValue('client')).toBe('client');
    expect(formatAuditValue(3)).toBe('3');
    expect(formatAuditValue(false)).toBe('false');
    expect(formatAuditValue(['client', 'counselor'])).toBe('["client","counselor"]');
    expect(formatAuditValue({ a: 1 })).toBe('{"a":1}');
    expect(formatAuditValue(null)).toBeNull();
    expect(formatAuditValue(undefined)).toBeNull();
  });

  it('lists each field as old → new, sorted by field', () => {
    expect(
      changeLines({
        roles: { old: ['client'], new: ['client', 'counselor'] },
        displayName: { old: 'Li', new: 'Li Hua' },
        lockedUntil: { old: null, new: '2025-01-01T00:00:00.000Z' },
      }),
    ).toEqual([
      { field: 'displayName', old: 'Li', new: 'Li Hua' },
      { field: 'lockedUntil', old: null, new: '2025-01-01T00:00:00.000Z' },
      { field: 'roles', old: '["client"]', new: '["client","counselor"]' },
    ]);
    expect(changeLines(null)).toEqual([]);
  });
});
