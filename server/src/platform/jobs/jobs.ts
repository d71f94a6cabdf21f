import { PgBoss, fromPglite } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';

/** What a job handler gets: the app's database and a logger; nothing HTTP. */
export interface JobContext {
  database: Database;
  log: Logger;
  instanceId: string;
}

export interface JobDefinition<T extends object = object> {
  /** Queue name, `module.verb`. */
  name: string;
  /** Five-field cron in the organisation-independent UTC clock, for periodic jobs. */
  cron?: string;
  run(ctx: JobContext, data: T, jobId: string): Promise<void>;
}

export interface Jobs {
  readonly boss: PgBoss;
  /** Queue a job now (tests, and callers that want a periodic job to run early). */
  send(name: string, data?: object): Promise<string>;
  isRunning(): boolean;
  stop(): Promise<void>;
}

/**
 * pg-boss on the same database as the data (its own schema `pgboss`), so a job enqueued in a
 * transaction commits or vanishes with it. On PGlite it shares the single in-process connection.
 */
export async function startJobs(
  ctx: JobContext,
  definitions: readonly JobDefinition[],
  options: { schedule: boolean; pollingIntervalSeconds?: number },
): Promise<Jobs> {
  const { database, log } = ctx;
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), backend: 'pglite', schedule: options.schedule })
    : new PgBoss({ connectionString: database.url, max: 4, schedule: options.schedule });
  boss.on('error', (err: unknown) => {
    log.error({ err }, 'job system error');
  });
  await boss.start();
  let running = true;

  for (const def of definitions) {
    await boss.createQueue(def.name);
    await boss.work<object>(
      def.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (batch) => {
        for (const job of batch) {
          await def.run(ctx, job.data, job.id);
        }
      },
    );
    if (def.cron && options.schedule) await boss.schedule(def.name, def.cron);
  }

  return {
    boss,
    async send(name, data = {}) {
      const id = await boss.send(name, data);
      if (!id) throw new Error(`job ${name} was not queued`);
      return id;
    },
    isRunning: () => running,
    async stop() {
      if (!running) return;
      running = false;
      // Graceful: running handlers finish; pg-boss leaves the database handle open (we own it).
      await boss.stop({ graceful: true, close: !database.pglite, timeout: 10_000 });
    },
  };
}
