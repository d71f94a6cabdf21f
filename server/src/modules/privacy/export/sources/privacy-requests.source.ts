import { and, asc, eq } from 'drizzle-orm';
import { privacyRequests } from '../../../../platform/db/schema/index.ts';
import { requestRef } from '../../requests/request-crypto.ts';
import { iso, personKey, type ExportSource } from '../export-source.ts';

/** The person's requests about their data, with what they asked and the answers. */
export const privacyRequestsSource: ExportSource = {
  name: 'privacyRequests',
  async collect(tx, vault, subject) {
    const rows = await tx
      .select()
      .from(privacyRequests)
      .where(
        and(
          eq(privacyRequests.organizationId, subject.organizationId),
          eq(privacyRequests.subjectUserId, subject.userId),
        ),
      )
      .orderBy(asc(privacyRequests.receivedAt));
    const owner = personKey(subject.userId);
    return Promise.all(
      rows.map(async (r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        scope: r.scope,
        detail: await vault.decryptOrNull(owner, requestRef(r.id, 'detail'), r.detailEnc),
        answer: await vault.decryptOrNull(owner, requestRef(r.id, 'answer'), r.answerEnc),
        receivedAt: iso(r.receivedAt),
        dueAt: iso(r.dueAt),
        completedAt: iso(r.completedAt),
        certificate: r.certificate ?? null,
      })),
    );
  },
};
