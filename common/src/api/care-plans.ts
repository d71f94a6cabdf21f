import { z } from 'zod';
import { ASSESSMENTS, ASSESSMENT_CODES, type AssessmentCode } from '../assessments/definitions.ts';

/**
 * Care plans (C4, C6): measurable treatment goals per episode with their progress reviews, the
 * organisation's directory of referral resources, and referrals of a client to one of them.
 * Clinical words (descriptions, notes, reasons) are sealed by the server under the client's key.
 */

const instant = z.iso.datetime();
/** A calendar day, `YYYY-MM-DD` (target dates and review dates are days, not instants). */
const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional();

// ---------------------------------------------------------------- goals (C4)

/**
 * A goal is `active` until it is `achieved` or `discontinued`; `revised` means a newer goal
 * replaced it (the history stays as written: a revision is a new goal, never an edit).
 */
export const GOAL_STATUSES = ['active', 'achieved', 'discontinued', 'revised'] as const;
export const goalStatusSchema = z.enum(GOAL_STATUSES);
export type GoalStatus = z.infer<typeof goalStatusSchema>;

/**
 * The rating of a progress review: a five-point ordinal scale, from the client having moved
 * away from the goal to the goal being met. Ordinal on purpose: progress towards a goal is a
 * clinical judgement, not a measurement (the measurement is the instrument score beside it).
 */
export const PROGRESS_RATINGS = [
  'worse',
  'no_change',
  'some_progress',
  'much_progress',
  'achieved',
] as const;
export const progressRatingSchema = z.enum(PROGRESS_RATINGS);
export type ProgressRating = z.infer<typeof progressRatingSchema>;

/** Instruments a goal can target: those scored as a total (the C-SSRS screener triages instead). */
export const GOAL_INSTRUMENTS = ASSESSMENT_CODES.filter(
  (code) => ASSESSMENTS[code].scoring.kind === 'sum',
) as readonly AssessmentCode[];

export const GOAL_COMPARATORS = ['lte', 'gte'] as const;
export type GoalComparator = (typeof GOAL_COMPARATORS)[number];

/**
 * How a goal is measured: an instrument's total against a target ("PHQ-9 total ≤ 9"), or a
 * measure in the counselor's words with its target ("panic attacks per week" → "at most one").
 */
export const goalMeasureSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('instrument'),
    instrument: z.enum(ASSESSMENT_CODES),
    comparator: z.enum(GOAL_COMPARATORS),
    target: z.number().int().min(0).max(1000),
  }),
  z.object({
    kind: z.literal('custom'),
    measure: text(500),
    target: text(500),
  }),
]);
export type GoalMeasure = z.infer<typeof goalMeasureSchema>;

/** A measure as answered: the same shape, its words possibly empty (an erased client's). */
export const goalMeasureViewSchema = z.discriminatedUnion('kind', [
  goalMeasureSchema.options[0],
  z.object({ kind: z.literal('custom'), measure: z.string(), target: z.string() }),
]);

/** Whether an instrument total meets the target of its goal. */
export function meetsTarget(total: number, comparator: GoalComparator, target: number): boolean {
  return comparator === 'lte' ? total <= target : total >= target;
}

/** An instrument score shown with a goal or a review (the newest completed one the reader sees). */
export const goalScoreSchema = z.object({
  assessmentId: z.uuid(),
  total: z.number().int(),
  band: z.string().nullable(),
  completedAt: instant,
  met: z.boolean(),
});
export type GoalScore = z.infer<typeof goalScoreSchema>;

export const progressReviewSchema = z.object({
  id: z.uuid(),
  reviewedOn: day,
  rating: progressRatingSchema,
  note: z.string().nullable(),
  authorUserId: z.uuid(),
  authorName: z.string(),
  /** Instrument goals: the newest score at the time of the review. */
  score: goalScoreSchema.nullable(),
  createdAt: instant,
});
export type ProgressReview = z.infer<typeof progressReviewSchema>;

export const goalSchema = z.object({
  id: z.uuid(),
  clientUserId: z.uuid(),
  episodeId: z.uuid(),
  authorUserId: z.uuid(),
  authorName: z.string(),
  description: z.string(),
  measure: goalMeasureViewSchema,
  targetDate: day,
  status: goalStatusSchema,
  /** Why it was discontinued, achieved or revised (optional). */
  statusReason: z.string().nullable(),
  statusChangedAt: instant.nullable(),
  /** The goal this one revises, and the one that revised it. */
  previousGoalId: z.uuid().nullable(),
  nextGoalId: z.uuid().nullable(),
  /** Instrument goals: the newest completed score of the instrument the reader may see. */
  latestScore: goalScoreSchema.nullable(),
  /** Oldest first. */
  reviews: z.array(progressReviewSchema),
  createdAt: instant,
  updatedAt: instant,
  can: z.object({ review: z.boolean(), changeStatus: z.boolean(), revise: z.boolean() }),
});
export type Goal = z.infer<typeof goalSchema>;
export const goalListSchema = z.object({ items: z.array(goalSchema) });

export const goalInputSchema = z.object({
  episodeId: z.uuid(),
  description: text(4000),
  measure: goalMeasureSchema,
  targetDate: day,
});
export type GoalInput = z.infer<typeof goalInputSchema>;

/** A revision replaces the goal: a new goal in the same episode, with why it changed. */
export const goalRevisionInputSchema = goalInputSchema.omit({ episodeId: true }).extend({
  reason: optionalText(2000),
});
export type GoalRevisionInput = z.infer<typeof goalRevisionInputSchema>;

export const goalStatusInputSchema = z.object({
  status: z.enum(['achieved', 'discontinued']),
  reason: optionalText(2000),
});
export type GoalStatusInput = z.infer<typeof goalStatusInputSchema>;

export const progressReviewInputSchema = z.object({
  reviewedOn: day,
  rating: progressRatingSchema,
  note: optionalText(4000),
});
export type ProgressReviewInput = z.infer<typeof progressReviewInputSchema>;

export const careListQuerySchema = z.object({ episodeId: z.uuid().optional() });

// ---------------------------------------------------------------- referral directory (C6)

export const REFERRAL_RESOURCE_KINDS = [
  'hospital',
  'crisis_line',
  'emergency',
  'community',
  'other',
] as const;
export const referralResourceKindSchema = z.enum(REFERRAL_RESOURCE_KINDS);
export type ReferralResourceKind = z.infer<typeof referralResourceKindSchema>;

/** Digits with the separators people write (`010-8295 1332`, `+86 (10) 12356`). */
const phone = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^\+?[0-9][0-9 ()-]*[0-9]$/, 'Digits, spaces, +, - and brackets only');

export const referralResourceSchema = z.object({
  id: z.uuid(),
  kind: referralResourceKindSchema,
  /** Set on the entries every organisation starts with (`crisis_line_12356`…). */
  code: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  phone: z.string(),
  address: z.string().nullable(),
  hours: z.string().nullable(),
  notes: z.string().nullable(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  createdAt: instant,
  updatedAt: instant,
});
export type ReferralResource = z.infer<typeof referralResourceSchema>;
export const referralResourceListSchema = z.object({ items: z.array(referralResourceSchema) });

export const referralResourceInputSchema = z.object({
  kind: referralResourceKindSchema,
  nameZh: text(200),
  nameEn: text(200),
  phone,
  address: optionalText(500),
  hours: optionalText(200),
  notes: optionalText(2000),
  active: z.boolean().optional(),
  sortOrder: z.number().int().min(0).max(10_000).optional(),
});
export type ReferralResourceInput = z.infer<typeof referralResourceInputSchema>;
export const referralResourceUpdateSchema = referralResourceInputSchema.partial();
export type ReferralResourceUpdate = z.infer<typeof referralResourceUpdateSchema>;
export const referralResourceQuerySchema = z.object({
  includeInactive: z.stringbool().optional(),
});

// ---------------------------------------------------------------- referrals (C6)

export const REFERRAL_STATUSES = ['made', 'acknowledged', 'closed'] as const;
export const referralStatusSchema = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof referralStatusSchema>;

/**
 * The exceptions under which a referral goes ahead without the client's agreement: the cases
 * in which confidentiality may be broken, as the informed consent states them (C7), with the
 * same codes as the disclosure register (B7) so the referral's disclosure carries its basis.
 */
export const REFERRAL_EXCEPTIONS = [
  'danger_to_self',
  'danger_to_others',
  'minor_abuse',
  'legal_obligation',
] as const;
export const referralExceptionSchema = z.enum(REFERRAL_EXCEPTIONS);
export type ReferralException = z.infer<typeof referralExceptionSchema>;

export const CONSENT_AGREEMENT_METHODS = ['verbal', 'written'] as const;

/**
 * The basis of a referral. No consent scope covers a referral (the consent module's scopes are
 * counseling, sensitive processing, platform rules, recording and statistics), so a consented
 * referral records the client's agreement itself: when, how, and the counselor's attestation.
 * `sharesInformation` says whether anything about the client goes to the resource (a warm
 * hand-over) or the client was only given the contact: only the first is a disclosure (B7).
 */
export const referralBasisInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('consent'),
    agreedAt: instant,
    method: z.enum(CONSENT_AGREEMENT_METHODS),
    /** The counselor attests that the client agreed as recorded. */
    attested: z.literal(true),
    sharesInformation: z.boolean(),
  }),
  z.object({
    kind: z.literal('exception'),
    code: referralExceptionSchema,
    justification: text(4000),
    /** The statute or order relied on; required for `legal_obligation`. */
    legalReference: optionalText(500),
  }),
]);
export type ReferralBasisInput = z.infer<typeof referralBasisInputSchema>;

export const referralInputSchema = z.object({
  episodeId: z.uuid(),
  resourceId: z.uuid(),
  reason: text(4000),
  basis: referralBasisInputSchema,
  /** When it was made, if earlier than now (an emergency call recorded afterwards). */
  madeAt: instant.optional(),
  /** The risk signal that prompted it, if any. */
  riskSignalId: z.uuid().optional(),
});
export type ReferralInput = z.infer<typeof referralInputSchema>;

export const referralStatusInputSchema = z.object({
  status: z.enum(['acknowledged', 'closed']),
  /** When closing: what came of it (sealed), e.g. "admitted", "did not call". */
  outcome: optionalText(4000),
});
export type ReferralStatusInput = z.infer<typeof referralStatusInputSchema>;

export const referralBasisSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('consent'),
    agreedAt: instant,
    method: z.enum(CONSENT_AGREEMENT_METHODS),
    attestedBy: z.uuid(),
    sharesInformation: z.boolean(),
  }),
  z.object({
    kind: z.literal('exception'),
    code: referralExceptionSchema,
    justification: z.string(),
    legalReference: z.string().nullable(),
  }),
]);

export const referralSchema = z.object({
  id: z.uuid(),
  clientUserId: z.uuid(),
  episodeId: z.uuid(),
  /** The resource as it was when the referral was made (directory entries may change later). */
  resource: z.object({
    id: z.uuid(),
    kind: referralResourceKindSchema,
    nameZh: z.string(),
    nameEn: z.string(),
    phone: z.string(),
  }),
  reason: z.string(),
  basis: referralBasisSchema,
  /** The entry in the disclosure register, when information went to the resource. */
  disclosureId: z.uuid().nullable(),
  riskSignalId: z.uuid().nullable(),
  status: referralStatusSchema,
  madeAt: instant,
  acknowledgedAt: instant.nullable(),
  closedAt: instant.nullable(),
  outcome: z.string().nullable(),
  authorUserId: z.uuid(),
  authorName: z.string(),
  createdAt: instant,
  updatedAt: instant,
  can: z.object({ acknowledge: z.boolean(), close: z.boolean() }),
});
export type Referral = z.infer<typeof referralSchema>;
export const referralListSchema = z.object({ items: z.array(referralSchema) });
