import type { Db } from '../../platform/db/database.ts';

/** Why a counselor stopped being bookable. */
export type SuspensionReason = 'qualification_expired' | 'recheck_overdue' | 'sanction' | 'removed';

export interface CounselorSuspended {
  organizationId: string;
  counselorId: string;
  reason: SuspensionReason;
}

/**
 * Called inside the transaction that suspends or removes the counselor, so whatever a handler
 * changes (scheduling flags the future appointments for reassignment and tells the clients
 * affected) commits or rolls back with the suspension itself.
 */
export type SuspensionHandler = (event: CounselorSuspended, tx: Db) => Promise<void>;

const handlers = new Set<SuspensionHandler>();

/**
 * Registers a handler; returns the function that removes it. A registry rather than an import:
 * vetting must not depend on the modules that react to it (scheduling, hotline routing).
 */
export function onCounselorSuspended(handler: SuspensionHandler): () => void {
  handlers.add(handler);
  return () => {
    handlers.delete(handler);
  };
}

/** Runs every registered handler in turn; a failing handler fails the suspension's transaction. */
export async function announceSuspension(tx: Db, event: CounselorSuspended): Promise<void> {
  for (const handler of [...handlers]) await handler(event, tx);
}
