import { randomUUID } from 'node:crypto';
import type { VaultScope } from '../../../platform/crypto/vault.ts';
import type { Db } from '../../../platform/db/database.ts';
import { privacyRequests } from '../../../platform/db/schema/index.ts';
import { readPrivacySettings } from './privacy-settings.ts';
import { requestOwner, requestRef } from './request-crypto.ts';
import { exceptionsFrom, organizationTimeZone } from './working-calendar.repo.ts';
import { addWorkingDays, endOfLocalDay, localDate } from './working-days.ts';

export type PrivacyRequestKindName = 'access' | 'correction' | 'deletion' | 'withdrawal';

/**
 * When a request received at `receivedAt` is due: N working days later on the organisation's
 * calendar in its time zone, at the end of that local day.
 */
export async function dueDateOf(db: Db, organizationId: string, receivedAt: Date): Promise<Date> {
  const [settings, zone] = await Promise.all([
    readPrivacySettings(db, organizationId),
    organizationTimeZone(db, organizationId),
  ]);
  const start = localDate(receivedAt, zone);
  const exceptions = await exceptionsFrom(db, organizationId, start);
  return endOfLocalDay(addWorkingDays(start, settings.requestDueWorkingDays, exceptions), zone);
}

/**
 * Records a data-subject request (B11) in `tx`. Used by the request route and by other modules
 * (a consent withdrawal opens one). The caller writes the audit event in the same transaction.
 */
export async function openPrivacyRequest(
  tx: Db,
  vault: VaultScope,
  input: {
    organizationId: string;
    subjectUserId: string;
    kind: PrivacyRequestKindName;
    scope?: string | null;
    detail?: string | null;
    now?: Date;
  },
): Promise<{ id: string; dueAt: Date }> {
  const receivedAt = input.now ?? new Date();
  const dueAt = await dueDateOf(tx, input.organizationId, receivedAt);
  // The id is chosen here so the detail's ciphertext can be bound to its row.
  const id = randomUUID();
  const detailEnc = await vault.encryptOrNull(
    requestOwner(input.subjectUserId),
    requestRef(id, 'detail'),
    input.detail ?? null,
  );
  await tx.insert(privacyRequests).values({
    id,
    organizationId: input.organizationId,
    subjectUserId: input.subjectUserId,
    kind: input.kind,
    scope: input.scope ?? null,
    receivedAt,
    dueAt,
    detailEnc,
  });
  return { id, dueAt };
}
