import { z } from 'zod';

/**
 * Per-organisation settings of the counseling itself: when session rooms open and close around
 * their appointments and whether a supervisor may observe (A6, B6), and the format of session
 * notes (C3). `GET`/`PUT /api/v1/settings/sessions` and `/api/v1/settings/records`.
 */
export const sessionsSettingsSchema = z.object({
  openMinutesBefore: z.number().int().min(0).max(120),
  graceMinutes: z.number().int().min(0).max(240),
  /** Off by default: observing also needs the client's consent to it. */
  observerAllowed: z.boolean(),
});
export type SessionsSettings = z.infer<typeof sessionsSettingsSchema>;

export const DEFAULT_SESSIONS_SETTINGS: SessionsSettings = {
  openMinutesBefore: 10,
  graceMinutes: 15,
  observerAllowed: false,
};

export const SESSION_NOTE_FORMATS = ['soap', 'dap'] as const;

export const recordsSettingsSchema = z.object({
  /** SOAP or DAP for new session notes; notes already begun keep the template they began with. */
  sessionNoteTemplate: z.enum(SESSION_NOTE_FORMATS),
});
export type RecordsSettings = z.infer<typeof recordsSettingsSchema>;

export const DEFAULT_RECORDS_SETTINGS: RecordsSettings = { sessionNoteTemplate: 'soap' };
