import { z } from 'zod';
import { ASSESSMENT_CODES } from '../assessments/definitions.ts';

/** Questionnaires of a client (C4): assigned, filled in by the client, scored by the server. */
export const assessmentCodeSchema = z.enum(ASSESSMENT_CODES);

export const assessmentScoreSchema = z.object({
  total: z.number().int().nullable(),
  band: z.string().nullable(),
  triage: z.enum(['none', 'low', 'moderate', 'high']).nullable(),
  risks: z.array(
    z.object({
      item: z.string(),
      kind: z.string(),
      severity: z.enum(['low', 'moderate', 'high']),
    }),
  ),
});

/** What the client sees of their questionnaire: what to fill in, and whether it is done. */
export const assessmentTaskSchema = z.object({
  id: z.uuid(),
  assessmentCode: assessmentCodeSchema,
  definitionVersion: z.string(),
  status: z.enum(['assigned', 'completed', 'cancelled']),
  assignedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
});
export type AssessmentTask = z.infer<typeof assessmentTaskSchema>;
export const assessmentTaskListSchema = z.object({ items: z.array(assessmentTaskSchema) });

/** What the counselor sees: the answers and the score as well. */
export const assessmentResultSchema = assessmentTaskSchema.extend({
  clientUserId: z.uuid(),
  episodeId: z.uuid().nullable(),
  answers: z.record(z.string(), z.string()).nullable(),
  score: assessmentScoreSchema.nullable(),
});
export type AssessmentResult = z.infer<typeof assessmentResultSchema>;
export const assessmentResultListSchema = z.object({ items: z.array(assessmentResultSchema) });

export const assignAssessmentInputSchema = z.object({
  clientUserId: z.uuid(),
  assessmentCode: assessmentCodeSchema,
});
export const submitAssessmentInputSchema = z.object({
  answers: z.record(z.string().max(64), z.string().max(64)),
});
