import { z } from 'zod';

const uriLike = z.string().max(4096);

/** The legacy `application/csp-report` body (CSP level 2 `report-uri`). */
export const legacyCspReportSchema = z.object({
  'csp-report': z.object({
    'document-uri': uriLike,
    'violated-directive': z.string().max(512).optional(),
    'effective-directive': z.string().max(512).optional(),
    'blocked-uri': uriLike.optional(),
    disposition: z.enum(['enforce', 'report']).optional(),
  }),
});

/** The Reporting API's `application/reports+json` body (`report-to`). */
export const reportingApiSchema = z
  .array(
    z.object({
      type: z.string().max(64),
      body: z
        .object({
          documentURL: uriLike.optional(),
          effectiveDirective: z.string().max(512).optional(),
          blockedURL: uriLike.optional(),
        })
        .optional(),
    }),
  )
  .max(100);

export const cspReportBodySchema = z.union([legacyCspReportSchema, reportingApiSchema]);
export type CspReportBody = z.infer<typeof cspReportBodySchema>;

export interface CspViolation {
  directive: string;
  /** Origin only: a blocked URL's path or query could carry a token or a name. */
  blockedOrigin: string;
}
