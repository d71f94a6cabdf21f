import {
  auditListSchema,
  breakGlassGrantSchema,
  invitationCreatedSchema,
  invitationListSchema,
  outboxListSchema,
  userDetailSchema,
  userListSchema,
  type Role,
} from '@anxin/common';
import { apiDelete, apiGet, apiPost, apiPut, noContent, queryString } from '../../lib/api.ts';

const userPath = (id: string) => `/api/v1/users/${encodeURIComponent(id)}`;

export function listUsers(
  query: { role?: Role; after?: string; limit?: number },
  signal: AbortSignal,
) {
  return apiGet(`/api/v1/users${queryString(query)}`, userListSchema, signal);
}

export function getUser(id: string, signal: AbortSignal) {
  return apiGet(userPath(id), userDetailSchema, signal);
}

export function updateUserRoles(id: string, roles: readonly Role[]) {
  return apiPut(`${userPath(id)}/roles`, userDetailSchema, { roles });
}

export async function revokeUserSessions(id: string): Promise<void> {
  await apiPost(`${userPath(id)}/revoke-sessions`, noContent);
}

export function startBreakGlass(body: { resourceId: string; reason: string; minutes: number }) {
  return apiPost('/api/v1/break-glass', breakGlassGrantSchema, { resourceType: 'user', ...body });
}

export function createInvitation(body: { email: string; roles: readonly string[] }) {
  return apiPost('/api/v1/invitations', invitationCreatedSchema, body);
}

export function listInvitations(signal: AbortSignal) {
  return apiGet('/api/v1/invitations', invitationListSchema, signal);
}

export function revokeInvitation(id: string): Promise<undefined> {
  return apiDelete(`/api/v1/invitations/${encodeURIComponent(id)}`);
}

export interface AuditFilters {
  subjectId?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
}

export function listAuditEvents(
  query: AuditFilters & { beforeSeq?: number; limit?: number },
  signal: AbortSignal,
) {
  return apiGet(`/api/v1/audit-events${queryString({ ...query })}`, auditListSchema, signal);
}

export function listOutbox(signal: AbortSignal) {
  return apiGet('/api/v1/dev/outbox', outboxListSchema, signal);
}
