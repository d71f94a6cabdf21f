import { z } from 'zod';

/**
 * Stable, snake_case error codes. Clients branch on these, never on titles or details,
 * so a code once published is never renamed. The HTTP status each one answers with
 * lives next to it so the server and the web app agree.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_json: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  mfa_required: 403,
  csrf_failed: 403,
  consent_required: 403,
  invalid_code: 400,
  invalid_token: 400,
  weak_password: 400,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_transition: 409,
  slot_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  file_type_not_allowed: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];
export const errorCodeSchema = z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]);

/** Where problem types are documented; `type` is this base plus the code. */
export const PROBLEM_TYPE_BASE = 'https://anxin.dev/problems/';

export const fieldErrorSchema = z.object({
  /** JSON path of the offending field, e.g. `body.contact.email` or `query.limit`. */
  path: z.string(),
  message: z.string(),
  code: z.string(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** RFC 9457 problem details, with our extensions `code`, `requestId` and `errors`. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: errorCodeSchema,
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
