import { z } from 'zod';
import type { conductReports } from '../../platform/db/schema/index.ts';

/** A conduct report as administrators list it: no content, which needs an audited read. */
export const conductReportSummarySchema = z.object({
  id: z.uuid(),
  roomId: z.uuid(),
  reporterRole: z.enum(['client', 'counselor']),
  messageSeq: z.number().int().nullable(),
  status: z.enum(['open', 'reviewing', 'closed']),
  createdAt: z.iso.datetime(),
  handledAt: z.iso.datetime().nullable(),
});
export const conductReportListSchema = z.object({ items: z.array(conductReportSummarySchema) });

export const conductReportSchema = conductReportSummarySchema.extend({
  /** The reported message as it was when reported; null for a report of behaviour. */
  excerpt: z.string().nullable(),
  reason: z.string(),
});

export type ConductReportRow = typeof conductReports.$inferSelect;
export type ConductReportSummary = z.infer<typeof conductReportSummarySchema>;

export function presentConductSummary(
  row: ConductReportRow,
  clientUserId: string,
): ConductReportSummary {
  return {
    id: row.id,
    roomId: row.roomId,
    reporterRole: row.reporterUserId === clientUserId ? 'client' : 'counselor',
    messageSeq: row.messageSeq,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    handledAt: row.handledAt ? row.handledAt.toISOString() : null,
  };
}
