import { recordsSettingsSchema, sessionsSettingsSchema } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import {
  recordsBody,
  sessionsBody,
  sessionsValues,
  WINDOW_FIELDS,
} from './clinical-settings-model.ts';

describe('the counseling settings form model', () => {
  it('round-trips the settings through the form’s text values', () => {
    const s = { openMinutesBefore: 5, graceMinutes: 30, observerAllowed: true };
    expect(sessionsBody(sessionsValues(s))).toEqual(s);
  });

  it('states the shared schema’s own bounds', () => {
    expect(WINDOW_FIELDS).toEqual([
      { name: 'openMinutesBefore', unit: 'minutes', min: 0, max: 120 },
      { name: 'graceMinutes', unit: 'minutes', min: 0, max: 240 },
    ]);
  });

  it('hands what is not a whole number, or not a format, to the schema to refuse', () => {
    const body = sessionsBody({
      openMinutesBefore: '1.5',
      graceMinutes: '十',
      observerAllowed: 'no',
    });
    const issues = sessionsSettingsSchema.safeParse(body).error?.issues.map((i) => i.path[0]);
    expect(issues).toEqual(['openMinutesBefore', 'graceMinutes']);
    expect(
      recordsSettingsSchema.safeParse(recordsBody({ sessionNoteTemplate: 'soap' })).success,
    ).toBe(true);
    expect(
      recordsSettingsSchema.safeParse(recordsBody({ sessionNoteTemplate: 'birp' })).success,
    ).toBe(false);
  });
});
