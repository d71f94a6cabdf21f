import type { RECORD_STATUSES } from '../../platform/db/schema/index.ts';

export type RecordStatus = (typeof RECORD_STATUSES)[number];
export type RecordEvent = 'save_draft' | 'sign' | 'cosign' | 'amend';

/**
 * The one transition table of a clinical record (B8, DOMAIN "Record"): a draft is saved and
 * signed by its author; a trainee's signature waits for a supervisor's co-signature; signed
 * content changes only by addendum. A record awaiting co-signature is not amended: the
 * supervisor co-signs what the trainee signed, not a moving target.
 */
const TRANSITIONS: Readonly<
  Record<
    RecordEvent,
    { from: readonly RecordStatus[]; to: (o: { trainee: boolean }) => RecordStatus }
  >
> = {
  save_draft: { from: ['draft'], to: () => 'draft' },
  sign: { from: ['draft'], to: ({ trainee }) => (trainee ? 'cosign_pending' : 'signed') },
  cosign: { from: ['cosign_pending'], to: () => 'cosigned' },
  amend: { from: ['signed', 'cosigned', 'amended'], to: () => 'amended' },
};

export type RecordTransitionCheck = { ok: true; to: RecordStatus } | { ok: false };

export function checkRecordTransition(
  from: RecordStatus,
  event: RecordEvent,
  o: { trainee: boolean } = { trainee: false },
): RecordTransitionCheck {
  const t = TRANSITIONS[event];
  return t.from.includes(from) ? { ok: true, to: t.to(o) } : { ok: false };
}

/** Whether the record's content is locked (anything after the signature). */
export const isSigned = (status: RecordStatus) => status !== 'draft';
