import {
  ERROR_STATUS,
  PROBLEM_CONTENT_TYPE,
  problemSchema,
  type ErrorCode,
  type FieldError,
  type Problem,
} from '@anxin/common';

/** Anything with zod's `parse`; keeps the web app from depending on zod directly. */
export interface Schema<T> {
  parse(data: unknown): T;
}

/**
 * A failed call, carrying the server's problem details. The UI branches on `code` and shows
 * its own translated text; `title` and `detail` are for logs and support, `requestId` for
 * matching a report to the server's log.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly title: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly errors: readonly FieldError[];

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
  }
}

// Several codes share a status: the first listed is the generic one, except that a bare 400 says
// nothing about validation, so it maps to bad_request.
const CODE_BY_STATUS = new Map<number, ErrorCode>([[400, 'bad_request']]);
for (const [code, status] of Object.entries(ERROR_STATUS) as [ErrorCode, number][]) {
  if (!CODE_BY_STATUS.has(status)) CODE_BY_STATUS.set(status, code);
}

/** A code for answers that carry no problem body, e.g. an HTML 502 from a proxy in between. */
export function codeForStatus(status: number): ErrorCode {
  const known = CODE_BY_STATUS.get(status);
  if (known) return known;
  if (status === 0 || status === 502 || status === 504) return 'service_unavailable';
  return status >= 500 ? 'internal_error' : 'bad_request';
}

/** Turns any non-2xx answer into a Problem, trusting the body only when it is valid problem+json. */
export function parseProblem(status: number, contentType: string | null, body: string): Problem {
  if (contentType?.toLowerCase().startsWith(PROBLEM_CONTENT_TYPE)) {
    try {
      const parsed = problemSchema.safeParse(JSON.parse(body));
      if (parsed.success) return parsed.data;
    } catch {
      // A truncated or non-JSON body falls through to the generic problem below.
    }
  }
  return { type: 'about:blank', title: `HTTP ${status}`, status, code: codeForStatus(status) };
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** JSON in, JSON out, validated against `schema`; throws ApiError for anything but 2xx. */
export async function apiRequest<T>(
  path: string,
  schema: Schema<T>,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: `application/json, ${PROBLEM_CONTENT_TYPE}` };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    // Aborts are the caller's own doing and must stay recognisable as such.
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'service_unavailable',
    });
  }
  if (!response.ok) {
    const text = await response.text();
    throw new ApiError(parseProblem(response.status, response.headers.get('Content-Type'), text));
  }
  return schema.parse(response.status === 204 ? undefined : await response.json());
}

export function apiGet<T>(path: string, schema: Schema<T>, signal?: AbortSignal): Promise<T> {
  return apiRequest(path, schema, signal ? { signal } : {});
}
