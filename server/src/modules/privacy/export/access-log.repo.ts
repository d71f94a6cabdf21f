import { isStaffRole, type AccessLogEntry, type Role } from '@anxin/common';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import { auditEvents, users } from '../../../platform/db/schema/index.ts';
import type { ExportSubject } from './export-source.ts';

/**
 * Audit events whose subject is the person: who did what with their records, newest first.
 * Staff are shown by display name and role; another client, or the system, by role alone —
 * a person's access log must not itself disclose another client.
 */
export async function collectAccessLog(
  db: Db,
  subject: ExportSubject,
  page: { before?: number | undefined; limit: number | null },
): Promise<(AccessLogEntry & { seq: number })[]> {
  const q = db
    .select({
      id: auditEvents.id,
      seq: auditEvents.seq,
      createdAt: auditEvents.createdAt,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      actorId: auditEvents.actorId,
      actorRole: auditEvents.actorRole,
      actorName: users.displayName,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.organizationId, subject.organizationId),
        eq(auditEvents.subjectId, subject.userId),
        page.before !== undefined ? lt(auditEvents.seq, page.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.seq));
  const rows = await (page.limit === null ? q : q.limit(page.limit));
  return rows.map((r) => {
    const self = r.actorId === subject.userId;
    const staff = r.actorRole !== null && isStaffRole(r.actorRole as Role);
    return {
      id: r.id,
      seq: r.seq,
      at: r.createdAt.toISOString(),
      action: r.action,
      entityType: r.entityType,
      actorRole: r.actorRole,
      actorName: !self && staff ? (r.actorName ?? null) : null,
      self,
    };
  });
}
