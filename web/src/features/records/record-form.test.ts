import type { TemplateFieldView } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import {
  contentFields,
  contentOf,
  contentValues,
  displayValue,
  hashPrefix,
  recordFormErrors,
  recordStatusTone,
} from './record-form.ts';

const label = (text: string) => ({ 'zh-CN': text, en: text });
const FIELDS: TemplateFieldView[] = [
  { key: 'reason', label: label('Reason'), kind: 'longtext', required: true },
  {
    key: 'risk_level',
    label: label('Risk'),
    kind: 'choice',
    required: true,
    options: [{ code: 'low', label: { 'zh-CN': '低', en: 'Low' } }],
  },
  { key: 'next', label: label('Next'), kind: 'date', required: false },
];

const refused = (errors: { path: string; code: string }[]) =>
  new ApiError({
    type: 'about:blank',
    title: 'Validation failed',
    status: 400,
    code: 'validation_failed',
    errors: errors.map((e) => ({ ...e, message: 'x' })),
  });

describe('form values and content', () => {
  it('names each template field content.<key>, apart from the addendum reason', () => {
    expect(contentFields(FIELDS)).toEqual(['content.reason', 'content.risk_level', 'content.next']);
    const values = { ...contentValues(FIELDS, { reason: 'r' }), reason: 'why' };
    expect(values).toEqual({
      'content.reason': 'r',
      'content.risk_level': '',
      'content.next': '',
      reason: 'why',
    });
    expect(contentOf(FIELDS, values)).toEqual({ reason: 'r', risk_level: '', next: '' });
  });
});

describe('recordFormErrors', () => {
  const names = [...contentFields(FIELDS), 'reason'];

  it('puts each problem beside its field, in the records words', () => {
    const errors = recordFormErrors(
      refused([
        { path: 'body.content.reason', code: 'required' },
        { path: 'body.content.risk_level', code: 'invalid_option' },
        { path: 'body.reason', code: 'too_small' },
      ]),
      names,
    );
    expect(errors.fields).toEqual({
      'content.reason': { key: 'records.fieldErrors.required' },
      'content.risk_level': { key: 'records.fieldErrors.option' },
      reason: { key: 'records.fieldErrors.required' },
    });
    expect(errors.form).toEqual({ key: 'records.fieldErrors.summary' });
  });

  it('says anything else above the form', () => {
    const conflict = new ApiError({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      code: 'conflict',
    });
    expect(recordFormErrors(conflict, names)).toEqual({
      fields: {},
      form: { key: 'errors.conflict' },
    });
    expect(recordFormErrors(new Error('boom'), names).form).toEqual({
      key: 'errors.internal_error',
    });
  });
});

describe('reading back', () => {
  it('shows a choice by its label, empty fields as not given', () => {
    const [, risk, next] = FIELDS;
    if (!risk || !next) throw new Error('fixture');
    expect(displayValue(risk, 'low', 'zh-CN')).toBe('低');
    expect(displayValue(risk, 'low', 'en')).toBe('Low');
    expect(displayValue(next, '2030-01-02', 'en')).toBe('2030-01-02');
    expect(displayValue(next, '  ', 'en')).toBeNull();
    expect(displayValue(next, undefined, 'en')).toBeNull();
  });

  it('shortens hashes and tones statuses', () => {
    expect(hashPrefix('abcdef0123456789abcdef')).toBe('abcdef012345');
    expect(hashPrefix(null)).toBe('');
    expect(recordStatusTone('draft')).toBe('wait');
    expect(recordStatusTone('cosign_pending')).toBe('act');
    expect(recordStatusTone('amended')).toBe('good');
  });
});
