import type { Database } from '../db/database.ts';

/**
 * For race tests on a server database: resolves once some session of this database waits on a
 * lock, i.e. the transaction under test has reached the point where it must wait for another.
 */
export async function waitForLockWait(database: Database): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no session ever waited on a lock');
}

/** A promise with its resolve function outside, to hold a transaction open until told. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
