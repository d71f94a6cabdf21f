import type { Db } from '../db/database.ts';
import { appendAuditBatch, type AuditEntry } from './audit.ts';

interface Pending {
  entry: AuditEntry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Audits reads of sensitive data with group commit. A read changes nothing, so its event need
 * not share a transaction with anything; what matters is that it is committed before the data
 * leaves the server, and that no data leaves when it could not be. `record()` resolves only once
 * the event is committed and rejects when the commit failed: callers await it before answering.
 *
 * Reads that arrive while a batch is committing wait for the next one, which carries all of
 * them under one head lock and one INSERT. A read that finds the queue idle goes at once, so
 * batching adds no latency; under load it removes most of the per-event transactions.
 */
export class ReadAuditor {
  private queue: Pending[] = [];
  private draining = false;

  constructor(
    private readonly db: () => Db,
    private readonly auditKey: Buffer,
    private readonly maxBatch = 200,
  ) {}

  record(entry: AuditEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.db().transaction((tx) =>
            appendAuditBatch(
              tx,
              this.auditKey,
              batch.map((p) => p.entry),
            ),
          );
          for (const p of batch) p.resolve();
        } catch (err) {
          for (const p of batch) p.reject(err);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

const auditors = new WeakMap<object, ReadAuditor>();

/** The process's one auditor per database (one queue, so batches never compete for the head). */
export function readAuditorFor(database: { db: Db }, auditKey: Buffer): ReadAuditor {
  let auditor = auditors.get(database);
  if (!auditor) {
    auditor = new ReadAuditor(() => database.db, auditKey);
    auditors.set(database, auditor);
  }
  return auditor;
}
