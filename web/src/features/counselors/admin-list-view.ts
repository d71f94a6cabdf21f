import { COUNSELOR_STATUSES, type CounselorStatus } from '@anxin/common';
import type { AdminListQuery } from './counselor-api.ts';
import { EXPIRY_WARN_DAYS } from './counselor-format.ts';

export const ADMIN_VIEWS = ['review', 'expiring', 'review_overdue', 'all'] as const;
export type AdminView = (typeof ADMIN_VIEWS)[number];
export const ADMIN_PAGE_SIZE = 50;

export interface AdminListState {
  view: AdminView;
  /** Only with the `all` view. */
  status: CounselorStatus | null;
  page: number;
}

function isView(value: string | null): value is AdminView {
  return (ADMIN_VIEWS as readonly (string | null)[]).includes(value);
}

function isStatus(value: string | null): value is CounselorStatus {
  return (COUNSELOR_STATUSES as readonly (string | null)[]).includes(value);
}

/** The list the address asks for; the review queue when it asks for nothing (or nonsense). */
export function adminListFromParams(params: URLSearchParams): AdminListState {
  const requested = params.get('view');
  const view = isView(requested) ? requested : 'review';
  const status = params.get('status');
  const page = Number(params.get('page'));
  return {
    view,
    status: view === 'all' && isStatus(status) ? status : null,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Back to address parameters, leaving out the defaults so the plain address stays plain. */
export function paramsFromAdminList(state: AdminListState): Record<string, string> {
  const params: Record<string, string> = {};
  if (state.view !== 'review') params.view = state.view;
  if (state.view === 'all' && state.status) params.status = state.status;
  if (state.page > 1) params.page = String(state.page);
  return params;
}

/** The API query of a view. */
export function adminListQuery(state: AdminListState): AdminListQuery {
  const paging = { limit: ADMIN_PAGE_SIZE, offset: (state.page - 1) * ADMIN_PAGE_SIZE };
  switch (state.view) {
    case 'review':
      return { queue: 'review', ...paging };
    case 'expiring':
      return { queue: 'expiring', withinDays: EXPIRY_WARN_DAYS, ...paging };
    case 'review_overdue':
      return { queue: 'review_overdue', ...paging };
    case 'all':
      return { ...(state.status ? { status: state.status } : {}), ...paging };
  }
}

/** How many pages `total` items fill (at least one, so "page 1 of 1" for an empty list). */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
