import { and, asc, eq } from 'drizzle-orm';
import { disclosures } from '../../../../platform/db/schema/index.ts';
import { iso, personKey, type ExportSource } from '../export-source.ts';

const ref = (field: 'recipient' | 'content', recordId: string) => ({
  table: 'disclosures',
  field,
  recordId,
});

/** What was disclosed about the person, to whom and on which basis (B7). */
export const disclosuresSource: ExportSource = {
  name: 'disclosures',
  async collect(tx, vault, subject) {
    const rows = await tx
      .select()
      .from(disclosures)
      .where(
        and(
          eq(disclosures.organizationId, subject.organizationId),
          eq(disclosures.subjectUserId, subject.userId),
        ),
      )
      .orderBy(asc(disclosures.disclosedAt));
    const owner = personKey(subject.userId);
    return Promise.all(
      rows.map(async (d) => ({
        id: d.id,
        basis: d.basis,
        legalReference: d.legalReference,
        recipient: await vault.decryptOrNull(owner, ref('recipient', d.id), d.recipientEnc),
        content: await vault.decryptOrNull(owner, ref('content', d.id), d.contentEnc),
        disclosedAt: iso(d.disclosedAt),
        approvedAt: iso(d.approvedAt),
      })),
    );
  },
};
