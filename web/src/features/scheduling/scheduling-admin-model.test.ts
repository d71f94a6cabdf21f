import {
  DEFAULT_SCHEDULING_SETTINGS,
  schedulingSettingsSchema,
  type ErrorCode,
  type FieldError,
} from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import {
  fieldFailure,
  NEW_TYPE,
  rangeMessages,
  sessionTypeFailure,
  SETTING_FIELDS,
  SETTING_NAMES,
  settingsBody,
  settingValues,
  TYPE_NUMBER_FIELDS,
  typeBody,
  typePatch,
  wholeNumber,
} from './scheduling-admin-model.ts';

const problem = (code: ErrorCode, status: number, errors: FieldError[] = []) =>
  new ApiError({ type: 'about:blank', title: code, status, code, errors });

describe('wholeNumber', () => {
  it('reads digits and refuses anything else', () => {
    expect(wholeNumber(' 48 ')).toBe(48);
    expect(wholeNumber('0')).toBe(0);
    for (const text of ['', '1.5', '-3', '四十八', '48h']) {
      expect(wholeNumber(text), text).toBeNaN();
    }
  });
});

describe('the settings form', () => {
  it('asks for every setting once, with the bounds of the shared schema', () => {
    expect([...SETTING_NAMES].sort()).toEqual(Object.keys(schedulingSettingsSchema.shape).sort());
    const window = SETTING_FIELDS.find((field) => field.name === 'cancellationWindowHours');
    expect(window).toMatchObject({ group: 'cancellation', unit: 'hours', min: 0, max: 168 });
    const grace = SETTING_FIELDS.find((field) => field.name === 'noShowGraceMinutes');
    expect(grace).toMatchObject({ min: 5, max: 60 });
  });

  it('turns the values back into the settings they came from', () => {
    expect(settingsBody(settingValues(DEFAULT_SCHEDULING_SETTINGS))).toEqual(
      DEFAULT_SCHEDULING_SETTINGS,
    );
    const typed = { ...settingValues(DEFAULT_SCHEDULING_SETTINGS), cancellationWindowHours: '4x' };
    expect(schedulingSettingsSchema.safeParse(settingsBody(typed)).success).toBe(false);
  });

  it('says the server’s field problems as a range, beside the field', () => {
    const messages = rangeMessages(SETTING_FIELDS);
    const refused = problem('validation_failed', 400, [
      { path: 'body.cancellationWindowHours', message: 'Too big', code: 'too_big' },
    ]);
    expect(fieldFailure(refused, SETTING_NAMES, messages)).toEqual({
      fields: {
        cancellationWindowHours: { key: 'scheduling.admin.range', values: { min: 0, max: 168 } },
      },
      form: null,
    });
    expect(fieldFailure(problem('forbidden', 403), SETTING_NAMES, messages)).toBeNull();
    expect(fieldFailure(new Error('offline'), SETTING_NAMES, messages)).toBeNull();
  });
});

describe('the session type forms', () => {
  it('take their bounds from the shared schema', () => {
    expect(TYPE_NUMBER_FIELDS.map(({ name, min, max }) => [name, min, max])).toEqual([
      ['durationMinutes', 15, 240],
      ['bufferBeforeMinutes', 0, 120],
      ['bufferAfterMinutes', 0, 120],
      ['sortOrder', 0, 10_000],
    ]);
  });

  it('build the body with the switches, and an edit without the code', () => {
    const body = typeBody(
      { ...NEW_TYPE, code: ' couple ', labelZh: '伴侣咨询', labelEn: 'Couples' },
      { isIntake: false, active: true },
    );
    expect(body).toEqual({
      code: 'couple',
      labelZh: '伴侣咨询',
      labelEn: 'Couples',
      durationMinutes: 50,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 10,
      sortOrder: 100,
      isIntake: false,
      active: true,
    });
    expect(typePatch(body)).not.toHaveProperty('code');
    expect(typePatch(body)).toMatchObject({ labelEn: 'Couples', active: true });
  });

  it('explain the intake rule for the whole form and a taken code beside the code', () => {
    const intake = problem('conflict', 409, [
      { path: 'body.isIntake', message: 'Exactly one active intake type', code: 'one_intake' },
    ]);
    expect(sessionTypeFailure(intake)).toEqual({
      fields: {},
      form: { key: 'scheduling.types.oneIntake' },
    });
    const taken = problem('conflict', 409, [
      { path: 'body.code', message: 'Already used', code: 'taken' },
    ]);
    expect(sessionTypeFailure(taken)?.fields).toEqual({
      code: { key: 'scheduling.types.codeTaken' },
    });
  });

  it('leave other failures to the shared handling', () => {
    expect(sessionTypeFailure(problem('conflict', 409))).toBeNull();
    expect(sessionTypeFailure(problem('forbidden', 403))).toBeNull();
    expect(sessionTypeFailure(new Error('offline'))).toBeNull();
  });
});
