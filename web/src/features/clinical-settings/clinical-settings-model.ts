import { sessionsSettingsSchema, type RecordsSettings, type SessionsSettings } from '@anxin/common';
import type { Message } from '../../i18n/keys.ts';
import {
  rangeMessages,
  wholeNumber,
  type NumberField,
} from '../scheduling/scheduling-admin-model.ts';

export const WINDOW_NAMES = ['openMinutesBefore', 'graceMinutes'] as const;
export const SESSIONS_FIELDS = [...WINDOW_NAMES, 'observerAllowed'] as const;
export type SessionsField = (typeof SESSIONS_FIELDS)[number];

/** The bounds the shared schema sets, so the form never states other ones. */
export const WINDOW_FIELDS: readonly NumberField<(typeof WINDOW_NAMES)[number]>[] =
  WINDOW_NAMES.map((name) => {
    const s = sessionsSettingsSchema.shape[name];
    return { name, unit: 'minutes', min: s.minValue ?? 0, max: s.maxValue ?? 0 };
  });
export const WINDOW_MESSAGES: Partial<Record<SessionsField, Message>> =
  rangeMessages(WINDOW_FIELDS);

/** A form's values are text: the switch is 'yes' or 'no'. */
export function sessionsValues(s: SessionsSettings): Record<SessionsField, string> {
  return {
    openMinutesBefore: String(s.openMinutesBefore),
    graceMinutes: String(s.graceMinutes),
    observerAllowed: s.observerAllowed ? 'yes' : 'no',
  };
}

export function sessionsBody(v: Readonly<Record<SessionsField, string>>): SessionsSettings {
  return {
    openMinutesBefore: wholeNumber(v.openMinutesBefore),
    graceMinutes: wholeNumber(v.graceMinutes),
    observerAllowed: v.observerAllowed === 'yes',
  };
}

export const RECORDS_FIELDS = ['sessionNoteTemplate'] as const;
export type RecordsField = (typeof RECORDS_FIELDS)[number];

/** The choice as chosen: an unknown value goes to the shared schema, which refuses it. */
export function recordsBody(v: Readonly<Record<RecordsField, string>>): RecordsSettings {
  return { sessionNoteTemplate: v.sessionNoteTemplate as RecordsSettings['sessionNoteTemplate'] };
}
