import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiGet, apiRequest, codeForStatus, parseProblem } from './api.ts';

const PROBLEM = {
  type: 'https://anxin.dev/problems/validation_failed',
  title: 'Validation failed',
  status: 400,
  detail: 'One field is invalid.',
  code: 'validation_failed',
  requestId: 'req-42',
  errors: [{ path: 'body.email', message: 'Invalid email', code: 'invalid_format' }],
};

const passThrough = { parse: (data: unknown) => data };

function stubFetch(response: Response) {
  const fetchMock = vi.fn(() => Promise.resolve(response));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parseProblem', () => {
  it('reads a problem+json body', () => {
    const problem = parseProblem(
      400,
      'application/problem+json; charset=utf-8',
      JSON.stringify(PROBLEM),
    );
    expect(problem).toEqual(PROBLEM);
  });

  it('does not trust a JSON body that is not problem+json', () => {
    const problem = parseProblem(500, 'application/json', JSON.stringify(PROBLEM));
    expect(problem).toMatchObject({ status: 500, code: 'internal_error' });
  });

  it('falls back to a generic problem for malformed or invalid bodies', () => {
    expect(parseProblem(503, 'application/problem+json', '{oops')).toMatchObject({
      status: 503,
      code: 'service_unavailable',
    });
    expect(parseProblem(404, 'application/problem+json', '{"title":"x"}')).toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('maps bare statuses to generic codes', () => {
    expect(codeForStatus(400)).toBe('bad_request');
    expect(codeForStatus(401)).toBe('unauthenticated');
    expect(codeForStatus(502)).toBe('service_unavailable');
    expect(codeForStatus(418)).toBe('bad_request');
    expect(codeForStatus(599)).toBe('internal_error');
  });
});

describe('apiRequest', () => {
  it('sends JSON with same-origin credentials and returns the parsed body', async () => {
    const fetchMock = stubFetch(Response.json({ ok: true }));
    await expect(
      apiRequest('/api/v1/x', passThrough, { method: 'POST', body: { a: 1 } }),
    ).resolves.toEqual({ ok: true });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/x');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{"a":1}' });
    expect(init.headers).toMatchObject({ 'Content-Type': 'application/json' });
  });

  it('throws an ApiError carrying the problem details', async () => {
    stubFetch(
      new Response(JSON.stringify(PROBLEM), {
        status: 400,
        headers: { 'Content-Type': 'application/problem+json' },
      }),
    );
    const error: unknown = await apiGet('/api/v1/x', passThrough).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      title: 'Validation failed',
      detail: 'One field is invalid.',
      requestId: 'req-42',
      errors: PROBLEM.errors,
    });
  });

  it('turns a network failure into a service_unavailable ApiError', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(apiGet('/api/v1/x', passThrough)).rejects.toMatchObject({
      status: 0,
      code: 'service_unavailable',
    });
  });

  it('validates the body with the given schema', async () => {
    stubFetch(Response.json({ unexpected: true }));
    const strict = {
      parse: () => {
        throw new Error('schema mismatch');
      },
    };
    await expect(apiGet('/api/v1/x', strict)).rejects.toThrow('schema mismatch');
  });
});
