import type { ClinicalRecord, RecordContent, TemplateFieldView } from '@anxin/common';
import type { MessageKey } from '../../i18n/keys.ts';
import { ApiError } from '../../lib/api.ts';
import { fieldForPath, messageForError, type FormErrors } from '../../lib/form-errors.ts';

/**
 * A template field's name in the editor's form: `content.<key>`, as the server's problems name
 * it (`body.content.<key>`), so its errors land beside it; the addendum's `reason` stays apart
 * even for a template with a field of that key.
 */
export type ContentField = `content.${string}`;

export const contentField = (key: string): ContentField => `content.${key}`;

export function contentFields(fields: readonly TemplateFieldView[]): ContentField[] {
  return fields.map((field) => contentField(field.key));
}

/** The form's values of some content, every template field present (empty when not given). */
export function contentValues(
  fields: readonly TemplateFieldView[],
  content: RecordContent | null,
): Record<ContentField, string> {
  return Object.fromEntries(
    fields.map((field) => [contentField(field.key), content?.[field.key] ?? '']),
  );
}

/** The content of the form's values: template keys only, whatever else the form holds. */
export function contentOf(
  fields: readonly TemplateFieldView[],
  values: Readonly<Record<string, string>>,
): RecordContent {
  return Object.fromEntries(
    fields.map((field) => [field.key, values[contentField(field.key)] ?? '']),
  );
}

/** What the server's codes mean for a field of a record (record-content.ts). */
const CODE_MESSAGES: Partial<Record<string, MessageKey>> = {
  required: 'records.fieldErrors.required',
  too_small: 'records.fieldErrors.required',
  invalid_option: 'records.fieldErrors.option',
  invalid_date: 'records.fieldErrors.date',
  too_big: 'records.fieldErrors.tooLong',
};

/**
 * A refused signature or addendum as form errors: each problem beside its field, in words the
 * page's language has for it; anything not about a field above the form.
 */
export function recordFormErrors<F extends string>(
  error: unknown,
  fields: readonly F[],
): FormErrors<F> {
  const errors: FormErrors<F> = { fields: {}, form: null };
  if (error instanceof ApiError) {
    for (const issue of error.errors) {
      const field = fieldForPath(issue.path, fields);
      if (field === null) continue;
      errors.fields[field] ??= { key: CODE_MESSAGES[issue.code] ?? 'fieldErrors.invalid' };
    }
  }
  if (Object.keys(errors.fields).length === 0) errors.form = messageForError(error);
  else errors.form = { key: 'records.fieldErrors.summary' };
  return errors;
}

/** A field's value as read back: a choice by its option's label, anything else as written. */
export function displayValue(
  field: TemplateFieldView,
  value: string | undefined,
  locale: 'zh-CN' | 'en',
): string | null {
  if (value === undefined || value.trim() === '') return null;
  if (field.kind !== 'choice') return value;
  return field.options?.find((option) => option.code === value)?.label[locale] ?? value;
}

/** The status badge's look: a draft waits, a pending co-signature needs action, else done. */
export function recordStatusTone(status: ClinicalRecord['status']): 'good' | 'wait' | 'act' {
  switch (status) {
    case 'draft':
      return 'wait';
    case 'cosign_pending':
      return 'act';
    case 'signed':
    case 'cosigned':
    case 'amended':
      return 'good';
  }
}

/** The hash's first characters: enough to compare by eye, short enough for a phone. */
export function hashPrefix(hash: string | null, length = 12): string {
  return hash ? hash.slice(0, length) : '';
}
