import { and, asc, eq } from 'drizzle-orm';
import { ledgerEntries } from '../../../../platform/db/schema/index.ts';
import { iso, type ExportSource } from '../export-source.ts';

/** Charges, payments and refunds of the person (C10). */
export const ledgerSource: ExportSource = {
  name: 'ledgerEntries',
  async collect(tx, _vault, subject) {
    const rows = await tx
      .select()
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.organizationId, subject.organizationId),
          eq(ledgerEntries.clientUserId, subject.userId),
        ),
      )
      .orderBy(asc(ledgerEntries.createdAt));
    return rows.map((l) => ({
      id: l.id,
      kind: l.kind,
      amountFen: l.amountFen,
      provider: l.provider,
      reference: l.reference,
      appointmentId: l.appointmentId,
      createdAt: iso(l.createdAt),
    }));
  },
};
