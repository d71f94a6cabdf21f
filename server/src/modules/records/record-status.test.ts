import { describe, expect, it } from 'vitest';
import { RECORD_STATUSES } from '../../platform/db/schema/index.ts';
import { checkRecordTransition, type RecordEvent } from './record-status.ts';

const EVENTS: RecordEvent[] = ['save_draft', 'sign', 'cosign', 'amend'];

/** Every (state, event) pair that is allowed, and where it leads; everything else is refused. */
const ALLOWED: Record<string, string> = {
  'draft/save_draft': 'draft',
  'draft/sign': 'signed',
  'cosign_pending/cosign': 'cosigned',
  'signed/amend': 'amended',
  'cosigned/amend': 'amended',
  'amended/amend': 'amended',
};

describe('the clinical record state machine', () => {
  for (const from of RECORD_STATUSES) {
    for (const event of EVENTS) {
      const key = `${from}/${event}`;
      it(`${key} → ${ALLOWED[key] ?? 'refused'}`, () => {
        const check = checkRecordTransition(from, event);
        expect(check.ok ? check.to : 'refused').toBe(ALLOWED[key] ?? 'refused');
      });
    }
  }

  it('sends a trainee’s signature to co-signature', () => {
    expect(checkRecordTransition('draft', 'sign', { trainee: true })).toEqual({
      ok: true,
      to: 'cosign_pending',
    });
  });
});
