import type { CspReportBody, CspViolation } from './csp-report.schema.ts';

/** Reduces a report of either format to what operations need: which directive, which origin. */
export function summarizeCspReport(body: CspReportBody): CspViolation[] {
  if (Array.isArray(body)) {
    return body
      .filter((r) => r.type === 'csp-violation')
      .map((r) => ({
        directive: r.body?.effectiveDirective ?? 'unknown',
        blockedOrigin: originOf(r.body?.blockedURL),
      }));
  }
  const r = body['csp-report'];
  return [
    {
      directive: r['effective-directive'] ?? r['violated-directive'] ?? 'unknown',
      blockedOrigin: originOf(r['blocked-uri']),
    },
  ];
}

/** Keywords such as `inline` or `eval` pass through; URLs are cut to their origin. */
export function originOf(uri: string | undefined): string {
  if (!uri) return 'unknown';
  if (/^[a-z-]+$/.test(uri)) return uri;
  try {
    return new URL(uri).origin;
  } catch {
    return 'invalid';
  }
}
