import { z } from 'zod';

/**
 * Clinical records (B8, C3): templates, drafts, signatures, addenda, co-signatures. Content is a
 * map of template field keys to text; the server seals it under the client's key.
 */

export const RECORD_TYPES = [
  'intake',
  'session_note',
  'call_record',
  'termination_summary',
  'referral_letter',
] as const;
export const RECORD_STATUSES = [
  'draft',
  'cosign_pending',
  'signed',
  'cosigned',
  'amended',
] as const;
export const recordTypeSchema = z.enum(RECORD_TYPES);
export const recordStatusSchema = z.enum(RECORD_STATUSES);
export type RecordType = z.infer<typeof recordTypeSchema>;

const localizedSchema = z.object({ 'zh-CN': z.string(), en: z.string() });

export const templateFieldSchema = z.object({
  key: z.string(),
  label: localizedSchema,
  kind: z.enum(['text', 'longtext', 'choice', 'date']),
  required: z.boolean(),
  options: z.array(z.object({ code: z.string(), label: localizedSchema })).optional(),
});
export type TemplateFieldView = z.infer<typeof templateFieldSchema>;

export const recordTemplateSchema = z.object({
  id: z.uuid(),
  recordType: recordTypeSchema,
  code: z.string(),
  version: z.number().int(),
  title: localizedSchema,
  fields: z.array(templateFieldSchema),
});
export type RecordTemplate = z.infer<typeof recordTemplateSchema>;
export const recordTemplateListSchema = z.object({ items: z.array(recordTemplateSchema) });

/** A field's text; long enough for a thorough note, short enough to refuse a paste accident. */
export const RECORD_FIELD_MAX = 20_000;
export const recordContentSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,62}$/),
  z.string().max(RECORD_FIELD_MAX),
);
export type RecordContent = z.infer<typeof recordContentSchema>;

export const recordVersionSchema = z.object({
  version: z.number().int(),
  kind: z.enum(['original', 'addendum']),
  authorUserId: z.uuid(),
  authorName: z.string(),
  signedAt: z.iso.datetime(),
  reason: z.string().nullable(),
  content: recordContentSchema,
  hash: z.string(),
  prevHash: z.string().nullable(),
});

export const clinicalRecordSchema = z.object({
  id: z.uuid(),
  recordType: recordTypeSchema,
  template: recordTemplateSchema,
  clientUserId: z.uuid(),
  episodeId: z.uuid().nullable(),
  appointmentId: z.uuid().nullable(),
  authorUserId: z.uuid(),
  authorName: z.string(),
  status: recordStatusSchema,
  /** The draft's content while a draft; null once signed (see `versions`). */
  draft: recordContentSchema.nullable(),
  draftRevision: z.number().int(),
  signedAt: z.iso.datetime().nullable(),
  needsCosign: z.boolean(),
  cosignedBy: z.uuid().nullable(),
  cosignedAt: z.iso.datetime().nullable(),
  headHash: z.string().nullable(),
  versions: z.array(recordVersionSchema),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** What the caller may do with it now. */
  can: z.object({
    editDraft: z.boolean(),
    sign: z.boolean(),
    amend: z.boolean(),
    cosign: z.boolean(),
  }),
});
export type ClinicalRecord = z.infer<typeof clinicalRecordSchema>;
export const clinicalRecordListSchema = z.object({ items: z.array(clinicalRecordSchema) });

export const createRecordInputSchema = z.object({
  clientUserId: z.uuid(),
  recordType: recordTypeSchema,
  appointmentId: z.uuid().optional(),
  content: recordContentSchema.optional(),
});
export const saveDraftInputSchema = z.object({
  content: recordContentSchema,
  /** The revision the editor started from: a stale save is refused (409), never merged. */
  revision: z.number().int().min(0),
});
export const signRecordInputSchema = z.object({ revision: z.number().int().min(0) });
export const addendumInputSchema = z.object({
  content: recordContentSchema,
  reason: z.string().trim().min(1).max(2000),
});

export const recordVerificationSchema = z.object({
  intact: z.boolean(),
  versions: z.number().int(),
  problems: z.array(z.object({ version: z.number().int(), problem: z.string() })),
});

export const supervisorAssignmentSchema = z.object({
  id: z.uuid(),
  counselorId: z.uuid(),
  supervisorUserId: z.uuid(),
  supervisorName: z.string(),
  createdAt: z.iso.datetime(),
});
export const supervisorAssignmentListSchema = z.object({
  items: z.array(supervisorAssignmentSchema),
});
export const assignSupervisorInputSchema = z.object({ supervisorUserId: z.uuid() });
