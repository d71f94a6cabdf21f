import type { PersonalDataExport } from '@anxin/common';
import { eq } from 'drizzle-orm';
import { audit, auditRead } from '../../../platform/audit/request-audit.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { users } from '../../../platform/db/schema/index.ts';
import type { PrivacyContext } from '../requests/privacy-requests.service.ts';
import { organizationTimeZone } from '../requests/working-calendar.repo.ts';
import { collectAccessLog } from './access-log.repo.ts';
import { renderExportHtml } from './export-html.ts';
import { EXPORT_SOURCES } from './sources/index.ts';

export const EXPORT_FORMAT = 'anxin.personal-data-export/1' as const;

/**
 * Everything held about the signed-in person (B3, B11), from every registered source, read in one
 * transaction so the sections agree with each other. The export is itself a read of sensitive
 * data: its audit event is written in the same transaction, so no export leaves unrecorded.
 */
export async function exportOwnData(
  ctx: PrivacyContext,
  actor: Actor,
  format: 'json' | 'html',
): Promise<{ data: PersonalDataExport; locale: 'zh-CN' | 'en'; timeZone: string }> {
  const subject = { organizationId: actor.organizationId, userId: actor.userId };
  return ctx.app.database.db.transaction(async (tx) => {
    const vault = ctx.app.vault.scope(tx, actor.organizationId);
    const sections: PersonalDataExport['sections'] = {};
    // One source after another: a transaction is one connection, so parallel queries would
    // only queue behind each other.
    for (const source of EXPORT_SOURCES) {
      sections[source.name] = await source.collect(tx, vault, subject);
    }
    await audit(tx, ctx.app.vault.keyring.auditKey, ctx.meta, {
      organizationId: actor.organizationId,
      action: 'privacy.export',
      entityType: 'user',
      entityId: actor.userId,
      subjectId: actor.userId,
      changes: { format: { old: null, new: format } },
    });
    const [user] = await tx
      .select({ locale: users.locale })
      .from(users)
      .where(eq(users.id, actor.userId));
    return {
      data: {
        format: EXPORT_FORMAT,
        generatedAt: new Date().toISOString(),
        subjectUserId: actor.userId,
        sections,
      },
      locale: user?.locale ?? 'zh-CN',
      timeZone: await organizationTimeZone(tx, actor.organizationId),
    };
  });
}

export async function exportOwnDataHtml(ctx: PrivacyContext, actor: Actor): Promise<string> {
  const { data, locale, timeZone } = await exportOwnData(ctx, actor, 'html');
  return renderExportHtml(data, { locale, timeZone });
}

/** The person's access log, a page at a time; reading it is audited like any sensitive read. */
export async function readOwnAccessLog(
  ctx: PrivacyContext,
  actor: Actor,
  q: { before?: number | undefined; limit: number },
) {
  const subject = { organizationId: actor.organizationId, userId: actor.userId };
  const rows = await collectAccessLog(ctx.app.database.db, subject, {
    before: q.before,
    limit: q.limit + 1,
  });
  await auditRead(ctx.app, ctx.meta, {
    organizationId: actor.organizationId,
    action: 'privacy.access_log.read',
    entityType: 'user',
    entityId: actor.userId,
    subjectId: actor.userId,
  });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map(({ seq: _seq, ...e }) => e),
    nextBefore: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}
