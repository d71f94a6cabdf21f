import { describe, expect, it } from 'vitest';
import {
  ADMIN_PAGE_SIZE,
  adminListFromParams,
  adminListQuery,
  pageCount,
  paramsFromAdminList,
} from './admin-list-view.ts';

const read = (query: string) => adminListFromParams(new URLSearchParams(query));

describe('the administrators’ counselor list', () => {
  it('opens on the review queue', () => {
    expect(read('')).toEqual({ view: 'review', status: null, page: 1 });
    expect(adminListQuery(read(''))).toEqual({
      queue: 'review',
      limit: ADMIN_PAGE_SIZE,
      offset: 0,
    });
  });

  it('asks for certificates expiring within 60 days', () => {
    expect(adminListQuery(read('view=expiring'))).toMatchObject({
      queue: 'expiring',
      withinDays: 60,
    });
  });

  it('filters by status only in the full list', () => {
    expect(read('view=all&status=approved').status).toBe('approved');
    expect(read('view=review&status=approved').status).toBeNull();
    expect(read('view=all&status=bogus').status).toBeNull();
    expect(adminListQuery(read('view=all&status=suspended&page=3'))).toEqual({
      status: 'suspended',
      limit: ADMIN_PAGE_SIZE,
      offset: 2 * ADMIN_PAGE_SIZE,
    });
  });

  it('writes back only what differs from the default', () => {
    expect(paramsFromAdminList(read(''))).toEqual({});
    expect(paramsFromAdminList(read('view=all&status=approved&page=2'))).toEqual({
      view: 'all',
      status: 'approved',
      page: '2',
    });
    expect(paramsFromAdminList(read('view=nonsense'))).toEqual({});
  });

  it('counts pages, at least one', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });
});
