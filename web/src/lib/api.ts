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

/** For answers without a body (204). */
export const noContent: Schema<undefined> = { parse: () => undefined };

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
  /** From `Retry-After` on 429 and 503: how long to wait before trying again. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The server answered 404: missing, or hidden from this person (which it does not tell apart). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
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

/** `Retry-After` is either whole seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The cookie the server sets (readable by scripts) and the header that must echo it. */
export const CSRF_COOKIE = 'anxin_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** One cookie's value from a `document.cookie` string, or null. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function isWrite(method: Method): boolean {
  return method !== 'GET';
}

function documentCookies(): string {
  return typeof document === 'undefined' ? '' : document.cookie;
}

/** The headers of one request: JSON, and for writes the double-submit CSRF token. */
export function requestHeaders(
  method: Method,
  hasBody: boolean,
  cookies: string,
): Record<string, string> {
  const headers: Record<string, string> = { Accept: `application/json, ${PROBLEM_CONTENT_TYPE}` };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (isWrite(method)) {
    const token = readCookie(cookies, CSRF_COOKIE);
    if (token) headers[CSRF_HEADER] = token;
  }
  return headers;
}

/** Where a fresh CSRF cookie comes from; the server sets one on every answer to this address. */
const CSRF_REFRESH_PATH = '/api/v1/session';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  /** A file sent as the body itself (not JSON, not multipart), instead of `body`. */
  file?: File;
  signal?: AbortSignal;
}

/**
 * A file's bytes as the body, its name URL-encoded in `X-File-Name`. The server sniffs the
 * content, so the declared type is only a courtesy.
 */
function fileHeaders(file: File): Record<string, string> {
  return {
    'Content-Type': file.type || 'application/octet-stream',
    'X-File-Name': encodeURIComponent(file.name),
  };
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const { file } = options;
  const headers = requestHeaders(method, options.body !== undefined, documentCookies());
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: file ? { ...headers, ...fileHeaders(file) } : headers,
  };
  if (file) init.body = file;
  else if (options.body !== undefined) init.body = JSON.stringify(options.body);
  if (options.signal) init.signal = options.signal;
  try {
    return await fetch(path, init);
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
}

async function toError(response: Response): Promise<ApiError> {
  const text = await response.text();
  const problem = parseProblem(response.status, response.headers.get('Content-Type'), text);
  return new ApiError(problem, parseRetryAfter(response.headers.get('Retry-After')));
}

/**
 * JSON in, JSON out, validated against `schema`; throws ApiError for anything but 2xx. A write
 * refused for its CSRF token (cookie expired, or rotated in another tab) fetches a fresh cookie
 * and is sent once more: the server refused it before doing anything.
 */
export async function apiRequest<T>(
  path: string,
  schema: Schema<T>,
  options: RequestOptions = {},
): Promise<T> {
  let response = await send(path, options);
  if (!response.ok) {
    let error = await toError(response);
    if (error.code === 'csrf_failed' && isWrite(options.method ?? 'GET')) {
      const refresh = await send(
        CSRF_REFRESH_PATH,
        options.signal ? { signal: options.signal } : {},
      );
      if (refresh.ok) {
        response = await send(path, options);
        if (!response.ok) error = await toError(response);
      }
    }
    if (!response.ok) throw error;
  }
  return schema.parse(response.status === 204 ? undefined : await response.json());
}

export function apiGet<T>(path: string, schema: Schema<T>, signal?: AbortSignal): Promise<T> {
  return apiRequest(path, schema, signal ? { signal } : {});
}

export function apiPost<T>(path: string, schema: Schema<T>, body?: unknown): Promise<T> {
  return apiRequest(path, schema, { method: 'POST', body });
}

export function apiPut<T>(path: string, schema: Schema<T>, body: unknown): Promise<T> {
  return apiRequest(path, schema, { method: 'PUT', body });
}

export function apiPatch<T>(path: string, schema: Schema<T>, body: unknown): Promise<T> {
  return apiRequest(path, schema, { method: 'PATCH', body });
}

export function apiDelete(path: string): Promise<undefined> {
  return apiRequest(path, noContent, { method: 'DELETE' });
}

/** Uploads one file with PUT; the answer's body is not needed (the page loads what changed). */
export async function apiUpload(path: string, file: File): Promise<void> {
  await apiRequest(path, { parse: () => undefined }, { method: 'PUT', file });
}

/** A query string from the defined, non-empty values, in the order given. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
