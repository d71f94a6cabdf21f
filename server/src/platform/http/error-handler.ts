import type { ErrorCode, FieldError } from '@anxin/common';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError } from './app-error.ts';
import { sendProblem } from './problem.ts';

/** Fastify's own error codes that map to a stable code of ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

/**
 * Every error leaves as RFC 9457 problem+json. Details are written here, never copied from the
 * error: a JSON parser's message quotes the body, a driver's message quotes SQL parameters.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, error.code, error.detail, error.errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(
        reply,
        'validation_failed',
        'One or more fields are not valid.',
        validationErrors(error.validation, error.validationContext),
      );
    }
    if (error.statusCode === 429) {
      return sendProblem(reply, 'rate_limited', 'Slow down and try again later.');
    }
    const mapped = FASTIFY_CODES[error.code];
    if (mapped) return sendProblem(reply, mapped, safeDetail(mapped));
    if (error instanceof SyntaxError && error.statusCode === 400) {
      return sendProblem(reply, 'malformed_json', safeDetail('malformed_json'));
    }
    if (!isResponseSerializationError(error) && error.statusCode && error.statusCode < 500) {
      return sendProblem(reply, error.statusCode === 404 ? 'not_found' : 'bad_request');
    }
    logServerError(request, error);
    return sendProblem(reply, 'internal_error', 'The error was logged with the request id.');
  });
}

/**
 * Unknown addresses: a 404 problem, unless `pageFallback` claims the request (the web app does
 * for browser navigations, so its router can show its own pages).
 */
export function registerNotFound(
  app: FastifyInstance,
  pageFallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined,
): void {
  app.setNotFoundHandler((request, reply) => {
    return (
      pageFallback?.(request, reply) ??
      sendProblem(reply, 'not_found', 'No resource at this address.')
    );
  });
}

function safeDetail(code: ErrorCode): string | undefined {
  switch (code) {
    case 'malformed_json':
      return 'Send a well-formed JSON document.';
    case 'payload_too_large':
      return 'The body exceeds the size limit.';
    case 'unsupported_media_type':
      return 'Send the body as application/json.';
    default:
      return undefined;
  }
}

interface ValidationIssue {
  instancePath: string;
  message?: string;
  keyword: string;
  params?: { errors?: unknown };
}

interface ZodIssueLike {
  path: PropertyKey[];
  code: string;
  message: string;
  errors?: ZodIssueLike[][];
}

/** `{instancePath: "/contact/email"}` in the body becomes `body.contact.email`. */
export function validationErrors(
  issues: readonly ValidationIssue[],
  context: string | undefined,
): FieldError[] {
  // Fastify calls the query `querystring`; the contract (and the web app) says `query.limit`.
  const root = context === 'querystring' ? 'query' : (context ?? 'request');
  return issues.flatMap((issue) => {
    const at = issue.instancePath.split('/').filter(Boolean);
    const branch =
      issue.keyword === 'invalid_union' ? matchingBranch(issue.params?.errors) : undefined;
    if (branch) {
      return branch.map((b) => ({
        path: [root, ...at, ...b.path.map(String)].join('.'),
        message: b.message,
        code: b.code,
      }));
    }
    return [
      {
        path: [root, ...at].join('.'),
        message: issue.message ?? 'Invalid value',
        code: issue.keyword,
      },
    ];
  });
}

/**
 * A union reports one error per alternative. When exactly one alternative had the right shape
 * at the top (its issues are deeper than a root type mismatch), that is the one the caller meant,
 * and its issues name the fields.
 */
function matchingBranch(errors: unknown): ZodIssueLike[] | undefined {
  if (!Array.isArray(errors)) return undefined;
  const branches = errors as ZodIssueLike[][];
  const shaped = branches.filter(
    (issues) => !issues.some((i) => i.path.length === 0 && i.code === 'invalid_type'),
  );
  return shaped.length === 1 ? shaped[0] : undefined;
}

function logServerError(request: FastifyRequest, error: FastifyError): void {
  request.log.error({ err: error }, 'request failed');
}
