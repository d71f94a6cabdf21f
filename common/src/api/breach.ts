import { z } from 'zod';

/**
 * Disclosures to third parties (B7, C7) and personal-information incidents (B12): the contract
 * between server and web app. Instants are ISO 8601 UTC strings.
 */

const instant = z.iso.datetime();

// ---------------------------------------------------------------- disclosures

export const DISCLOSURE_BASIS_NAMES = [
  'consent',
  'danger_to_self',
  'danger_to_others',
  'minor_abuse',
  'legal_obligation',
] as const;
export const disclosureBasisSchema = z.enum(DISCLOSURE_BASIS_NAMES);
export type DisclosureBasis = z.infer<typeof disclosureBasisSchema>;

export const disclosureInputSchema = z.object({
  subjectUserId: z.uuid(),
  basis: disclosureBasisSchema,
  /** The statute or order relied on; required for `legal_obligation`. */
  legalReference: z.string().trim().max(500).optional(),
  /** Who received it (a person, an office): sealed under the subject's key. */
  recipient: z.string().trim().min(1).max(500),
  /** What was disclosed: sealed under the subject's key. */
  content: z.string().trim().min(1).max(10_000),
  disclosedAt: instant,
});
export type DisclosureInput = z.infer<typeof disclosureInputSchema>;

export const disclosureSchema = z.object({
  id: z.uuid(),
  subjectUserId: z.uuid(),
  basis: disclosureBasisSchema,
  legalReference: z.string().nullable(),
  recipient: z.string(),
  content: z.string(),
  disclosedAt: instant,
  recordedBy: z.uuid(),
  approvedBy: z.uuid().nullable(),
  approvedAt: instant.nullable(),
  /** An exception basis waiting for a supervisor's or administrator's approval. */
  approvalPending: z.boolean(),
  createdAt: instant,
});
export type Disclosure = z.infer<typeof disclosureSchema>;
export const disclosureListSchema = z.object({ items: z.array(disclosureSchema) });

// ---------------------------------------------------------------- breach incidents

export const BREACH_SEVERITIES = ['low', 'medium', 'high', 'serious'] as const;
export const breachSeveritySchema = z.enum(BREACH_SEVERITIES);
export type BreachSeverity = z.infer<typeof breachSeveritySchema>;

export const BREACH_STATUS_NAMES = [
  'detected',
  'assessed',
  'notifying',
  'reported',
  'closed',
] as const;
export const breachStatusSchema = z.enum(BREACH_STATUS_NAMES);
export type BreachStatus = z.infer<typeof breachStatusSchema>;

/** Categories of personal information an incident can involve (the report counts by these). */
export const BREACH_DATA_CATEGORIES = [
  'identity',
  'contact',
  'appointments',
  'clinical_records',
  'payments',
  'credentials',
  'other',
] as const;
export const breachDataCategorySchema = z.enum(BREACH_DATA_CATEGORIES);
export type BreachDataCategory = z.infer<typeof breachDataCategorySchema>;

const hours = z.number().int().min(1).max(720);
const perSeverity = z.object({ low: hours, medium: hours, high: hours, serious: hours });

/** Hours after discovery by which the authority is told, and the affected people. */
export const breachSettingsSchema = z.object({
  reportHours: perSeverity,
  notifyHours: perSeverity,
  /** Whom people are told to contact, in the notice (an office, an address, a number). */
  contact: z.string().trim().min(1).max(300),
});
export type BreachSettings = z.infer<typeof breachSettingsSchema>;

export const DEFAULT_BREACH_SETTINGS: BreachSettings = {
  reportHours: { low: 72, medium: 72, high: 24, serious: 4 },
  notifyHours: { low: 72, medium: 72, high: 72, serious: 24 },
  contact: 'privacy@anxin.example',
};

export const breachInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  discoveredAt: instant,
  nature: z.string().trim().min(1).max(5_000),
  dataCategories: z.array(breachDataCategorySchema).min(1).max(BREACH_DATA_CATEGORIES.length),
  severity: breachSeveritySchema,
  /** What the organisation did about it (told to the affected people). */
  remediation: z.string().trim().max(5_000).optional(),
});
export type BreachInput = z.infer<typeof breachInputSchema>;
export const breachPatchSchema = breachInputSchema.partial();

export const breachScopeSchema = z
  .object({
    from: instant,
    to: instant,
    actorId: z.uuid().optional(),
    entityTypes: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
    actions: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  })
  .refine((s) => Date.parse(s.from) < Date.parse(s.to), {
    path: ['to'],
    message: 'The window must end after it starts',
  });
export type BreachScope = z.infer<typeof breachScopeSchema>;

export const breachIncidentSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  discoveredAt: instant,
  nature: z.string(),
  dataCategories: z.array(z.string()),
  severity: breachSeveritySchema,
  status: breachStatusSchema,
  reportDueAt: instant,
  reportedAt: instant.nullable(),
  notifyDueAt: instant.nullable(),
  remediation: z.string().nullable(),
  scope: z.unknown().nullable(),
  closedAt: instant.nullable(),
  createdAt: instant,
  affectedCount: z.number().int(),
  notifiedCount: z.number().int(),
  /** Past reportDueAt and not reported. */
  reportOverdue: z.boolean(),
  /** Past notifyDueAt with someone not yet told. */
  notifyOverdue: z.boolean(),
  /** The states this incident may move to next. */
  nextStatuses: z.array(breachStatusSchema),
});
export type BreachIncident = z.infer<typeof breachIncidentSchema>;
export const breachIncidentListSchema = z.object({ items: z.array(breachIncidentSchema) });

export const breachScopePreviewSchema = z.object({ count: z.number().int() });
export const breachScopeResultSchema = z.object({
  count: z.number().int(),
  added: z.number().int(),
});
export const breachNotifyResultSchema = z.object({
  notified: z.number().int(),
  alreadyNotified: z.number().int(),
  unreachable: z.number().int(),
});

/** For the authority: the incident, deadlines and counts; no one's name or contact. */
export const breachReportSchema = z.object({
  incident: z.object({
    id: z.uuid(),
    title: z.string(),
    nature: z.string(),
    severity: breachSeveritySchema,
    status: breachStatusSchema,
    discoveredAt: instant,
    reportDueAt: instant,
    reportedAt: instant.nullable(),
    notifyDueAt: instant.nullable(),
    remediation: z.string().nullable(),
  }),
  dataCategories: z.array(z.string()),
  affected: z.object({ total: z.number().int(), notified: z.number().int() }),
  byCategory: z.array(z.object({ category: z.string(), affected: z.number().int() })),
  generatedAt: instant,
});
export type BreachReport = z.infer<typeof breachReportSchema>;
