import type { Logger } from 'pino';
import type { Vault, VaultScope } from '../../platform/crypto/vault.ts';
import type { JobContext, JobDefinition, Jobs } from '../../platform/jobs/jobs.ts';
import {
  classifyDeliveryError,
  PermanentDeliveryError,
  type DeliveryOutcome,
} from './delivery-error.ts';
import {
  claimDue,
  failAbandoned,
  markAttemptFailed,
  markInAppDelivered,
  markSent,
  releaseClaim,
  type OutboxRow,
} from './notification.repo.ts';
import { openOutboxRow } from './notification.service.ts';
import type { Senders } from './senders/message-sender.ts';

export const DELIVER_JOB = 'notifications.deliver';

/**
 * Wait before each attempt: the first at once, then 1 min, 5 min, 30 min, 2 h; the length is
 * the number of attempts (5) before a message is failed. Each wait is also how long a claimed
 * row stays out of other workers' claims, so every wait after the first must exceed the
 * longest a send can take (the SMTP sender gives up after 30 s of silence).
 */
export const DEFAULT_BACKOFF_SECONDS: readonly number[] = [0, 60, 300, 1800, 7200];
/** A final attempt still unfinished after this long died with its process. */
const ABANDONED_AFTER_SECONDS = 600;

export interface DeliveryOptions {
  senders: Pick<Senders, 'email' | 'sms'>;
  vault: Vault;
  batchSize?: number;
  /** Rounds of claims per run, so a backlog drains without one run going on for ever. */
  maxBatches?: number;
  backoffSeconds?: readonly number[];
}

export interface DeliveryReport {
  inApp: number;
  sent: number;
  retrying: number;
  failed: number;
  /** Left pending because their channel has no provider. */
  waiting: number;
}

/** The job: run right after an enqueue (`triggerDelivery`) and swept every minute. */
export function createDeliveryJob(options: DeliveryOptions): JobDefinition {
  return {
    name: DELIVER_JOB,
    cron: '* * * * *',
    async run(ctx) {
      await deliverPending(ctx, options);
    },
  };
}

/**
 * Sends what is due. Per-message failures are recorded on the row and never thrown (pg-boss
 * would retry the whole run); a database error is thrown, and the rows it left claimed are
 * simply tried again after their back-off.
 */
export async function deliverPending(
  ctx: Pick<JobContext, 'database' | 'log'>,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const db = ctx.database.db;
  const backoffSeconds = options.backoffSeconds ?? DEFAULT_BACKOFF_SECONDS;
  const batchSize = options.batchSize ?? 20;
  const report: DeliveryReport = { inApp: 0, sent: 0, retrying: 0, failed: 0, waiting: 0 };
  report.inApp = await markInAppDelivered(db);

  const unconfigured = new Set<'email' | 'sms'>();
  for (let round = 0; round < (options.maxBatches ?? 10); round++) {
    const rows = await claimDue(db, {
      batchSize,
      backoffSeconds,
      excludeChannels: [...unconfigured],
    });
    if (rows.length === 0) break;
    const scopes = new Map<string, VaultScope>();
    const scopeOf = (orgId: string) => {
      let scope = scopes.get(orgId);
      if (!scope) scopes.set(orgId, (scope = options.vault.scope(db, orgId)));
      return scope;
    };
    // Sent side by side (the SMTP pool has several connections); recorded one by one after.
    const outcomes = await Promise.all(
      rows.map((row) => attemptDelivery(row, scopeOf(row.organizationId), options.senders)),
    );
    for (const [i, row] of rows.entries()) {
      const outcome = outcomes[i] ?? { kind: 'retry', error: 'unknown' };
      await recordOutcome(ctx, row, outcome, backoffSeconds.length, report);
      if (outcome.kind === 'not_configured' && row.channel !== 'in_app') {
        if (!unconfigured.has(row.channel)) {
          ctx.log.warn(
            { channel: row.channel },
            'no provider is configured for this channel: its messages stay pending',
          );
        }
        unconfigured.add(row.channel);
      }
    }
    if (rows.length < batchSize) break;
  }
  report.failed += await failAbandoned(db, backoffSeconds.length, ABANDONED_AFTER_SECONDS);
  if (report.sent + report.retrying + report.failed > 0) {
    ctx.log.info({ ...report }, 'notification delivery run');
  }
  return report;
}

/** Decrypts and sends one message; every error becomes an outcome, nothing is thrown. */
async function attemptDelivery(
  row: OutboxRow,
  scope: VaultScope,
  senders: DeliveryOptions['senders'],
): Promise<DeliveryOutcome> {
  try {
    const message = await openOutboxRow(scope, row);
    if (!message) throw new PermanentDeliveryError('recipient_erased');
    if (!message.to) throw new PermanentDeliveryError('recipient_missing');
    const sender = row.channel === 'sms' ? senders.sms : senders.email;
    await sender.send({
      to: message.to,
      subject: message.subject,
      text: message.text,
      ...(row.channel === 'email' && message.attachments
        ? { attachments: message.attachments }
        : {}),
    });
    return { kind: 'sent' };
  } catch (err) {
    return classifyDeliveryError(err);
  }
}

async function recordOutcome(
  ctx: Pick<JobContext, 'database' | 'log'>,
  row: OutboxRow,
  outcome: DeliveryOutcome,
  maxAttempts: number,
  report: DeliveryReport,
): Promise<void> {
  const db = ctx.database.db;
  switch (outcome.kind) {
    case 'sent':
      await markSent(db, row.id);
      report.sent++;
      return;
    case 'not_configured':
      await releaseClaim(db, row.id, outcome.error);
      report.waiting++;
      return;
    case 'permanent':
    case 'retry': {
      // row.attempts already counts this attempt (claimDue incremented it).
      const final = outcome.kind === 'permanent' || row.attempts >= maxAttempts;
      await markAttemptFailed(db, row.id, outcome.error, final);
      if (final) report.failed++;
      else report.retrying++;
      // The id and the sanitised error only: never the recipient, subject or text.
      ctx.log.warn(
        {
          notificationId: row.id,
          channel: row.channel,
          attempts: row.attempts,
          error: outcome.error,
          final,
        },
        'notification delivery failed',
      );
      return;
    }
  }
}

/**
 * Asks for a delivery run now instead of at the next minute's sweep. Call it after the
 * transaction that enqueued the message has committed (before, the job could run and find
 * nothing). Never throws: the sweep delivers anyway, and without jobs in this process
 * (ANXIN_JOBS=off) another instance's sweep does.
 */
export async function triggerDelivery(
  jobs: Pick<Jobs, 'send'> | undefined,
  log: Pick<Logger, 'warn'>,
): Promise<void> {
  if (!jobs) return;
  try {
    await jobs.send(DELIVER_JOB);
  } catch {
    log.warn({ job: DELIVER_JOB }, 'could not queue a delivery run; the sweep will send instead');
  }
}
