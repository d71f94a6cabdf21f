import type {
  Goal,
  GoalInput,
  GoalMeasure,
  GoalRevisionInput,
  GoalStatusInput,
  ProgressReviewInput,
  ReferralInput,
  ReferralResource,
  ReferralResourceInput,
} from '@anxin/common';

/**
 * The care-plan forms as plain values and the request bodies they become. Field names are the
 * body's paths (`measure.target`), so the server's field errors land beside the right input.
 * Bodies are built as typed even when a value is wrong: the shared schema checks them first.
 */

type Values<F extends string> = Readonly<Record<F, string>>;

/** A whole number typed into a text input, or NaN (which the schema then refuses). */
export const wholeNumber = (text: string) =>
  /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;

/** Today as `YYYY-MM-DD` in the browser's own calendar (what the counselor means by today). */
export function localDay(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear())}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export const GOAL_FIELDS = [
  'description',
  'measure.kind',
  'measure.instrument',
  'measure.comparator',
  'measure.target',
  'measure.measure',
  'targetDate',
  // Only a revision asks why the goal changed; a new goal leaves it empty.
  'reason',
] as const;
export type GoalField = (typeof GOAL_FIELDS)[number];

export const GOAL_DEFAULTS: Partial<Record<GoalField, string>> = {
  'measure.kind': 'instrument',
  'measure.instrument': 'phq9',
  'measure.comparator': 'lte',
};

export function goalMeasure(values: Values<GoalField>): GoalMeasure {
  if (values['measure.kind'] === 'custom') {
    return {
      kind: 'custom',
      measure: values['measure.measure'],
      target: values['measure.target'],
    };
  }
  return {
    kind: 'instrument',
    instrument: values['measure.instrument'] as Extract<
      GoalMeasure,
      { kind: 'instrument' }
    >['instrument'],
    comparator: values['measure.comparator'] === 'gte' ? 'gte' : 'lte',
    target: wholeNumber(values['measure.target']),
  };
}

export function goalBody(episodeId: string, values: Values<GoalField>): GoalInput {
  return {
    episodeId,
    description: values.description,
    measure: goalMeasure(values),
    targetDate: values.targetDate,
  };
}

/** A revision starts from the goal as it stands, so the counselor changes only what changed. */
export function goalRevisionDefaults(goal: Goal): Partial<Record<GoalField, string>> {
  const measure = goal.measure;
  const common = { description: goal.description, targetDate: goal.targetDate };
  return measure.kind === 'instrument'
    ? {
        ...common,
        'measure.kind': 'instrument',
        'measure.instrument': measure.instrument,
        'measure.comparator': measure.comparator,
        'measure.target': String(measure.target),
      }
    : {
        ...common,
        'measure.kind': 'custom',
        'measure.measure': measure.measure,
        'measure.target': measure.target,
      };
}

export function goalRevisionBody(values: Values<GoalField>): GoalRevisionInput {
  return {
    description: values.description,
    measure: goalMeasure(values),
    targetDate: values.targetDate,
    ...(values.reason.trim() ? { reason: values.reason } : {}),
  };
}

export const REVIEW_FIELDS = ['reviewedOn', 'rating', 'note'] as const;
export type ReviewField = (typeof REVIEW_FIELDS)[number];

export function reviewBody(values: Values<ReviewField>): ProgressReviewInput {
  return {
    reviewedOn: values.reviewedOn,
    rating: values.rating as ProgressReviewInput['rating'],
    ...(values.note.trim() ? { note: values.note } : {}),
  };
}

export const GOAL_STATUS_FIELDS = ['status', 'reason'] as const;
export type GoalStatusField = (typeof GOAL_STATUS_FIELDS)[number];

export function goalStatusBody(values: Values<GoalStatusField>): GoalStatusInput {
  return {
    status: values.status === 'discontinued' ? 'discontinued' : 'achieved',
    ...(values.reason.trim() ? { reason: values.reason } : {}),
  };
}

export const REFERRAL_FIELDS = [
  'resourceId',
  'reason',
  'basis.kind',
  'basis.method',
  'basis.sharesInformation',
  'basis.attested',
  'basis.code',
  'basis.justification',
  'basis.legalReference',
] as const;
export type ReferralField = (typeof REFERRAL_FIELDS)[number];

export const REFERRAL_DEFAULTS: Partial<Record<ReferralField, string>> = {
  'basis.kind': 'consent',
  'basis.method': 'verbal',
  'basis.sharesInformation': 'no',
  'basis.code': 'danger_to_self',
};

/**
 * A referral from its form. The client's agreement is recorded as given when the counselor
 * submits (they attest to it there and then); an exception carries its justification.
 */
export function referralBody(
  episodeId: string,
  values: Values<ReferralField>,
  now = new Date(),
): ReferralInput {
  const basis: ReferralInput['basis'] =
    values['basis.kind'] === 'exception'
      ? {
          kind: 'exception',
          code: values['basis.code'] as Extract<
            ReferralInput['basis'],
            { kind: 'exception' }
          >['code'],
          justification: values['basis.justification'],
          ...(values['basis.legalReference'].trim()
            ? { legalReference: values['basis.legalReference'] }
            : {}),
        }
      : {
          kind: 'consent',
          agreedAt: now.toISOString(),
          method: values['basis.method'] === 'written' ? 'written' : 'verbal',
          // Anything but an explicit attestation is sent as refused, so the schema names it.
          attested: (values['basis.attested'] === 'yes') as true,
          sharesInformation: values['basis.sharesInformation'] === 'yes',
        };
  return { episodeId, resourceId: values.resourceId, reason: values.reason, basis };
}

export const RESOURCE_FIELDS = [
  'kind',
  'nameZh',
  'nameEn',
  'phone',
  'address',
  'hours',
  'notes',
  'sortOrder',
] as const;
export type ResourceField = (typeof RESOURCE_FIELDS)[number];

/** The form's values of a directory entry (empty for a new one, a hospital by default). */
export function resourceValues(r?: ReferralResource): Record<ResourceField, string> {
  return {
    kind: r?.kind ?? 'hospital',
    nameZh: r?.nameZh ?? '',
    nameEn: r?.nameEn ?? '',
    phone: r?.phone ?? '',
    address: r?.address ?? '',
    hours: r?.hours ?? '',
    notes: r?.notes ?? '',
    sortOrder: String(r?.sortOrder ?? 100),
  };
}

/** An entry's body; an emptied optional field is sent empty, which clears it. */
export function resourceBody(values: Values<ResourceField>): ReferralResourceInput {
  return {
    kind: values.kind as ReferralResourceInput['kind'],
    nameZh: values.nameZh,
    nameEn: values.nameEn,
    phone: values.phone,
    address: values.address,
    hours: values.hours,
    notes: values.notes,
    sortOrder: wholeNumber(values.sortOrder || '0'),
  };
}

/** A `tel:` link of a number as written (`010-8295 1332` → `tel:01082951332`). */
export const telLink = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;
