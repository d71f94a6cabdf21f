import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n.ts';
import { nextStepKey } from './status-banner.tsx';
import { expiryMessage, yearsText } from './texts.ts';

describe('counselor texts', () => {
  it('says years without plural forms in either language', () => {
    const en = createI18n('en').t;
    const zh = createI18n('zh-CN').t;
    expect(yearsText(en, 1)).toBe('1 year of practice');
    expect(yearsText(en, 8)).toBe('8 years of practice');
    expect(yearsText(zh, 8)).toBe('从业 8 年');
  });

  it('says how far off an expiry is', () => {
    expect(expiryMessage(null).key).toBe('counselors.expiry.never');
    expect(expiryMessage(0).key).toBe('counselors.expiry.today');
    expect(expiryMessage(1).key).toBe('counselors.expiry.tomorrow');
    expect(expiryMessage(-1).key).toBe('counselors.expiry.yesterday');
    expect(expiryMessage(45)).toEqual({ key: 'counselors.expiry.in', values: { days: 45 } });
    expect(expiryMessage(-3)).toEqual({ key: 'counselors.expiry.ago', values: { days: 3 } });
  });

  it('tells the counselor what to do next, by state and cause', () => {
    const base = { listable: false, suspendedFor: null } as const;
    expect(nextStepKey({ ...base, status: 'applicant' })).toBe('counselors.next.applicant');
    expect(nextStepKey({ ...base, status: 'approved', listable: true })).toBe(
      'counselors.next.approvedListed',
    );
    expect(nextStepKey({ ...base, status: 'approved' })).toBe('counselors.next.approvedNotListed');
    expect(
      nextStepKey({ ...base, status: 'suspended', suspendedFor: 'qualification_expired' }),
    ).toBe('counselors.next.suspendedExpired');
    expect(nextStepKey({ ...base, status: 'suspended', suspendedFor: 'sanction' })).toBe(
      'counselors.next.suspended',
    );
  });
});
