import {
  schedulingSettingsSchema,
  sessionTypeInputSchema,
  type SchedulingSettings,
} from '@anxin/common';
import type { Message } from '../../i18n/keys.ts';
import { ApiError } from '../../lib/api.ts';
import type { FormErrors } from '../../lib/form-errors.ts';
import { errorsWithMessages } from '../counselors/form-helpers.ts';
import type { SessionTypeBody, SessionTypePatch } from './scheduling-api.ts';

/** How a number in the scheduling forms is counted; the unit stands after its input. */
export type Unit = 'hours' | 'minutes' | 'days' | 'times' | 'percent';

/** A whole number as typed, or NaN, so "1.5" or "四十八" fails the shared schema's check. */
export function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The bounds the shared schema puts on a whole number, so the form never states other ones. */
function boundsOf(schema: { minValue: number | null; maxValue: number | null }) {
  return [schema.minValue ?? 0, schema.maxValue ?? Number.MAX_SAFE_INTEGER] as const;
}

type SettingName = keyof SchedulingSettings;

/** Which part of the form a setting belongs to. */
export type SettingGroup = 'cancellation' | 'noShow' | 'booking';

/** The settings in the order the form asks for them, each with its part and unit. */
const SETTING_UNITS = [
  ['cancellationWindowHours', 'cancellation', 'hours'],
  ['lateCancelRefundPercent', 'cancellation', 'percent'],
  ['noShowGraceMinutes', 'noShow', 'minutes'],
  ['noShowLimit', 'noShow', 'times'],
  ['noShowPeriodDays', 'noShow', 'days'],
  ['noShowRefundPercent', 'noShow', 'percent'],
  ['minNoticeHours', 'booking', 'hours'],
  ['horizonDays', 'booking', 'days'],
  ['slotStepMinutes', 'booking', 'minutes'],
] as const satisfies readonly (readonly [SettingName, SettingGroup, Unit])[];

export interface NumberField<F extends string> {
  name: F;
  unit: Unit;
  min: number;
  max: number;
}

export const SETTING_GROUPS: readonly SettingGroup[] = ['cancellation', 'noShow', 'booking'];

export const SETTING_FIELDS: readonly (NumberField<SettingName> & { group: SettingGroup })[] =
  SETTING_UNITS.map(([name, group, unit]) => {
    const [min, max] = boundsOf(schedulingSettingsSchema.shape[name]);
    return { name, group, unit, min, max };
  });

export const SETTING_NAMES = SETTING_FIELDS.map((field) => field.name);

export type SettingValues = Readonly<Record<SettingName, string>>;

export function settingValues(settings: SchedulingSettings): SettingValues {
  return Object.fromEntries(
    SETTING_NAMES.map((name) => [name, String(settings[name])]),
  ) as SettingValues;
}

export function settingsBody(values: SettingValues): SchedulingSettings {
  return Object.fromEntries(
    SETTING_NAMES.map((name) => [name, wholeNumber(values[name])]),
  ) as unknown as SchedulingSettings;
}

/** "Between min and max" for each number: what a valid value looks like, not what went wrong. */
export function rangeMessages<F extends string>(
  fields: readonly NumberField<F>[],
): Partial<Record<F, Message>> {
  const messages: Partial<Record<F, Message>> = {};
  for (const { name, min, max } of fields) {
    messages[name] = { key: 'scheduling.admin.range', values: { min, max } };
  }
  return messages;
}

/**
 * The server's field problems (problem+json `errors[]`) in this form's own words, as the
 * browser's check would have said them: the shared handling knows only generic wording. Null
 * when the answer names no field, for the shared handling to say above the form.
 */
export function fieldFailure<F extends string>(
  error: unknown,
  fields: readonly F[],
  messages: Partial<Record<F, Message>>,
): FormErrors<F> | null {
  if (!(error instanceof ApiError) || error.errors.length === 0) return null;
  return errorsWithMessages(error.errors, fields, messages);
}

// ---------------------------------------------------------------- session types

export const TYPE_NUMBER_NAMES = [
  'durationMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'sortOrder',
] as const;
type TypeNumberName = (typeof TYPE_NUMBER_NAMES)[number];

const shape = sessionTypeInputSchema.shape;
export const TYPE_NUMBER_FIELDS: readonly NumberField<TypeNumberName>[] = TYPE_NUMBER_NAMES.map(
  (name) => {
    const [min, max] = boundsOf(name === 'sortOrder' ? shape.sortOrder.unwrap() : shape[name]);
    return { name, unit: 'minutes', min, max };
  },
);

/** The label in each language with its longest length, as the shared schema allows. */
export const TYPE_LABELS = [
  ['labelZh', shape.labelZh.maxLength ?? 40],
  ['labelEn', shape.labelEn.maxLength ?? 60],
] as const;

export const TYPE_FIELDS = ['code', 'labelZh', 'labelEn', ...TYPE_NUMBER_NAMES] as const;
export type TypeField = (typeof TYPE_FIELDS)[number];
export type TypeValues = Readonly<Record<TypeField, string>>;

/** The two switches, kept beside the text fields (a form's values are all text). */
export interface TypeFlags {
  isIntake: boolean;
  active: boolean;
}

export function typeValues(type: Omit<SessionTypeBody, 'isIntake' | 'active'>): TypeValues {
  return {
    code: type.code,
    labelZh: type.labelZh,
    labelEn: type.labelEn,
    durationMinutes: String(type.durationMinutes),
    bufferBeforeMinutes: String(type.bufferBeforeMinutes),
    bufferAfterMinutes: String(type.bufferAfterMinutes),
    sortOrder: String(type.sortOrder),
  };
}

/** A new type starts as a 50-minute follow-up with ten minutes free after it, listed last. */
export const NEW_TYPE: TypeValues = typeValues({
  code: '',
  labelZh: '',
  labelEn: '',
  durationMinutes: 50,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 10,
  sortOrder: 100,
});

export function typeBody(values: TypeValues, flags: TypeFlags): SessionTypeBody {
  return {
    code: values.code.trim(),
    labelZh: values.labelZh,
    labelEn: values.labelEn,
    durationMinutes: wholeNumber(values.durationMinutes),
    bufferBeforeMinutes: wholeNumber(values.bufferBeforeMinutes),
    bufferAfterMinutes: wholeNumber(values.bufferAfterMinutes),
    sortOrder: wholeNumber(values.sortOrder),
    ...flags,
  };
}

/** What an edit sends: everything but the code, which names the type in appointments for good. */
export function typePatch(body: SessionTypeBody): SessionTypePatch {
  const patch: SessionTypePatch & { code?: string } = { ...body };
  delete patch.code;
  return patch;
}

export const TYPE_MESSAGES: Partial<Record<TypeField, Message>> = {
  code: { key: 'scheduling.types.codeError' },
  ...Object.fromEntries(
    TYPE_LABELS.map(([name, max]) => [
      name,
      { key: 'scheduling.types.labelError', values: { max } },
    ]),
  ),
  ...rangeMessages(TYPE_NUMBER_FIELDS),
};

/**
 * The server's refusals a session type form explains itself: a code already in use (beside the
 * code), and an edit that would leave no active intake type or two (C1), for the whole form
 * because a change to "active" can cause it as well as one to "intake"; field problems in the
 * form's words. Null: the shared handling says it.
 */
export function sessionTypeFailure(error: unknown): FormErrors<TypeField> | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'conflict' && error.errors.some((issue) => issue.code === 'one_intake')) {
    return { fields: {}, form: { key: 'scheduling.types.oneIntake' } };
  }
  if (error.code === 'conflict' && error.errors.some((issue) => issue.code === 'taken')) {
    return { fields: { code: { key: 'scheduling.types.codeTaken' } }, form: null };
  }
  return fieldFailure(error, TYPE_FIELDS, TYPE_MESSAGES);
}
