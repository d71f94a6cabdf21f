import { describe, expect, it } from 'vitest';
import { errorsWithMessages } from './form-helpers.ts';

const FIELDS = ['fee', 'name'] as const;

describe('errorsWithMessages', () => {
  it('uses the form’s own words for its fields, but keeps "required"', () => {
    const errors = errorsWithMessages(
      [
        { path: 'body.fee', code: 'too_big' },
        { path: 'body.name', code: 'invalid_type' },
      ],
      FIELDS,
      { fee: { key: 'counselors.fieldErrors.fee' }, name: { key: 'counselors.fieldErrors.title' } },
    );
    expect(errors.fields.fee).toEqual({ key: 'counselors.fieldErrors.fee' });
    expect(errors.fields.name).toEqual({ key: 'fieldErrors.required' });
    expect(errors.form).toBeNull();
  });

  it('adds the form’s own findings where the schema found nothing', () => {
    const errors = errorsWithMessages(
      [],
      FIELDS,
      {},
      { fee: { key: 'counselors.fieldErrors.fee' } },
    );
    expect(errors).toEqual({ fields: { fee: { key: 'counselors.fieldErrors.fee' } }, form: null });
  });

  it('keeps a form message for a problem no field explains', () => {
    const errors = errorsWithMessages([{ path: 'body.other', code: 'custom' }], FIELDS, {});
    expect(errors.form).toEqual({ key: 'errors.validation_failed' });
  });
});
