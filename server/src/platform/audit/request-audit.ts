import type { FastifyRequest } from 'fastify';
import { primaryRole } from '../auth/actor.ts';
import type { Db } from '../db/database.ts';
import { appendAudit, type AuditEntry } from './audit.ts';
import { readAuditorFor } from './read-audit.ts';

export type AuditFields = Omit<AuditEntry, 'actorId' | 'actorRole' | 'requestId' | 'ip'>;

/** Who, from where, in which request: the part of every audit event a route knows. */
export interface RequestMeta {
  actorId: string | null;
  actorRole: string | null;
  requestId: string;
  ip: string;
  userAgent: string | null;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return {
    actorId: request.actor?.userId ?? null,
    actorRole: request.actor ? primaryRole(request.actor.roles) : null,
    requestId: request.id,
    ip: request.ip,
    userAgent: typeof ua === 'string' ? ua : null,
  };
}

/** Appends an audit event carrying the request's actor, id and address. */
export function audit(tx: Db, auditKey: Buffer, meta: RequestMeta, fields: AuditFields) {
  return appendAudit(tx, auditKey, {
    ...fields,
    actorId: fields.action.startsWith('system.') ? null : meta.actorId,
    actorRole: meta.actorRole,
    requestId: meta.requestId,
    ip: meta.ip,
  });
}

/**
 * Audits a read of sensitive data with the request's actor, id and address. Resolves once the
 * event is committed; await it before sending the data (if it rejects, nothing is sent).
 */
export function auditRead(
  app: { database: { db: Db }; vault: { keyring: { auditKey: Buffer } } },
  meta: RequestMeta,
  fields: AuditFields,
): Promise<void> {
  return readAuditorFor(app.database, app.vault.keyring.auditKey).record({
    ...fields,
    actorId: meta.actorId,
    actorRole: meta.actorRole,
    requestId: meta.requestId,
    ip: meta.ip,
  });
}
