import type { FieldError } from '@anxin/common';
import type { TemplateField } from '../../platform/db/schema/index.ts';

/**
 * Checks content against its template. A draft may be partial (autosave keeps half a thought);
 * a signature needs every required field. Unknown keys and choices outside the options are
 * refused either way, each error naming its field (`body.content.<key>`).
 */
export function checkContent(
  fields: readonly TemplateField[],
  content: Readonly<Record<string, string>>,
  mode: 'draft' | 'sign',
): FieldError[] {
  const errors: FieldError[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const path = (key: string) => `body.content.${key}`;
  for (const [key, value] of Object.entries(content)) {
    const field = byKey.get(key);
    if (!field) {
      errors.push({
        path: path(key),
        message: 'Not a field of this template',
        code: 'unknown_field',
      });
      continue;
    }
    if (field.kind === 'choice' && value !== '' && !field.options?.some((o) => o.code === value))
      errors.push({ path: path(key), message: 'Not one of the options', code: 'invalid_option' });
    if (field.kind === 'date' && value !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value))
      errors.push({
        path: path(key),
        message: 'Expected a date (YYYY-MM-DD)',
        code: 'invalid_date',
      });
  }
  if (mode === 'sign') {
    for (const field of fields) {
      if (field.required && !(content[field.key] ?? '').trim())
        errors.push({ path: path(field.key), message: 'Required to sign', code: 'required' });
    }
  }
  return errors;
}

/** Content as signed: fields in template order, empty optional fields left out. */
export function normalizeContent(
  fields: readonly TemplateField[],
  content: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = content[f.key]?.trim();
    if (v) out[f.key] = v;
  }
  return out;
}
