import { z } from 'zod';

/**
 * Rule texts and consent (A12, B3, B4, B10, C7, C11): versioned documents in zh-CN and en,
 * consent decisions shaped like FHIR Consent, guardians of minors, and the organisation's
 * setting for who signs for a 14–17-year-old.
 */

export const POLICY_DOCUMENT_KIND_NAMES = [
  'informed_consent',
  'privacy_notice',
  'platform_rules',
] as const;
export const policyDocumentKindSchema = z.enum(POLICY_DOCUMENT_KIND_NAMES);
export type PolicyDocumentKind = z.infer<typeof policyDocumentKindSchema>;

export const CONSENT_SCOPE_NAMES = [
  'counseling',
  'sensitive_processing',
  /** Acceptance of the platform rules (A12): everyone accepts them, again after a material change. */
  'platform_rules',
  'session_recording',
  'anonymous_statistics',
] as const;
export const consentScopeSchema = z.enum(CONSENT_SCOPE_NAMES);
export type ConsentScope = z.infer<typeof consentScopeSchema>;

/**
 * Asked of everyone at sign-in until decided (and again after a material new version). The first
 * two are also the gate of every booking, session, record and assessment (B10):
 * `COUNSELING_CONSENT_SCOPES`.
 */
export const REQUIRED_CONSENT_SCOPES = [
  'counseling',
  'sensitive_processing',
  'platform_rules',
] as const;
/** Without these two nobody is booked, seen, recorded or assessed (B10). */
export const COUNSELING_CONSENT_SCOPES = ['counseling', 'sensitive_processing'] as const;

/**
 * The document each scope is decided on: the service on the informed consent, the separate
 * consent to sensitive processing on the privacy notice (PIPL art. 29–30).
 */
export const CONSENT_SCOPE_DOCUMENT: Record<ConsentScope, PolicyDocumentKind> = {
  counseling: 'informed_consent',
  sensitive_processing: 'privacy_notice',
  platform_rules: 'platform_rules',
  session_recording: 'informed_consent',
  anonymous_statistics: 'privacy_notice',
};

export const policyDocumentSchema = z.object({
  id: z.uuid(),
  kind: policyDocumentKindSchema,
  version: z.number().int(),
  status: z.enum(['draft', 'published']),
  titleZh: z.string(),
  titleEn: z.string(),
  bodyZh: z.string(),
  bodyEn: z.string(),
  material: z.boolean(),
  contentHash: z.string().nullable(),
  effectiveAt: z.iso.datetime().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
export const policyDocumentListSchema = z.object({ items: z.array(policyDocumentSchema) });
export const policyDocumentQuerySchema = z.object({ kind: policyDocumentKindSchema.optional() });
export type PolicyDocumentQuery = z.infer<typeof policyDocumentQuerySchema>;

const title = z.string().trim().min(1).max(200);
const body = z.string().trim().min(1).max(100_000);
export const policyDocumentDraftSchema = z.object({
  kind: policyDocumentKindSchema,
  titleZh: title,
  titleEn: title,
  bodyZh: body,
  bodyEn: body,
  material: z.boolean().default(true),
});
export type PolicyDocumentDraft = z.infer<typeof policyDocumentDraftSchema>;
export const policyDocumentPatchSchema = z
  .object({ titleZh: title, titleEn: title, bodyZh: body, bodyEn: body, material: z.boolean() })
  .partial();
export const policyDocumentPublishSchema = z.object({
  /** Defaults to now; a future date publishes ahead of time. */
  effectiveAt: z.iso.datetime().optional(),
});

export const consentStatusSchema = z.enum(['active', 'inactive', 'rejected']);
export const consentSchema = z.object({
  id: z.uuid(),
  subjectType: z.enum(['user', 'caller']),
  subjectId: z.uuid(),
  scope: consentScopeSchema,
  status: consentStatusSchema,
  documentId: z.uuid().nullable(),
  documentKind: policyDocumentKindSchema.nullable(),
  documentVersion: z.number().int().nullable(),
  documentHash: z.string().nullable(),
  decidedAt: z.iso.datetime(),
  method: z.enum(['electronic', 'verbal']),
  signer: z.enum(['self', 'guardian', 'operator']),
  signerUserId: z.uuid().nullable(),
  withdrawnAt: z.iso.datetime().nullable(),
  supersededBy: z.uuid().nullable(),
});
export type Consent = z.infer<typeof consentSchema>;
export const consentListSchema = z.object({
  /** The active decisions, one per scope at most. */
  current: z.array(consentSchema),
  /** Every decision, newest first. */
  history: z.array(consentSchema),
});
export type ConsentList = z.infer<typeof consentListSchema>;

/** One scope decided on the document shown: true grants, false refuses (never pre-ticked). */
export const consentDecisionSchema = z.object({
  scope: consentScopeSchema,
  granted: z.boolean(),
  documentId: z.uuid(),
});
export const consentSignSchema = z.object({
  decisions: z.array(consentDecisionSchema).min(1).max(4),
  /** A guardian deciding for their minor; absent = oneself. */
  subjectUserId: z.uuid().optional(),
});
export type ConsentSignRequest = z.infer<typeof consentSignSchema>;
export const consentSubjectQuerySchema = z.object({ subjectUserId: z.uuid().optional() });

export const pendingConsentSchema = z.object({
  scope: consentScopeSchema,
  required: z.boolean(),
  /** `none`: nothing active; `new_version`: a material newer version is in force. */
  reason: z.enum(['none', 'new_version', 'guardian_needed', 'minor_needed']),
  document: policyDocumentSchema,
});
export const pendingConsentListSchema = z.object({
  subjectUserId: z.uuid(),
  items: z.array(pendingConsentSchema),
  /** The documents in force, for reading beside the decisions. */
  documents: z.array(policyDocumentSchema),
});
export type PendingConsentList = z.infer<typeof pendingConsentListSchema>;

export const consentWithdrawSchema = z.object({ subjectUserId: z.uuid().optional() });
export const consentWithdrawalSchema = z.object({
  consent: consentSchema,
  cancelledAppointments: z.number().int(),
  privacyRequestId: z.uuid().nullable(),
});
export type ConsentWithdrawal = z.infer<typeof consentWithdrawalSchema>;

/** A hotline caller's verbal consent, recorded by the operator on the call (B10). */
export const verbalConsentSchema = z.object({
  callerId: z.uuid(),
  scopes: z.array(consentScopeSchema).min(1).max(4),
});

// ---------------------------------------------------------------- guardians (C11)

export const guardianshipSchema = z.object({
  id: z.uuid(),
  guardianUserId: z.uuid(),
  guardianName: z.string(),
  minorUserId: z.uuid(),
  minorName: z.string(),
  relationship: z.enum(['parent', 'legal_guardian']),
  status: z.enum(['pending', 'active', 'revoked']),
  verifiedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type Guardianship = z.infer<typeof guardianshipSchema>;
export const guardianshipListSchema = z.object({ items: z.array(guardianshipSchema) });
export const guardianshipCreateSchema = z.object({
  /** The minor's e-mail address or mobile number, as on their account. */
  minorContact: z.string().trim().min(3).max(254),
  relationship: z.enum(['parent', 'legal_guardian']),
});

export const consentSettingsSchema = z.object({
  /** Who signs for a client aged 14–17: the minor, the guardian, or both (default). */
  minorSigner: z.enum(['self', 'guardian', 'both']),
});
export type ConsentSettings = z.infer<typeof consentSettingsSchema>;
export const DEFAULT_CONSENT_SETTINGS: ConsentSettings = { minorSigner: 'both' };
