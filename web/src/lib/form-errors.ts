import { PASSWORD_MIN, type ErrorCode } from '@anxin/common';
import type { Message, MessageKey } from '../i18n/keys.ts';
import { ApiError } from './api.ts';

/** One problem with one field, in the server's form: `path` like `body.email`, a zod issue code. */
export interface FieldIssue {
  path: string;
  code: string;
}

/** What a form shows: a message beside each invalid field, and one for the form as a whole. */
export interface FormErrors<F extends string> {
  fields: Partial<Record<F, Message>>;
  form: Message | null;
}

export function noErrors<F extends string>(): FormErrors<F> {
  return { fields: {}, form: null };
}

export function hasErrors(errors: FormErrors<string>): boolean {
  return errors.form !== null || Object.keys(errors.fields).length > 0;
}

const PATH_ROOTS = new Set(['body', 'query', 'params']);

/**
 * The form field a problem path names. `body.admin.email` matches a field `admin.email`; deeper
 * paths fall back to their parent (`body.roles.0` is the field `roles`).
 */
export function fieldForPath<F extends string>(path: string, fields: readonly F[]): F | null {
  const segments = path.split('.');
  if (PATH_ROOTS.has(segments[0] ?? '')) segments.shift();
  for (let length = segments.length; length > 0; length -= 1) {
    const candidate = segments.slice(0, length).join('.');
    const field = fields.find((name) => name === candidate);
    if (field) return field;
  }
  return null;
}

interface FieldMessages {
  default: Message;
  byCode?: Partial<Record<string, Message>>;
}

const REQUIRED: Message = { key: 'fieldErrors.required' };

/**
 * What to say about a field, by the last segment of its name: the server's own messages are
 * English and meant for developers, so the form says what a valid value looks like instead.
 */
const FIELD_MESSAGES: Record<string, FieldMessages> = {
  email: {
    default: { key: 'fieldErrors.email' },
    byCode: { custom: { key: 'fieldErrors.contactRequired' } },
  },
  phone: { default: { key: 'fieldErrors.phone' } },
  identifier: { default: { key: 'fieldErrors.identifier' } },
  password: {
    default: { key: 'fieldErrors.password', values: { min: PASSWORD_MIN } },
    byCode: { weak_password: { key: 'fieldErrors.weakPassword' } },
  },
  realName: { default: { key: 'fieldErrors.realName' } },
  displayName: { default: { key: 'fieldErrors.displayName' } },
  birthDate: { default: { key: 'fieldErrors.birthDate' } },
  code: { default: { key: 'fieldErrors.code' } },
  backupCode: { default: { key: 'fieldErrors.backupCode' } },
  reason: { default: { key: 'fieldErrors.reason', values: { min: 20 } } },
  name: { default: { key: 'fieldErrors.organizationName' } },
  timeZone: { default: { key: 'fieldErrors.timeZone' } },
  roles: { default: { key: 'fieldErrors.roles' } },
  token: { default: { key: 'fieldErrors.token' } },
  subjectId: { default: { key: 'fieldErrors.uuid' } },
  actorId: { default: { key: 'fieldErrors.uuid' } },
  entityType: { default: { key: 'fieldErrors.filter' } },
  entityId: { default: { key: 'fieldErrors.filter' } },
  action: { default: { key: 'fieldErrors.filter' } },
  locale: { default: { key: 'fieldErrors.invalid' } },
};

/** The message for one issue on one field. A missing value is "required" whatever the field. */
export function fieldMessage(field: string, code: string): Message {
  const name = field.split('.').at(-1) ?? field;
  const messages = FIELD_MESSAGES[name];
  const specific = messages?.byCode?.[code];
  if (specific) return specific;
  if (code === 'invalid_type') return REQUIRED;
  return messages?.default ?? { key: 'fieldErrors.invalid' };
}

/** Issues as form errors; the first issue of a field wins, unmatched ones become a form message. */
export function formErrorsFromIssues<F extends string>(
  issues: readonly FieldIssue[],
  fields: readonly F[],
): FormErrors<F> {
  const errors: FormErrors<F> = noErrors();
  for (const issue of issues) {
    const field = fieldForPath(issue.path, fields);
    if (field === null) errors.form = { key: 'errors.validation_failed' };
    else errors.fields[field] ??= fieldMessage(field, issue.code);
  }
  return errors;
}

/** The shape of zod's `safeParse` answer, so the web app needs no zod import of its own. */
export interface SafeParser {
  safeParse(
    data: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; code: string }[] } };
}

/** Runs a shared request schema in the browser and reports issues with the server's paths. */
export function validateBody(schema: SafeParser, body: unknown): FieldIssue[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map(String)].join('.'),
    code: issue.code,
  }));
}

/** Codes that concern one field even when the server names none. */
const CODE_FIELDS: Partial<Record<ErrorCode, readonly string[]>> = {
  invalid_code: ['code', 'backupCode'],
  weak_password: ['password', 'admin.password'],
};

export type MessageOverrides = Partial<Record<ErrorCode, MessageKey>>;

/** Minutes and seconds of a wait, for "try again in 1 min 30 s". */
export function splitWait(totalSeconds: number): { minutes: number; seconds: number } {
  const whole = Math.max(0, Math.ceil(totalSeconds));
  return { minutes: Math.floor(whole / 60), seconds: whole % 60 };
}

/** What to tell a person about any failure: by code, never the server's English text. */
export function messageForError(error: unknown, overrides: MessageOverrides = {}): Message {
  if (!(error instanceof ApiError)) return { key: 'errors.internal_error' };
  const override = overrides[error.code];
  if (override) return { key: override };
  if (error.code === 'rate_limited' && error.retryAfterSeconds !== undefined) {
    const wait = splitWait(error.retryAfterSeconds);
    return wait.minutes > 0
      ? { key: 'errors.rateLimitedMinutes', values: wait }
      : { key: 'errors.rateLimitedSeconds', values: { seconds: wait.seconds } };
  }
  return { key: `errors.${error.code}` };
}

/**
 * A failed submission as form errors: each `errors[]` entry beside its field; a code that
 * concerns one field (a wrong one-time code) beside that field; anything else above the form.
 */
export function formErrorsFromError<F extends string>(
  error: unknown,
  fields: readonly F[],
  overrides: MessageOverrides = {},
): FormErrors<F> {
  if (!(error instanceof ApiError)) return { fields: {}, form: messageForError(error) };
  const errors = formErrorsFromIssues(error.errors, fields);
  if (error.errors.length > 0) return errors;
  const field = CODE_FIELDS[error.code]?.map((name) => fieldForPath(name, fields)).find(Boolean);
  if (field && !overrides[error.code]) {
    errors.fields[field] = { key: `errors.${error.code}` };
    return errors;
  }
  return { fields: {}, form: messageForError(error, overrides) };
}
