import { describe, expect, it } from 'vitest';
import { ageOn, judgeConsent, type Decision } from './consent-rules.ts';
import { documentHash } from './document-hash.ts';

const G = 'guardian-1';
const guardians = new Set([G]);
const self: Decision = { signer: 'self', signerUserId: 'minor', documentVersion: 1 };
const byGuardian: Decision = { signer: 'guardian', signerUserId: G, documentVersion: 1 };
const byStranger: Decision = { signer: 'guardian', signerUserId: 'other', documentVersion: 1 };

describe('who must sign (C11)', () => {
  it('counts any active decision of an adult, or of a person with no date of birth', () => {
    expect(judgeConsent(self, undefined, 30, 'both', guardians)).toBe('ok');
    expect(judgeConsent(self, undefined, null, 'guardian', guardians)).toBe('ok');
    expect(judgeConsent(undefined, undefined, 30, 'both', guardians)).toBe('none');
  });

  it('under 14 counts only an active guardian, whatever the setting', () => {
    expect(judgeConsent(self, undefined, 13, 'self', guardians)).toBe('guardian_needed');
    expect(judgeConsent(byStranger, undefined, 10, 'self', guardians)).toBe('guardian_needed');
    expect(judgeConsent(byGuardian, undefined, 10, 'self', guardians)).toBe('ok');
  });

  it('14–17 follows the setting; "both" needs the two signatures on one version', () => {
    expect(judgeConsent(self, undefined, 15, 'self', guardians)).toBe('ok');
    expect(judgeConsent(byGuardian, undefined, 15, 'self', guardians)).toBe('minor_needed');
    expect(judgeConsent(self, undefined, 15, 'guardian', guardians)).toBe('guardian_needed');
    expect(judgeConsent(self, undefined, 17, 'both', guardians)).toBe('guardian_needed');
    expect(judgeConsent(byGuardian, undefined, 17, 'both', guardians)).toBe('minor_needed');
    expect(judgeConsent(byGuardian, self, 17, 'both', guardians)).toBe('ok');
    expect(judgeConsent(self, byGuardian, 14, 'both', guardians)).toBe('ok');
    expect(judgeConsent(self, { ...byGuardian, documentVersion: 0 }, 14, 'both', guardians)).toBe(
      'guardian_needed',
    );
    expect(judgeConsent(self, byStranger, 14, 'both', guardians)).toBe('guardian_needed');
  });

  it('counts age in whole years, the birthday itself included', () => {
    const now = new Date('2026-06-15T12:00:00Z');
    expect(ageOn('2012-06-15', now)).toBe(14);
    expect(ageOn('2012-06-16', now)).toBe(13);
    expect(ageOn('2008-07-01', now)).toBe(17);
  });
});

describe('document hash', () => {
  const d = { titleZh: '标题', titleEn: 'Title', bodyZh: '正文', bodyEn: 'Body' };
  it('is the SHA-256 of the canonical texts: line ends do not matter, words do', () => {
    expect(documentHash(d)).toMatch(/^[0-9a-f]{64}$/);
    expect(documentHash({ ...d, bodyEn: 'Body' })).toBe(documentHash(d));
    expect(documentHash({ ...d, bodyEn: 'a\r\nb' })).toBe(documentHash({ ...d, bodyEn: 'a\nb' }));
    expect(documentHash({ ...d, bodyEn: 'Body.' })).not.toBe(documentHash(d));
    // The fields are kept apart: moving text between them changes the hash.
    expect(documentHash({ ...d, titleEn: 'TitleBody', bodyEn: '' })).not.toBe(
      documentHash({ ...d, titleEn: 'Title', bodyEn: 'Body' }),
    );
  });
});
