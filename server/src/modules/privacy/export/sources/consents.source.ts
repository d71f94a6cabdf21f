import { and, asc, eq } from 'drizzle-orm';
import { consents } from '../../../../platform/db/schema/index.ts';
import { iso, personKey, type ExportSource } from '../export-source.ts';

/** Every consent decision, active or not: the consent history. */
export const consentsSource: ExportSource = {
  name: 'consents',
  async collect(tx, vault, subject) {
    const rows = await tx
      .select()
      .from(consents)
      .where(
        and(
          eq(consents.organizationId, subject.organizationId),
          eq(consents.subjectType, 'user'),
          eq(consents.subjectId, subject.userId),
        ),
      )
      .orderBy(asc(consents.decidedAt));
    return Promise.all(
      rows.map(async (c) => ({
        id: c.id,
        scope: c.scope,
        status: c.status,
        documentVersion: c.documentVersion,
        documentHash: c.documentHash,
        decidedAt: iso(c.decidedAt),
        method: c.method,
        signer: c.signer,
        ip: await vault.decryptOrNull(
          personKey(subject.userId),
          { table: 'consents', field: 'ip', recordId: c.id },
          c.ipEnc,
        ),
        withdrawnAt: iso(c.withdrawnAt),
      })),
    );
  },
};
