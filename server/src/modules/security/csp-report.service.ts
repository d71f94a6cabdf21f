import type { CspReportBody, CspViolation } from './csp-report.schema.ts';

/** Reduces a report of either format to what operations need: which directive, which origin. */
export function summarizeCspReport(body: CspReportBody): CspViolation[] {
  if (Array.isArray(body)) {
    return body
      .filter((r) => r.type === 'csp-violation')
      .map((r) => ({
        directive: directiveName(r.body?.effectiveDirective),
        blockedOrigin: originOf(r.body?.blockedURL),
      }));
  }
  const r = body['csp-report'];
  return [
    {
      directive: directiveName(r['effective-directive'] ?? r['violated-directive']),
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

/** A directive is a keyword; anything else a client wrote there is not worth a log line. */
export function directiveName(value: string | undefined): string {
  const name = value?.split(' ')[0] ?? '';
  return /^[a-z-]{1,40}$/.test(name) ? name : 'unknown';
}
