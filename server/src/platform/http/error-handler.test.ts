import { describe, expect, it } from 'vitest';
import { validationErrors } from './error-handler.ts';

describe('validationErrors', () => {
  it('turns an instance path into a dotted field path under its context', () => {
    expect(
      validationErrors(
        [{ instancePath: '/contact/email', keyword: 'invalid_format', message: 'Invalid email' }],
        'body',
      ),
    ).toEqual([{ path: 'body.contact.email', message: 'Invalid email', code: 'invalid_format' }]);
  });

  it('names the fields of the one union alternative that had the right shape', () => {
    const union = {
      instancePath: '/',
      keyword: 'invalid_union',
      message: 'Invalid input',
      params: {
        errors: [
          [{ path: ['a', 'b'], code: 'invalid_type', message: 'expected string' }],
          [{ path: [], code: 'invalid_type', message: 'expected array' }],
        ],
      },
    };
    expect(validationErrors([union], 'body')).toEqual([
      { path: 'body.a.b', message: 'expected string', code: 'invalid_type' },
    ]);
  });

  it('keeps a union error whole when no alternative matched the shape', () => {
    const union = {
      instancePath: '/',
      keyword: 'invalid_union',
      message: 'Invalid input',
      params: {
        errors: [
          [{ path: [], code: 'invalid_type', message: 'expected object' }],
          [{ path: [], code: 'invalid_type', message: 'expected array' }],
        ],
      },
    };
    expect(validationErrors([union], 'query')).toEqual([
      { path: 'query', message: 'Invalid input', code: 'invalid_union' },
    ]);
  });
});
