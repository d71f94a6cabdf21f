import { execFileSync } from 'node:child_process';
import type { TestApp } from '../../../test/test-app.ts';
import { testBackend } from '../../../test/test-database.ts';
import {
  appointments,
  careEpisodes,
  consents,
  notificationOutbox,
  privacyRequests,
  users,
} from '../../../platform/db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { encryptUserField } from '../../identity/user-fields.ts';
import { insertAppointment } from '../../scheduling/ledger-fixtures.ts';

/** Test helpers for erasure: a client with data in every table erasure touches, and dumps. */

export type Dump = Map<string, Record<string, string | null>[]>;

const DAY = 86_400_000;

/**
 * A client with e-mail, phone, real name, birth date, an appointment in an episode (closed
 * `closedDaysAgo` ago) with a cancellation reason, a consent with an address, a message, and a
 * deletion request. Returns the ids.
 */
export async function clientWithData(
  t: TestApp,
  c: { organizationId: string; counselorId: string; clientUserId: string },
  closedDaysAgo = 30,
) {
  const { organizationId, clientUserId } = c;
  return t.database.db.transaction(async (tx) => {
    const vault = t.ctx.vault.scope(tx, organizationId);
    const person = { type: 'person' as const, id: clientUserId };
    await tx
      .update(users)
      .set({
        phoneIndex: t.ctx.vault.blindIndex('phone', `+86138${clientUserId.slice(0, 8)}`),
        phoneEnc: await encryptUserField(vault, clientUserId, 'phone', '+8613800138000'),
        birthDateEnc: await encryptUserField(vault, clientUserId, 'birthDate', '1990-04-01'),
      })
      .where(eq(users.id, clientUserId));
    const closedAt = new Date(Date.now() - closedDaysAgo * DAY);
    const [episode] = await tx
      .insert(careEpisodes)
      .values({
        organizationId,
        clientUserId,
        counselorId: c.counselorId,
        status: 'closed',
        closedAt,
        closeReason: 'goals_met',
      })
      .returning();
    const appointment = await insertAppointment(
      { ...t, database: { ...t.database, db: tx } },
      {
        organizationId,
        counselorId: c.counselorId,
        clientUserId,
        startsAt: new Date(closedAt.getTime() - 7 * DAY),
        status: 'cancelled',
        cancelledBy: 'client',
      },
    );
    await tx
      .update(appointments)
      .set({
        episodeId: episode?.id,
        cancellationReasonEnc: await vault.encrypt(
          person,
          { table: 'appointments', field: 'cancellation_reason', recordId: appointment.id },
          'my mother was in hospital',
        ),
      })
      .where(eq(appointments.id, appointment.id));
    const consentId = crypto.randomUUID();
    await tx.insert(consents).values({
      id: consentId,
      organizationId,
      subjectId: clientUserId,
      scope: 'anonymous_statistics',
      status: 'active',
      ipEnc: await vault.encrypt(
        person,
        { table: 'consents', field: 'ip', recordId: consentId },
        '203.0.113.7',
      ),
    });
    const noteId = crypto.randomUUID();
    await tx.insert(notificationOutbox).values({
      id: noteId,
      organizationId,
      userId: clientUserId,
      channel: 'email',
      template: 'appointment_reminder',
      keyOwnerType: 'person',
      keyOwnerId: clientUserId,
      recipientEnc: await vault.encrypt(
        person,
        { table: 'notification_outbox', field: 'recipient', recordId: noteId },
        'client@example.org',
      ),
      payloadEnc: await vault.encrypt(
        person,
        { table: 'notification_outbox', field: 'payload', recordId: noteId },
        '{"subject":"reminder"}',
      ),
      status: 'sent',
    });
    const requestId = crypto.randomUUID();
    await tx.insert(privacyRequests).values({
      id: requestId,
      organizationId,
      subjectUserId: clientUserId,
      kind: 'deletion',
      status: 'in_progress',
      dueAt: new Date(Date.now() + 15 * DAY),
      detailEnc: await vault.encrypt(
        person,
        { table: 'privacy_requests', field: 'detail', recordId: requestId },
        'please delete everything about me',
      ),
    });
    return { appointmentId: appointment.id, episodeId: episode?.id, requestId, consentId };
  });
}

/**
 * The whole database as a backup would hold it. On PostgreSQL a real `pg_dump --data-only`
 * (parsed from its COPY blocks); on PGlite every row of every table read into memory.
 */
export async function dumpDatabase(t: TestApp): Promise<Dump> {
  const dump: Dump = new Map();
  if (testBackend() === 'postgres') {
    const url = t.database.url;
    if (!url) throw new Error('no database url');
    const text = execFileSync('/usr/bin/pg_dump', ['--data-only', '--schema=public', url], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    let table: string | null = null;
    let columns: string[] = [];
    for (const line of text.split('\n')) {
      const copy = /^COPY public\.(\w+) \((.+)\) FROM stdin;$/.exec(line);
      if (copy?.[1] && copy[2]) {
        table = copy[1];
        columns = copy[2].split(', ').map((c) => c.replace(/"/g, ''));
        dump.set(table, []);
        continue;
      }
      if (table && line === '\\.') {
        table = null;
        continue;
      }
      if (table) {
        const cells = line.split('\t');
        dump
          .get(table)
          ?.push(
            Object.fromEntries(
              columns.map((c, i) => [c, cells[i] === '\\N' ? null : (cells[i] ?? null)]),
            ),
          );
      }
    }
    return dump;
  }
  const tables = await t.database.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  for (const { name } of tables) {
    const rows = await t.database.query<Record<string, unknown>>(
      `SELECT * FROM ${name} ORDER BY 1`,
    );
    dump.set(
      name,
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            v === null
              ? null
              : v instanceof Date
                ? v.toISOString()
                : typeof v === 'object'
                  ? JSON.stringify(v)
                  : String(v as string | number | boolean),
          ]),
        ),
      ),
    );
  }
  return dump;
}
