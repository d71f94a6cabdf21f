import { PASSWORD_MIN, registerRequestSchema, setupRequestSchema } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import {
  fieldForPath,
  fieldMessage,
  formErrorsFromError,
  formErrorsFromIssues,
  messageForError,
  splitWait,
  validateBody,
} from './form-errors.ts';

const SIGN_UP = ['email', 'phone', 'password', 'realName', 'displayName', 'birthDate'] as const;
const SETUP = ['token', 'organization.name', 'organization.timeZone', 'admin.email'] as const;

function problem(code: ApiError['code'], status: number, errors?: ApiError['errors']) {
  return new ApiError({
    type: 'about:blank',
    title: code,
    status,
    code,
    ...(errors ? { errors: [...errors] } : {}),
  });
}

describe('fieldForPath', () => {
  it.each([
    ['body.email', SIGN_UP, 'email'],
    ['body.birthDate', SIGN_UP, 'birthDate'],
    ['query.email', SIGN_UP, 'email'],
    ['body.admin.email', SETUP, 'admin.email'],
    ['body.organization.timeZone', SETUP, 'organization.timeZone'],
    ['body.roles.0', ['email', 'roles'], 'roles'],
    ['body.contact.email', SIGN_UP, null],
    ['body', SIGN_UP, null],
    ['body.unknown', SIGN_UP, null],
    ['email', SIGN_UP, 'email'],
  ] as const)('maps %s to %s', (path, fields, expected) => {
    expect(fieldForPath(path, fields)).toBe(expected);
  });
});

describe('fieldMessage', () => {
  it('explains a field by its name, not by the server text', () => {
    expect(fieldMessage('email', 'invalid_format')).toEqual({ key: 'fieldErrors.email' });
    expect(fieldMessage('admin.email', 'invalid_format')).toEqual({ key: 'fieldErrors.email' });
    expect(fieldMessage('password', 'too_small')).toEqual({
      key: 'fieldErrors.password',
      values: { min: PASSWORD_MIN },
    });
  });

  it('says "required" for a missing value and has specific codes win', () => {
    expect(fieldMessage('realName', 'invalid_type')).toEqual({ key: 'fieldErrors.required' });
    expect(fieldMessage('email', 'custom')).toEqual({ key: 'fieldErrors.contactRequired' });
    expect(fieldMessage('password', 'weak_password')).toEqual({ key: 'fieldErrors.weakPassword' });
  });

  it('falls back to a generic message for fields it does not know', () => {
    expect(fieldMessage('favouriteColour', 'too_big')).toEqual({ key: 'fieldErrors.invalid' });
  });
});

describe('formErrorsFromIssues', () => {
  it('puts each issue beside its field, keeping the first per field', () => {
    const errors = formErrorsFromIssues(
      [
        { path: 'body.email', code: 'invalid_format' },
        { path: 'body.email', code: 'too_big' },
        { path: 'body.birthDate', code: 'invalid_format' },
      ],
      SIGN_UP,
    );
    expect(errors).toEqual({
      fields: { email: { key: 'fieldErrors.email' }, birthDate: { key: 'fieldErrors.birthDate' } },
      form: null,
    });
  });

  it('reports issues on fields the form does not have above the form', () => {
    expect(formErrorsFromIssues([{ path: 'body.token', code: 'too_small' }], SIGN_UP)).toEqual({
      fields: {},
      form: { key: 'errors.validation_failed' },
    });
  });
});

describe('validateBody', () => {
  it('gives the server’s paths for the shared schema’s issues', () => {
    const issues = validateBody(registerRequestSchema, {
      password: 'short',
      realName: 'Wang',
      displayName: 'W',
      birthDate: '2000-13-40',
    });
    const paths = issues.map((issue) => issue.path).sort();
    expect(paths).toEqual(['body.birthDate', 'body.email', 'body.password']);
    expect(formErrorsFromIssues(issues, SIGN_UP).fields.email).toEqual({
      key: 'fieldErrors.contactRequired',
    });
  });

  it('reaches nested fields', () => {
    const issues = validateBody(setupRequestSchema, {
      token: 'x'.repeat(30),
      organization: { name: 'Centre', timeZone: 'Asia/Shanghai' },
      admin: { email: 'nope', password: 'long enough pass', realName: 'A', displayName: 'B' },
    });
    expect(issues).toEqual([{ path: 'body.admin.email', code: 'invalid_format' }]);
    expect(formErrorsFromIssues(issues, SETUP).fields['admin.email']).toEqual({
      key: 'fieldErrors.email',
    });
  });

  it('is empty for a valid body', () => {
    expect(
      validateBody(registerRequestSchema, {
        phone: '13800138000',
        password: 'correct horse battery',
        realName: 'Wang',
        displayName: 'W',
        birthDate: '2000-01-31',
      }),
    ).toEqual([]);
  });
});

describe('formErrorsFromError', () => {
  it('maps a validation problem’s field paths to the inputs', () => {
    const error = problem('validation_failed', 400, [
      { path: 'body.email', message: 'Invalid email', code: 'invalid_format' },
      { path: 'body.password', message: 'Too short', code: 'too_small' },
    ]);
    expect(formErrorsFromError(error, SIGN_UP)).toEqual({
      fields: {
        email: { key: 'fieldErrors.email' },
        password: { key: 'fieldErrors.password', values: { min: PASSWORD_MIN } },
      },
      form: null,
    });
  });

  it('puts a weak password beside the password field', () => {
    const error = problem('weak_password', 400, [
      { path: 'body.password', message: 'common', code: 'weak_password' },
    ]);
    expect(formErrorsFromError(error, SIGN_UP).fields.password).toEqual({
      key: 'fieldErrors.weakPassword',
    });
  });

  it('puts a wrong one-time code beside the code field even without a path', () => {
    expect(formErrorsFromError(problem('invalid_code', 400), ['code'] as const)).toEqual({
      fields: { code: { key: 'errors.invalid_code' } },
      form: null,
    });
    expect(formErrorsFromError(problem('invalid_code', 400), ['backupCode'] as const)).toEqual({
      fields: { backupCode: { key: 'errors.invalid_code' } },
      form: null,
    });
  });

  it('shows other codes above the form, translated by code', () => {
    expect(formErrorsFromError(problem('invalid_credentials', 401), ['identifier'])).toEqual({
      fields: {},
      form: { key: 'errors.invalid_credentials' },
    });
  });

  it('lets a page say something specific for a code', () => {
    expect(
      formErrorsFromError(problem('invalid_token', 400), ['password'], {
        invalid_token: 'resetPassword.invalidToken',
      }).form,
    ).toEqual({ key: 'resetPassword.invalidToken' });
  });

  it('treats anything that is not an ApiError as an unexpected failure', () => {
    expect(formErrorsFromError(new Error('schema mismatch'), SIGN_UP).form).toEqual({
      key: 'errors.internal_error',
    });
  });
});

describe('messageForError', () => {
  const limited = (seconds?: number) =>
    new ApiError({ type: 'x', title: 'x', status: 429, code: 'rate_limited' }, seconds);

  it('says how long to wait when the server said so', () => {
    expect(messageForError(limited(125))).toEqual({
      key: 'errors.rateLimitedMinutes',
      values: { minutes: 2, seconds: 5 },
    });
    expect(messageForError(limited(40))).toEqual({
      key: 'errors.rateLimitedSeconds',
      values: { seconds: 40 },
    });
    expect(messageForError(limited())).toEqual({ key: 'errors.rate_limited' });
  });

  it('splits a wait into whole minutes and seconds', () => {
    expect(splitWait(0)).toEqual({ minutes: 0, seconds: 0 });
    expect(splitWait(59.2)).toEqual({ minutes: 1, seconds: 0 });
    expect(splitWait(900)).toEqual({ minutes: 15, seconds: 0 });
    expect(splitWait(-3)).toEqual({ minutes: 0, seconds: 0 });
  });
});
