import { CONSENT_SCOPE_DOCUMENT, REQUIRED_CONSENT_SCOPES, type ConsentScope } from '@anxin/common';
import type { Db } from '../../../platform/db/database.ts';
import { consents } from '../../../platform/db/schema/index.ts';
import { findCurrentDocument } from '../policy-document.repo.ts';

/**
 * Active consents written straight to the table, on the documents in force: for tests and
 * benchmarks whose subject is something else (booking, reminders) and need a client who may book.
 * The consent tests themselves go through the API.
 */
export async function grantConsents(
  db: Db,
  organizationId: string,
  userId: string,
  scopes: readonly ConsentScope[] = REQUIRED_CONSENT_SCOPES,
  signer: { signer: 'self' | 'guardian'; signerUserId: string } = {
    signer: 'self',
    signerUserId: userId,
  },
): Promise<void> {
  for (const scope of scopes) {
    const doc = await findCurrentDocument(
      db,
      organizationId,
      CONSENT_SCOPE_DOCUMENT[scope],
      new Date(),
    );
    if (!doc) throw new Error(`no ${CONSENT_SCOPE_DOCUMENT[scope]} in force`);
    await db.insert(consents).values({
      organizationId,
      subjectId: userId,
      scope,
      status: 'active',
      documentId: doc.id,
      documentVersion: doc.version,
      documentHash: doc.contentHash,
      ...signer,
    });
  }
}
