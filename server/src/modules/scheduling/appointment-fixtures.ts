import type { Appointment } from '@anxin/common';
import { availabilityRules } from '../../platform/db/schema/index.ts';
import type { Role } from '@anxin/common';
import { csrfForSession } from '../../platform/auth/cookies.ts';
import { createSession } from '../../platform/auth/session-store.ts';
import { TestClient as Client } from '../../test/http-client.ts';
import { grantConsents } from '../consent/test-support/consent-fixtures.ts';
import { createMember } from '../../test/identity-fixtures.ts';
import type { TestApp } from '../../test/test-app.ts';
import {
  buildCounselor,
  type CounselorSpec,
} from '../counselors/test-support/counselor-factory.ts';

/** Test helpers for booking: counselors with open hours, verified clients, dates on the grid. */

export const APPOINTMENTS = '/api/v1/appointments';
const DAY = 86_400_000;

/** A listable counselor open 08:00–20:00 (Asia/Shanghai) every day of the week. */
export async function openCounselor(t: TestApp, spec: CounselorSpec = {}) {
  const c = await buildCounselor(t, spec);
  await t.database.db.insert(availabilityRules).values(
    [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      organizationId: c.organizationId,
      counselorId: c.profileId,
      weekday,
      startTime: '08:00',
      endTime: '20:00',
    })),
  );
  const client = await sessionFor(t, c.member, ['counselor']);
  return { ...c, client };
}

/**
 * A client account, verified and holding the consents booking needs (B10) unless told
 * otherwise: the consent tests start from a client without them.
 */
export async function clientMember(t: TestApp, name = 'client', verified = true, consented = true) {
  const member = await createMember(t, ['client'], name);
  if (verified)
    await t.database.query('UPDATE users SET email_verified_at = now() WHERE id = $1', [
      member.userId,
    ]);
  if (consented) await grantConsents(t.database.db, member.organizationId, member.userId);
  return member;
}

export async function signedInMember(
  t: TestApp,
  name = 'client',
  verified = true,
  consented = true,
) {
  const member = await clientMember(t, name, verified, consented);
  return { ...member, client: await sessionFor(t, member, ['client']) };
}

/**
 * A signed-in client with a session written straight to the store (second factor done): the
 * sign-in route is rate limited per address, and the race test needs fifty people at once.
 */
export async function sessionFor(
  t: TestApp,
  member: { userId: string; organizationId: string },
  roles: Role[],
): Promise<Client> {
  const { token } = await createSession(t.database.db, {
    organizationId: member.organizationId,
    userId: member.userId,
    roles,
    mfaVerified: true,
    ip: null,
    userAgent: null,
  });
  const client = new Client(t.app);
  client.cookies.set('anxin_session', token);
  client.cookies.set('anxin_csrf', csrfForSession(t.ctx.vault.keyring.tokenKey, token));
  return client;
}

export async function signedInAdministrator(t: TestApp) {
  const member = await createMember(t, ['administrator'], 'admin');
  return { ...member, client: await sessionFor(t, member, ['administrator']) };
}

/** `hour`:00 in Shanghai (UTC+8, no DST), `days` from today: always on the 30-minute grid. */
export function slotAt(days: number, hour = 10): string {
  const midnight = new Date(new Date(Date.now() + days * DAY).toISOString().slice(0, 10));
  return new Date(midnight.getTime() + (hour - 8) * 3_600_000).toISOString();
}

export async function book(
  client: Client,
  counselorId: string,
  startsAt: string,
  extra: { sessionType?: string } = {},
) {
  const res = await client.post(APPOINTMENTS, {
    counselorId,
    startsAt,
    modality: 'video',
    ...extra,
  });
  return { res, body: res.json<Appointment>() };
}

/**
 * An appointment written straight to the table: for starts too near for a slot (minimum
 * notice) or in the past, which the API rightly refuses to book.
 */
export async function insertAppointmentRow(
  t: TestApp,
  v: {
    organizationId: string;
    counselorId: string;
    clientUserId: string;
    startsAt: Date;
    status?: 'booked' | 'pending' | 'noshow' | 'arrived';
    noShowReason?: 'absent' | 'late_cancel' | null;
  },
): Promise<string> {
  const endsAt = new Date(v.startsAt.getTime() + 50 * 60_000);
  const rows = await t.database.query<{ id: string }>(
    `INSERT INTO appointments (organization_id, counselor_id, client_user_id, session_type_code,
       kind, modality, starts_at, ends_at, blocked_from, blocked_until, status, no_show_reason, fee_fen)
     VALUES ($1, $2, $3, 'follow_up', 'follow_up', 'video', $4, $5, $4, $6, $7, $8, 40000)
     RETURNING id`,
    [
      v.organizationId,
      v.counselorId,
      v.clientUserId,
      v.startsAt.toISOString(),
      endsAt.toISOString(),
      new Date(endsAt.getTime() + 10 * 60_000).toISOString(),
      v.status ?? 'booked',
      v.noShowReason ?? null,
    ],
  );
  const id = rows[0]?.id;
  if (!id) throw new Error('appointment not inserted');
  return id;
}
