import { z } from 'zod';
import { assessmentResultSchema } from './assessments.ts';
import { goalSchema } from './care-plans.ts';
import { clinicalRecordSchema } from './records.ts';

/**
 * The counselor's chart of a client (issue 8.8): the episodes the caller may see, their
 * appointments, the records and questionnaires, and a score series per instrument for the trend
 * chart. `GET /api/v1/clients/:id/chart`; 404 when the caller has no reason to see the client.
 */
export const chartEpisodeSchema = z.object({
  id: z.uuid(),
  status: z.enum(['open', 'active', 'closed']),
  counselorName: z.string(),
  createdAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  closeReason: z.string().nullable(),
});

export const chartAppointmentSchema = z.object({
  id: z.uuid(),
  episodeId: z.uuid().nullable(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  status: z.string(),
  sessionTypeCode: z.string(),
});

export const trendSchema = z.object({
  assessmentCode: z.string(),
  points: z.array(
    z.object({ at: z.iso.datetime(), total: z.number().int(), band: z.string().nullable() }),
  ),
});

export const chartSchema = z.object({
  client: z.object({ id: z.uuid(), displayName: z.string() }),
  episodes: z.array(chartEpisodeSchema),
  appointments: z.array(chartAppointmentSchema),
  records: z.array(clinicalRecordSchema),
  assessments: z.array(assessmentResultSchema),
  trends: z.array(trendSchema),
  /** The treatment goals the caller may read, with their progress reviews (C4). */
  goals: z.array(goalSchema),
});
export type Chart = z.infer<typeof chartSchema>;
