import {
  backupCodesResponseSchema,
  profileSchema,
  sessionListSchema,
  totpEnrolmentResponseSchema,
  type Locale,
  type Profile,
} from '@anxin/common';
import { apiDelete, apiGet, apiPatch, apiPost, noContent } from '../../lib/api.ts';

export function getProfile(signal: AbortSignal): Promise<Profile> {
  return apiGet('/api/v1/me', profileSchema, signal);
}

export function updateProfile(body: {
  displayName?: string;
  realName?: string;
  locale?: Locale;
}): Promise<Profile> {
  return apiPatch('/api/v1/me', profileSchema, body);
}

export function startTotp() {
  return apiPost('/api/v1/me/mfa/totp', totpEnrolmentResponseSchema);
}

export async function confirmTotp(code: string): Promise<string[]> {
  return (await apiPost('/api/v1/me/mfa/totp/confirm', backupCodesResponseSchema, { code }))
    .backupCodes;
}

export async function regenerateBackupCodes(): Promise<string[]> {
  return (await apiPost('/api/v1/me/mfa/backup-codes', backupCodesResponseSchema)).backupCodes;
}

export function disableTotp(): Promise<undefined> {
  return apiDelete('/api/v1/me/mfa/totp');
}

export function listSessions(signal: AbortSignal) {
  return apiGet('/api/v1/me/sessions', sessionListSchema, signal);
}

export function revokeSession(id: string): Promise<undefined> {
  return apiDelete(`/api/v1/me/sessions/${encodeURIComponent(id)}`);
}

export async function revokeOtherSessions(): Promise<void> {
  await apiPost('/api/v1/me/sessions/revoke-others', noContent);
}
