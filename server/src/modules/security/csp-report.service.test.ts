import { describe, expect, it } from 'vitest';
import { directiveName, originOf, summarizeCspReport } from './csp-report.service.ts';

describe('CSP report summaries', () => {
  it('reduces a legacy report to directive and blocked origin', () => {
    expect(
      summarizeCspReport({
        'csp-report': {
          'document-uri': 'https://anxin.example/clients/123',
          'violated-directive': "script-src 'self'",
          'blocked-uri': 'https://evil.example/steal?id=123',
        },
      }),
    ).toEqual([{ directive: 'script-src', blockedOrigin: 'https://evil.example' }]);
  });

  it('keeps only csp-violation entries of a Reporting API batch', () => {
    expect(
      summarizeCspReport([
        { type: 'deprecation', body: {} },
        { type: 'csp-violation', body: { effectiveDirective: 'img-src', blockedURL: 'inline' } },
      ]),
    ).toEqual([{ directive: 'img-src', blockedOrigin: 'inline' }]);
  });

  it('never passes free text through as a directive or origin', () => {
    expect(directiveName('Robert"); DROP TABLE')).toBe('unknown');
    expect(originOf('not a url at all')).toBe('invalid');
    expect(originOf(undefined)).toBe('unknown');
  });
});
