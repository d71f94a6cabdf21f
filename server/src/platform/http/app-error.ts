import { ERROR_STATUS, type ErrorCode, type FieldError } from '@anxin/common';

/**
 * The one error type services throw on purpose. The HTTP layer turns it into problem+json with
 * the code's status; `detail` must be safe to show to the caller (no personal data, no SQL).
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? code);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}

export const notFound = (detail = 'The resource does not exist.') =>
  new AppError('not_found', detail);
