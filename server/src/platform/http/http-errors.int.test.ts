import { problemSchema } from '@anxin/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

const REPORT = '/api/v1/csp-reports';
const validReport = { 'csp-report': { 'document-uri': 'https://anxin.example/' } };

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const problem = problemSchema.parse(JSON.parse(res.body));
  expect(problem).toMatchObject({ status, code, type: `https://anxin.dev/problems/${code}` });
  expect(problem.requestId).toBe(res.headers['x-request-id']);
  expect(res.body).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
  return problem;
}

describe('HTTP errors are RFC 9457 problem+json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ bodyLimit: 4096 });
  });
  afterAll(() => t.close());

  it('answers an unknown API route with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expectProblem(res, 404, 'not_found');
  });

  it('answers an unknown method on a known path with a 404 problem', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/meta' });
    expectProblem(res, 404, 'not_found');
  });

  it('answers malformed JSON with a 400 problem that does not quote the body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: REPORT,
      headers: { 'content-type': 'application/json' },
      payload: '{"csp-report": {"document-uri": "secret-fragment',
    });
    const problem = expectProblem(res, 400, 'malformed_json');
    expect(JSON.stringify(problem)).not.toContain('secret-fragment');
  });

  it('answers an empty JSON body with a 400 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: REPORT,
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expectProblem(res, 400, 'malformed_json');
  });

  it('answers an oversized body with a 413 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: REPORT,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ 'csp-report': { 'document-uri': 'x'.repeat(10_000) } }),
    });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('answers an unsupported media type with a 415 problem', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: REPORT,
      headers: { 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('names the path of each invalid field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: REPORT,
      payload: { 'csp-report': { 'document-uri': 42, disposition: 'maybe' } },
    });
    const problem = expectProblem(res, 400, 'validation_failed');
    const paths = problem.errors?.map((e) => e.path) ?? [];
    expect(paths).toContain('body.csp-report.document-uri');
    expect(paths).toContain('body.csp-report.disposition');
  });

  it('accepts a valid report with 204', async () => {
    const res = await t.app.inject({ method: 'POST', url: REPORT, payload: validReport });
    expect(res.statusCode).toBe(204);
  });
});

describe('request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps a well-formed incoming x-request-id and logs it', async () => {
    const res = await t.app.inject({
      url: '/api/v1/meta',
      headers: { 'x-request-id': 'edge-1234abcd' },
    });
    expect(res.headers['x-request-id']).toBe('edge-1234abcd');
    const lines = t.logs.filter((l) => l.includes('"reqId":"edge-1234abcd"'));
    expect(lines).toHaveLength(1); // one access-log line per request
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      req: { method: 'GET', url: '/api/v1/meta' },
      res: { statusCode: 200 },
    });
  });

  it('does not log successful probes', async () => {
    await t.app.inject({ url: '/health', headers: { 'x-request-id': 'probe-1234abcd' } });
    expect(t.logs.some((l) => l.includes('probe-1234abcd'))).toBe(false);
  });

  it('replaces an incoming id that could forge log lines', async () => {
    const res = await t.app.inject({
      url: '/health',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ trustProxy: true });
  });
  afterAll(() => t.close());

  it('sends CSP, nosniff and frame-ancestors none, and no-store on the API', async () => {
    const res = await t.app.inject({ url: '/api/v1/meta' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS only when the request came over TLS', async () => {
    const res = await t.app.inject({ url: '/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });
});

describe('rate limiting', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ rateLimit: { max: 3, windowMs: 60_000 } });
  });
  afterAll(() => t.close());

  it('answers 429 problem with Retry-After past the limit, but never limits the probes', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await t.app.inject({ url: '/api/v1/meta' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    const res = await t.app.inject({ url: '/api/v1/meta' });
    expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++)
      expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
  });
});
