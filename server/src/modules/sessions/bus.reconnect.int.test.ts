import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { openTestDatabase, testBackend } from '../../test/test-database.ts';
import { PostgresRoomBus, type RoomEvent } from './bus.ts';

/**
 * The bus's connections can be cut under it (a database restart, a network fault). NOTIFY keeps
 * nothing for a listener that is gone, so after reconnecting the bus must tell its sockets to
 * read what they missed. The embedded database has an in-process bus with no connection to lose.
 */
describe.skipIf(testBackend() !== 'postgres')(
  'LISTEN/NOTIFY bus across a lost connection (PostgreSQL only)',
  () => {
    let database: Database;
    let a: PostgresRoomBus;
    let b: PostgresRoomBus;

    beforeAll(async () => {
      database = await openTestDatabase();
      a = new PostgresRoomBus(database.url ?? '');
      b = new PostgresRoomBus(database.url ?? '');
      await Promise.all([a.start(), b.start()]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
      await database.close();
    });

    /** Ends the backend of one of `bus`'s clients, as an administrator or a failover would. */
    async function terminate(bus: PostgresRoomBus, which: 'listener' | 'publisher') {
      const rows = await database.query<{ ended: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1`,
        [`anxin-room-${which} ${bus.origin.slice(0, 8)}`],
      );
      expect(rows).toEqual([{ ended: true }]);
    }

    it('reconnects a cut listener, tells its rooms to resync, and receives again', async () => {
      const room = randomUUID();
      const got: RoomEvent[] = [];
      a.subscribe(room, (e) => got.push(e));
      await b.publish(room, { kind: 'message', seq: 1 });
      await vi.waitFor(() => expect(got).toEqual([{ kind: 'message', seq: 1 }]));

      await terminate(a, 'listener');
      await vi.waitFor(() => expect(got).toContainEqual({ kind: 'resync' }), { timeout: 10_000 });
      expect(a.connected).toBe(true);
      await b.publish(room, { kind: 'message', seq: 2 });
      await vi.waitFor(() => expect(got.at(-1)).toEqual({ kind: 'message', seq: 2 }));
    });

    it('a message published across a cut publisher still reaches the other process', async () => {
      const room = randomUUID();
      const got: RoomEvent[] = [];
      b.subscribe(room, (e) => got.push(e));
      await terminate(a, 'publisher');
      // Whether the publication meets the dead connection or the new one, the other process
      // hears of the message: as the message, or as a resync of its room.
      await a.publish(room, { kind: 'message', seq: 7 });
      await vi.waitFor(
        () =>
          expect(
            got.some((e) => e.kind === 'resync' || (e.kind === 'message' && e.seq === 7)),
          ).toBe(true),
        { timeout: 10_000 },
      );
      await vi.waitFor(() => expect(a.connected).toBe(true), { timeout: 10_000 });
      await a.publish(room, { kind: 'message', seq: 8 });
      await vi.waitFor(() => expect(got.at(-1)).toEqual({ kind: 'message', seq: 8 }));
    });
  },
);
