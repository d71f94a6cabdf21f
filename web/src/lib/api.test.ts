import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiGet,
  apiPost,
  apiRequest,
  apiUpload,
  codeForStatus,
  noContent,
  parseProblem,
  parseRetryAfter,
  queryString,
  readCookie,
  requestHeaders,
} from './api.ts';

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

describe('CSRF protection', () => {
  const COOKIES = 'theme=dark; anxin_csrf=tok%2Ben-123; other=1';

  function sentHeaders(fetchMock: ReturnType<typeof stubFetch>, call = 0): Record<string, string> {
    const [, init] = fetchMock.mock.calls[call] as unknown as [string, RequestInit];
    return init.headers as Record<string, string>;
  }

  it('reads one cookie from document.cookie', () => {
    expect(readCookie(COOKIES, 'anxin_csrf')).toBe('tok+en-123');
    expect(readCookie(COOKIES, 'missing')).toBeNull();
    expect(readCookie('', 'anxin_csrf')).toBeNull();
    expect(readCookie('xanxin_csrf=no; anxin_csrf=yes', 'anxin_csrf')).toBe('yes');
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)(
    'attaches X-CSRF-Token to a %s',
    async (method) => {
      vi.stubGlobal('document', { cookie: COOKIES });
      const fetchMock = stubFetch(new Response(null, { status: 204 }));
      await apiRequest('/api/v1/x', noContent, { method });
      expect(sentHeaders(fetchMock)['X-CSRF-Token']).toBe('tok+en-123');
    },
  );

  it('does not attach it to a GET', async () => {
    vi.stubGlobal('document', { cookie: COOKIES });
    const fetchMock = stubFetch(Response.json({ ok: true }));
    await apiGet('/api/v1/x', passThrough);
    expect(sentHeaders(fetchMock)).not.toHaveProperty('X-CSRF-Token');
  });

  it('sends a write without the header when there is no cookie yet', () => {
    expect(requestHeaders('POST', true, 'theme=dark')).toEqual({
      Accept: 'application/json, application/problem+json',
      'Content-Type': 'application/json',
    });
  });

  it('sends no Content-Type without a body', () => {
    expect(requestHeaders('DELETE', false, 'anxin_csrf=t')).toEqual({
      Accept: 'application/json, application/problem+json',
      'X-CSRF-Token': 't',
    });
  });

  it('fetches a fresh cookie and retries a write refused with csrf_failed once', async () => {
    vi.stubGlobal('document', { cookie: COOKIES });
    const refused = () =>
      new Response(JSON.stringify({ type: 'x', title: 'x', status: 403, code: 'csrf_failed' }), {
        status: 403,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(refused())
      .mockResolvedValueOnce(Response.json({ actor: null }))
      .mockResolvedValueOnce(Response.json({ done: true }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiPost('/api/v1/x', passThrough, { a: 1 })).resolves.toEqual({ done: true });
    expect(fetchMock.mock.calls.map((call) => (call as unknown[])[0])).toEqual([
      '/api/v1/x',
      '/api/v1/session',
      '/api/v1/x',
    ]);
  });

  it('gives up after one retry', async () => {
    const refused = () =>
      new Response(JSON.stringify({ type: 'x', title: 'x', status: 403, code: 'csrf_failed' }), {
        status: 403,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    const fetchMock = vi
      .fn()
      .mockResolvedValueOnce(refused())
      .mockResolvedValueOnce(Response.json({ actor: null }))
      .mockResolvedValueOnce(refused());
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiPost('/api/v1/x', passThrough, {})).rejects.toMatchObject({
      code: 'csrf_failed',
    });
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });
});

describe('apiUpload', () => {
  it('sends the file itself with PUT, its type, its encoded name and the CSRF token', async () => {
    vi.stubGlobal('document', { cookie: 'anxin_csrf=t' });
    const fetchMock = stubFetch(Response.json({ id: 'x' }));
    const file = new File(['%PDF-1.4'], '证书 1.pdf', { type: 'application/pdf' });
    await expect(apiUpload('/api/v1/x/file', file)).resolves.toBeUndefined();
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/v1/x/file');
    expect(init.method).toBe('PUT');
    expect(init.body).toBe(file);
    expect(init.headers).toEqual({
      Accept: 'application/json, application/problem+json',
      'Content-Type': 'application/pdf',
      'X-File-Name': '%E8%AF%81%E4%B9%A6%201.pdf',
      'X-CSRF-Token': 't',
    });
  });

  it('reports a refused file like any other failure, with the server’s code', async () => {
    stubFetch(
      new Response(
        JSON.stringify({ type: 'x', title: 'x', status: 415, code: 'file_type_not_allowed' }),
        { status: 415, headers: { 'Content-Type': 'application/problem+json' } },
      ),
    );
    await expect(apiUpload('/api/v1/x/file', new File(['x'], 'a.txt'))).rejects.toMatchObject({
      code: 'file_type_not_allowed',
    });
  });
});

describe('rate limiting', () => {
  it('reads Retry-After in seconds or as a date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('90', now)).toBe(90);
    expect(parseRetryAfter(' 5 ', now)).toBe(5);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:02:00 GMT', now)).toBe(120);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('carries the wait on the ApiError of a 429', async () => {
    stubFetch(
      new Response(JSON.stringify({ type: 'x', title: 'x', status: 429, code: 'rate_limited' }), {
        status: 429,
        headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '75' },
      }),
    );
    await expect(apiPost('/api/v1/auth/sign-in', passThrough, {})).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 75,
    });
  });
});

describe('queryString', () => {
  it('leaves out empty values and encodes the rest', () => {
    expect(queryString({ role: 'client', after: undefined, q: '', limit: 50 })).toBe(
      '?role=client&limit=50',
    );
    expect(queryString({ token: 'a+b/c' })).toBe('?token=a%2Bb%2Fc');
    expect(queryString({})).toBe('');
  });
});
