import type { ReadyResponse } from '@anxin/common';
import type { AppContext } from '../../app-context.ts';
import { appliedMigrationCount, expectedMigrationCount } from '../../platform/db/migrate.ts';

type Check = ReadyResponse['checks'][number];

const EXPECTED = expectedMigrationCount();

/** Ready = the database answers and holds every migration this build ships (and jobs run if on). */
export async function checkReadiness(ctx: AppContext): Promise<ReadyResponse> {
  const checks: Check[] = [];
  let dbOk = false;
  try {
    await ctx.database.query('SELECT 1');
    dbOk = true;
    checks.push({ name: 'database', ok: true, detail: ctx.database.kind });
  } catch {
    checks.push({ name: 'database', ok: false, detail: 'unreachable' });
  }
  if (dbOk) {
    const applied = await appliedMigrationCount(ctx.database).catch(() => 0);
    checks.push({ name: 'migrations', ok: applied >= EXPECTED, detail: `${applied}/${EXPECTED}` });
  } else {
    checks.push({ name: 'migrations', ok: false, detail: 'unknown' });
  }
  if (ctx.config.jobs) {
    const running = ctx.jobs?.isRunning() ?? false;
    checks.push({ name: 'jobs', ok: running, detail: running ? 'running' : 'stopped' });
  }
  return { status: checks.every((c) => c.ok) ? 'ready' : 'not_ready', checks };
}
