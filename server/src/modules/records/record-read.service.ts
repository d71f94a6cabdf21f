import { and, eq, ne, or } from 'drizzle-orm';
import { auditRead } from '../../platform/audit/request-audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { clinicalRecords } from '../../platform/db/schema/index.ts';
import { verifyChain } from './record-hash.ts';
import { readEvent } from './record-read-event.ts';
import { recordPolicy } from './record.policy.ts';
import { selectRecords, templatesById, versionsOf } from './record.repo.ts';
import {
  build,
  loadVisible,
  openVersions,
  owner,
  templateOf,
  type RecordsContext,
} from './record.service.ts';

// Reads over many versions or records (the chain check, the client's list), apart from the
// writes in record.service.ts.

/** Recomputes every version's hash from its decrypted content and checks the links (audited). */
export async function verifyRecord(ctx: RecordsContext, actor: Actor, id: string) {
  const db = ctx.app.database.db;
  const hit = await loadVisible(db, actor, id);
  const template = await templateOf(db, hit.row);
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  const rows = await versionsOf(db, [id]);
  // A version whose envelope no longer opens (changed bytes, wrong binding) is reported, not
  // thrown: finding such a version is what verification is for.
  const opened = await Promise.all(
    rows.map(async (row) => {
      try {
        const [v] = await openVersions(vault, hit.row, [row]);
        return v ?? null;
      } catch {
        return null;
      }
    }),
  );
  const unreadable = rows.flatMap((r, i) =>
    opened[i] ? [] : [{ version: r.version, problem: 'unreadable' }],
  );
  const problems = verifyChain(
    rows.map((row, i) => ({
      facts: {
        recordId: hit.row.id,
        recordType: hit.row.recordType,
        clientUserId: hit.row.clientUserId,
        template: { id: template.id, version: template.version },
        version: row.version,
        kind: row.kind,
        authorUserId: row.authorUserId,
        signedAt: row.signedAt,
        reason: opened[i]?.reason ?? null,
        content: opened[i]?.content ?? {},
        prevHash: row.prevHash,
      },
      hash: row.hash,
    })),
    { version: hit.row.headVersion, hash: hit.row.headHash },
  ).filter(
    (p) => !(p.problem === 'hash_mismatch' && unreadable.some((u) => u.version === p.version)),
  );
  await auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    action: 'clinical_record.verify',
    entityType: 'clinical_record',
    entityId: id,
    subjectId: hit.row.clientUserId,
  });
  const all = [...unreadable, ...problems].sort((a, b) => a.version - b.version);
  return { intact: all.length === 0, versions: rows.length, problems: all };
}

/**
 * The client's records the actor may read, newest first, decrypted: the chart's notes. The list
 * uses the same policy as the item check (as SQL), and every record returned is an audited read.
 */
export async function listClientRecords(ctx: RecordsContext, actor: Actor, clientUserId: string) {
  const db = ctx.app.database.db;
  const hits = await selectRecords(
    db,
    and(
      recordPolicy.filter(actor, 'read', clinicalRecords),
      eq(clinicalRecords.clientUserId, clientUserId),
      or(ne(clinicalRecords.status, 'draft'), eq(clinicalRecords.authorUserId, actor.userId)),
    ) ?? eq(clinicalRecords.id, clinicalRecords.id),
  );
  const vault = ctx.app.vault.scope(db, actor.organizationId);
  await vault.preload([owner(clientUserId)]);
  const templates = await templatesById(
    db,
    actor.organizationId,
    hits.map((h) => h.row.templateId),
  );
  const versions = await versionsOf(
    db,
    hits.map((h) => h.row.id),
  );
  const byRecord = new Map<string, typeof versions>();
  for (const v of versions) byRecord.set(v.recordId, [...(byRecord.get(v.recordId) ?? []), v]);
  const items = await Promise.all(
    hits.map(async (hit) => {
      const template = templates.get(hit.row.templateId);
      if (!template) throw new Error('record template missing');
      return build(db, vault, actor, hit, template, byRecord.get(hit.row.id) ?? []);
    }),
  );
  await Promise.all(
    hits.map((hit) =>
      auditRead(ctx.app, ctx.meta, {
        organizationId: actor.organizationId,
        ...readEvent(actor, hit.resource),
        entityType: 'clinical_record',
        entityId: hit.row.id,
        subjectId: clientUserId,
      }),
    ),
  );
  return { items };
}
