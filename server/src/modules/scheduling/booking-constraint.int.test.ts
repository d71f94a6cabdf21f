import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../../platform/db/schema/index.ts';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { buildCounselor } from '../counselors/test-support/counselor-factory.ts';

const MIN = 60_000;

/** The SQLSTATE of a failed insert, through Drizzle's wrapping. */
function sqlState(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code;
}

/**
 * The exclusion constraints are the guarantee against double booking (A4): these tests write
 * straight to the table, with no application check in between, and expect the database to refuse.
 */
describe('appointments cannot overlap (database exclusion constraints)', () => {
  let t: TestApp;
  let organizationId: string;
  let counselorId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const c = await buildCounselor(t, { name: 'booked' });
    counselorId = c.profileId;
    organizationId = c.member.organizationId;
  });
  afterAll(() => t.close());

  const slot = (
    clientUserId: string,
    startsAt: Date,
    o: {
      minutes?: number;
      before?: number;
      after?: number;
      counselor?: string;
      status?: 'booked' | 'cancelled';
    } = {},
  ) => {
    const endsAt = new Date(startsAt.getTime() + (o.minutes ?? 50) * MIN);
    return {
      organizationId,
      counselorId: o.counselor ?? counselorId,
      clientUserId,
      sessionTypeCode: 'follow_up',
      kind: 'follow_up' as const,
      modality: 'video' as const,
      startsAt,
      endsAt,
      blockedFrom: new Date(startsAt.getTime() - (o.before ?? 0) * MIN),
      blockedUntil: new Date(endsAt.getTime() + (o.after ?? 10) * MIN),
      status: o.status ?? ('booked' as const),
    };
  };
  const insert = (v: ReturnType<typeof slot>) => t.database.db.insert(appointments).values(v);

  it('lets exactly one of 50 concurrent bookings of one slot through; the rest get 23P01', async () => {
    const clients = await Promise.all(
      Array.from({ length: 50 }, (_, i) => createMember(t, ['client'], `race${i}`)),
    );
    const start = new Date('2027-01-04T02:00:00Z');
    const results = await Promise.allSettled(clients.map((c) => insert(slot(c.userId, start))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [sqlState(r.reason)] : []));
    // Every loser is refused by the constraint: 23P01, or 40P01 when two uncommitted inserts
    // waited on each other's index entry and PostgreSQL aborted one (it never lets both in).
    expect(codes).toHaveLength(49);
    expect(codes.filter((c) => c !== '23P01' && c !== '40P01')).toEqual([]);
  });

  it('holds buffers: a start inside the previous session’s buffer is refused, right after it is not', async () => {
    const [a, b, c] = await Promise.all(
      ['buf-a', 'buf-b', 'buf-c'].map((n) => createMember(t, ['client'], n)),
    );
    if (!a || !b || !c) throw new Error('clients');
    const first = new Date('2027-01-05T02:00:00Z'); // 02:00–02:50, blocked until 03:00
    await insert(slot(a.userId, first));
    await expect(insert(slot(b.userId, new Date('2027-01-05T02:55:00Z')))).rejects.toSatisfy(
      (e) => sqlState(e) === '23P01',
    );
    await expect(insert(slot(c.userId, new Date('2027-01-05T03:00:00Z')))).resolves.toBeDefined();
  });

  it('refuses one client two overlapping sessions with different counselors', async () => {
    const client = await createMember(t, ['client'], 'double');
    const other = await buildCounselor(t, { name: 'other' });
    const start = new Date('2027-01-06T02:00:00Z');
    await insert(slot(client.userId, start));
    await expect(
      insert(slot(client.userId, new Date('2027-01-06T02:30:00Z'), { counselor: other.profileId })),
    ).rejects.toSatisfy((e) => sqlState(e) === '23P01');
  });

  it('frees the time of a cancelled appointment', async () => {
    const [a, b] = await Promise.all(
      ['free-a', 'free-b'].map((n) => createMember(t, ['client'], n)),
    );
    if (!a || !b) throw new Error('clients');
    const start = new Date('2027-01-07T02:00:00Z');
    await insert(slot(a.userId, start, { status: 'cancelled' }));
    await expect(insert(slot(b.userId, start))).resolves.toBeDefined();
  });

  it('refuses a session that ends before it starts', async () => {
    const client = await createMember(t, ['client'], 'backwards');
    const v = slot(client.userId, new Date('2027-01-08T02:00:00Z'));
    await expect(insert({ ...v, endsAt: v.startsAt })).rejects.toSatisfy(
      (e) => sqlState(e) === '23514',
    );
  });
});

describe('session types', () => {
  it('gives a new organisation an intake and a follow-up type', async () => {
    const t = await createTestApp();
    try {
      const rows = await t.database.query<{
        code: string;
        duration_minutes: number;
        is_intake: boolean;
      }>('SELECT code, duration_minutes, is_intake FROM session_types ORDER BY sort_order');
      expect(rows).toEqual([
        { code: 'intake', duration_minutes: 60, is_intake: true },
        { code: 'follow_up', duration_minutes: 50, is_intake: false },
      ]);
    } finally {
      await t.close();
    }
  });
});
