import { createHmac } from 'node:crypto';
import { canonicalJson } from './canonical.ts';

/** The fields covered by the hash: everything but the hashes themselves. */
export interface ChainedEvent {
  id: string;
  organizationId: string;
  seq: number;
  createdAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  subjectId: string | null;
  requestId: string | null;
  ip: string | null;
  reason: string | null;
  changes: unknown;
}

export function canonicalEvent(e: ChainedEvent): string {
  return canonicalJson({
    id: e.id,
    organizationId: e.organizationId,
    seq: e.seq,
    createdAt: e.createdAt.toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    subjectId: e.subjectId,
    requestId: e.requestId,
    ip: e.ip,
    reason: e.reason,
    changes: e.changes ?? null,
  });
}

/** HMAC-SHA256(key, previous hash ‖ canonical event), hex. */
export function chainHash(key: Buffer, prevHash: string, event: ChainedEvent): string {
  return createHmac('sha256', key)
    .update(prevHash)
    .update('\n')
    .update(canonicalEvent(event))
    .digest('hex');
}

/** The first link of an organisation's chain, so chains cannot be spliced across organisations. */
export function genesisHash(key: Buffer, organizationId: string): string {
  return createHmac('sha256', key).update(`genesis:${organizationId}`).digest('hex');
}
