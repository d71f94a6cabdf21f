import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appendAuditBatch } from '../../../../platform/audit/audit.ts';
import type { Vault } from '../../../../platform/crypto/vault.ts';
import type { Db } from '../../../../platform/db/database.ts';
import {
  appointments,
  careEpisodes,
  chatMessages,
  consents,
  disclosures,
  ledgerEntries,
  privacyRequests,
  sessionRooms,
} from '../../../../platform/db/schema/index.ts';
import { enqueueNotification } from '../../../notifications/notification.service.ts';
import { openPrivacyRequest } from '../../requests/privacy-request.service.ts';
import { requestRef } from '../../requests/request-crypto.ts';

export interface SeedCounts {
  appointments: number;
  ledgerEntries: number;
  consents: number;
  requests: number;
  disclosures: number;
  notifications: number;
  auditEvents: number;
}

/**
 * A person's records in every exported table, each sealed text carrying `marker` so a test can
 * tell whose data an export holds. For the export tests and the export benchmark.
 */
export async function seedPersonRecords(
  db: Db,
  vault: Vault,
  auditKey: Buffer,
  p: {
    organizationId: string;
    userId: string;
    counselorProfileId: string;
    staffUserId: string;
    marker: string;
    /** Appointments are an hour apart from here back in time (no overlaps with others'). */
    firstStart: Date;
    counts: SeedCounts;
  },
): Promise<void> {
  const owner = { type: 'person' as const, id: p.userId };
  await db.transaction(async (tx) => {
    const v = vault.scope(tx, p.organizationId);
    const [episode] = await tx
      .insert(careEpisodes)
      .values({
        organizationId: p.organizationId,
        clientUserId: p.userId,
        counselorId: p.counselorProfileId,
        status: 'active',
      })
      .returning();
    if (!episode) throw new Error('episode not inserted');
    const appointmentIds: string[] = [];
    for (let i = 0; i < p.counts.appointments; i++) {
      const id = randomUUID();
      const startsAt = new Date(p.firstStart.getTime() - i * 3_600_000);
      const endsAt = new Date(startsAt.getTime() + 45 * 60_000);
      const cancelled = i % 2 === 1;
      await tx.insert(appointments).values({
        id,
        organizationId: p.organizationId,
        counselorId: p.counselorProfileId,
        clientUserId: p.userId,
        episodeId: episode.id,
        sessionTypeCode: 'follow_up',
        kind: 'follow_up',
        modality: 'video',
        startsAt,
        endsAt,
        blockedFrom: startsAt,
        blockedUntil: endsAt,
        status: cancelled ? 'cancelled' : 'fulfilled',
        cancelledAt: cancelled ? startsAt : null,
        cancelledBy: cancelled ? 'client' : null,
        cancellationReasonEnc: cancelled
          ? await v.encrypt(
              owner,
              { table: 'appointments', field: 'cancellation_reason', recordId: id },
              `${p.marker} cancel reason ${i}`,
            )
          : null,
        feeFen: 40_000,
      });
      appointmentIds.push(id);
    }
    // The session of the first (fulfilled) appointment: its room and one sealed message.
    if (appointmentIds[0]) {
      const start = p.firstStart;
      const [room] = await tx
        .insert(sessionRooms)
        .values({
          organizationId: p.organizationId,
          appointmentId: appointmentIds[0],
          clientUserId: p.userId,
          counselorUserId: p.staffUserId,
          status: 'ended',
          opensAt: new Date(start.getTime() - 600_000),
          closesAt: new Date(start.getTime() + 3_600_000),
          startedAt: start,
          endedAt: new Date(start.getTime() + 45 * 60_000),
          endReason: 'completed',
          lastSeq: 1,
        })
        .returning();
      if (!room) throw new Error('room not inserted');
      const messageId = randomUUID();
      await tx.insert(chatMessages).values({
        id: messageId,
        organizationId: p.organizationId,
        roomId: room.id,
        seq: 1,
        senderUserId: p.userId,
        clientMessageId: randomUUID(),
        bodyEnc: await v.encrypt(
          owner,
          { table: 'chat_messages', field: 'body', recordId: messageId },
          `${p.marker} chat message`,
        ),
      });
    }
    for (let i = 0; i < p.counts.ledgerEntries; i++) {
      await tx.insert(ledgerEntries).values({
        organizationId: p.organizationId,
        clientUserId: p.userId,
        appointmentId: appointmentIds[i % Math.max(appointmentIds.length, 1)] ?? null,
        kind: 'payment',
        amountFen: 40_000,
        provider: 'offline',
        reference: `${p.marker}-pay-${i}`,
      });
    }
    for (let i = 0; i < p.counts.consents; i++) {
      const id = randomUUID();
      await tx.insert(consents).values({
        id,
        organizationId: p.organizationId,
        subjectId: p.userId,
        scope: 'anonymous_statistics',
        status: 'inactive',
        decidedAt: new Date(Date.now() - (i + 1) * 86_400_000),
        ipEnc: await v.encrypt(
          owner,
          { table: 'consents', field: 'ip', recordId: id },
          '203.0.113.7',
        ),
      });
    }
    for (let i = 0; i < p.counts.requests; i++) {
      const r = await openPrivacyRequest(tx, v, {
        organizationId: p.organizationId,
        subjectUserId: p.userId,
        kind: 'access',
        detail: `${p.marker} request ${i}`,
      });
      await tx
        .update(privacyRequests)
        .set({
          answerEnc: await v.encrypt(owner, requestRef(r.id, 'answer'), `${p.marker} answer ${i}`),
        })
        .where(eq(privacyRequests.id, r.id));
    }
    for (let i = 0; i < p.counts.disclosures; i++) {
      const id = randomUUID();
      const ref = (field: string) => ({ table: 'disclosures', field, recordId: id });
      await tx.insert(disclosures).values({
        id,
        organizationId: p.organizationId,
        subjectUserId: p.userId,
        basis: 'legal_obligation',
        recipientEnc: await v.encrypt(owner, ref('recipient'), `${p.marker} court ${i}`),
        contentEnc: await v.encrypt(owner, ref('content'), `${p.marker} disclosed ${i}`),
        disclosedAt: new Date(),
        recordedBy: p.staffUserId,
      });
    }
    for (let i = 0; i < p.counts.notifications; i++) {
      await enqueueNotification(tx, v, {
        organizationId: p.organizationId,
        userId: p.userId,
        keyOwner: owner,
        template: 'sign_in_locked',
        params: { minutes: 15 },
        locale: 'en',
        channel: 'in_app',
      });
    }
    await appendAuditBatch(
      tx,
      auditKey,
      Array.from({ length: p.counts.auditEvents }, (_, i) => ({
        organizationId: p.organizationId,
        actorId: p.staffUserId,
        actorRole: 'counselor',
        action: 'appointment.read',
        entityType: 'appointment',
        entityId: appointmentIds[i % Math.max(appointmentIds.length, 1)] ?? null,
        subjectId: p.userId,
      })),
    );
  });
}
