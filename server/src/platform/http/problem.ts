import {
  ERROR_STATUS,
  PROBLEM_CONTENT_TYPE,
  PROBLEM_TYPE_BASE,
  type ErrorCode,
  type FieldError,
  type Problem,
  problemSchema,
} from '@anxin/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Titles are fixed per code (RFC 9457: the title does not change between occurrences). */
const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  malformed_json: 'The request body is not valid JSON',
  bad_request: 'Bad request',
  unauthenticated: 'Sign-in required',
  invalid_credentials: 'The sign-in details are not correct',
  mfa_required: 'Two-step verification required',
  csrf_failed: 'The request could not be verified',
  consent_required: 'Consent is required first',
  invalid_code: 'The code is not valid',
  invalid_token: 'The link is not valid or has expired',
  weak_password: 'The password is too easy to guess',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  invalid_transition: 'Not possible in the current state',
  slot_taken: 'This time is no longer available',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported media type',
  file_type_not_allowed: 'This type of file is not accepted',
  rate_limited: 'Too many requests',
  internal_error: 'Something went wrong on our side',
  service_unavailable: 'The service is not available right now',
};

export function buildProblem(
  code: ErrorCode,
  request: FastifyRequest,
  detail?: string,
  errors?: FieldError[],
): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${code}`,
    title: TITLES[code],
    status: ERROR_STATUS[code],
    ...(detail ? { detail } : {}),
    code,
    requestId: request.id,
    ...(errors?.length ? { errors } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail?: string,
  errors?: FieldError[],
): FastifyReply {
  const problem = buildProblem(code, reply.request, detail, errors);
  return reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

/** Response schemas for the error statuses a route documents, all problem+json. */
export function problemResponses<S extends number>(
  ...statuses: S[]
): Record<S, typeof problemSchema> {
  return Object.fromEntries(statuses.map((s) => [s, problemSchema])) as Record<
    S,
    typeof problemSchema
  >;
}
