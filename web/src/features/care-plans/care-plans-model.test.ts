import {
  goalInputSchema,
  goalRevisionInputSchema,
  referralInputSchema,
  referralResourceInputSchema,
  type Goal,
} from '@anxin/common';
import { describe, expect, it } from 'vitest';
import {
  GOAL_DEFAULTS,
  goalBody,
  goalRevisionBody,
  goalRevisionDefaults,
  localDay,
  REFERRAL_DEFAULTS,
  referralBody,
  resourceBody,
  resourceValues,
  reviewBody,
  telLink,
  type GoalField,
  type ReferralField,
} from './care-plans-model.ts';

const EPISODE = '00000000-0000-4000-8000-000000000001';
const RESOURCE = '00000000-0000-4000-8000-000000000002';

const goalValues = (over: Partial<Record<GoalField, string>>) =>
  ({
    description: 'Less low mood',
    'measure.kind': '',
    'measure.instrument': '',
    'measure.comparator': '',
    'measure.target': '',
    'measure.measure': '',
    targetDate: '2031-01-31',
    reason: '',
    ...GOAL_DEFAULTS,
    ...over,
  }) as Record<GoalField, string>;

const referralValues = (over: Partial<Record<ReferralField, string>>) =>
  ({
    resourceId: RESOURCE,
    reason: 'Night support',
    'basis.kind': '',
    'basis.method': '',
    'basis.sharesInformation': '',
    'basis.attested': '',
    'basis.code': '',
    'basis.justification': '',
    'basis.legalReference': '',
    ...REFERRAL_DEFAULTS,
    ...over,
  }) as Record<ReferralField, string>;

describe('care-plan forms to bodies', () => {
  it('starts a revision from the goal as it stands and sends only a reason that was given', () => {
    const goal = {
      description: 'Less low mood',
      measure: { kind: 'instrument', instrument: 'gad7', comparator: 'gte', target: 3 },
      targetDate: '2031-02-28',
    } as Goal;
    const defaults = goalRevisionDefaults(goal);
    expect(defaults).toMatchObject({
      'measure.kind': 'instrument',
      'measure.instrument': 'gad7',
      'measure.comparator': 'gte',
      'measure.target': '3',
      targetDate: '2031-02-28',
    });
    const same = goalRevisionBody(goalValues(defaults));
    expect(same).toEqual({
      description: 'Less low mood',
      measure: goal.measure,
      targetDate: '2031-02-28',
    });
    const why = goalRevisionBody(goalValues({ ...defaults, reason: 'Sleep is the focus now' }));
    expect(why.reason).toBe('Sleep is the focus now');
    expect(goalRevisionInputSchema.safeParse(why).success).toBe(true);
    const custom = goalRevisionDefaults({
      ...goal,
      measure: { kind: 'custom', measure: 'Panic attacks a week', target: 'At most one' },
    });
    expect(custom).toMatchObject({
      'measure.kind': 'custom',
      'measure.measure': 'Panic attacks a week',
      'measure.target': 'At most one',
    });
  });

  it('builds an instrument goal with a whole-number target, and refuses other text', () => {
    const body = goalBody(EPISODE, goalValues({ 'measure.target': ' 9 ' }));
    expect(body.measure).toEqual({
      kind: 'instrument',
      instrument: 'phq9',
      comparator: 'lte',
      target: 9,
    });
    expect(goalInputSchema.safeParse(body).success).toBe(true);
    const bad = goalInputSchema.safeParse(
      goalBody(EPISODE, goalValues({ 'measure.target': 'ten' })),
    );
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.'))).toEqual([
      'measure.target',
    ]);
  });

  it('builds a custom goal from the counselor’s measure and target', () => {
    const body = goalBody(
      EPISODE,
      goalValues({
        'measure.kind': 'custom',
        'measure.measure': 'Panic attacks a week',
        'measure.target': 'At most one',
      }),
    );
    expect(body.measure).toEqual({
      kind: 'custom',
      measure: 'Panic attacks a week',
      target: 'At most one',
    });
    expect(goalInputSchema.safeParse(body).success).toBe(true);
  });

  it('leaves an empty review note out', () => {
    expect(reviewBody({ reviewedOn: '2030-01-01', rating: 'no_change', note: ' ' })).toEqual({
      reviewedOn: '2030-01-01',
      rating: 'no_change',
    });
  });

  it('records the agreement at submission, and names a missing attestation', () => {
    const now = new Date('2030-05-01T02:00:00Z');
    const attested = referralBody(EPISODE, referralValues({ 'basis.attested': 'yes' }), now);
    expect(attested.basis).toEqual({
      kind: 'consent',
      agreedAt: '2030-05-01T02:00:00.000Z',
      method: 'verbal',
      attested: true,
      sharesInformation: false,
    });
    expect(referralInputSchema.safeParse(attested).success).toBe(true);
    const unattested = referralInputSchema.safeParse(
      referralBody(EPISODE, referralValues({}), now),
    );
    expect(unattested.success ? [] : unattested.error.issues.map((i) => i.path.join('.'))).toEqual([
      'basis.attested',
    ]);
  });

  it('builds an exception basis with its justification and optional legal reference', () => {
    const body = referralBody(
      EPISODE,
      referralValues({ 'basis.kind': 'exception', 'basis.justification': 'Plan and means' }),
    );
    expect(body.basis).toEqual({
      kind: 'exception',
      code: 'danger_to_self',
      justification: 'Plan and means',
    });
    expect(referralInputSchema.safeParse(body).success).toBe(true);
  });

  it('round-trips a directory entry through its form', () => {
    const values = resourceValues();
    expect(values.kind).toBe('hospital');
    const body = resourceBody({ ...values, nameZh: '医院', nameEn: 'Hospital', phone: '120' });
    expect(referralResourceInputSchema.safeParse(body).success).toBe(true);
    expect(body.sortOrder).toBe(100);
  });

  it('dials the digits of a number as written', () => {
    expect(telLink('010-8295 1332')).toBe('tel:01082951332');
    expect(telLink('+86 (10) 12356')).toBe('tel:+861012356');
  });

  it('says today in the browser’s calendar', () => {
    expect(localDay(new Date(2030, 0, 5, 23, 30))).toBe('2030-01-05');
  });
});
