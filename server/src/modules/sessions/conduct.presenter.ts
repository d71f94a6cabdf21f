import type { ConductReportSummary } from '@anxin/common';
import type { conductReports } from '../../platform/db/schema/index.ts';

export {
  conductReportListSchema,
  conductReportSchema,
  conductReportSummarySchema,
} from '@anxin/common';
export type { ConductReport, ConductReportSummary } from '@anxin/common';

export type ConductReportRow = typeof conductReports.$inferSelect;

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
