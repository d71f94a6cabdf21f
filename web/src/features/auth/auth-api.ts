import {
  acceptedResponseSchema,
  invitationLookupSchema,
  sessionResponseSchema,
  type Actor,
  type Locale,
} from '@anxin/common';
import { apiGet, apiPost, noContent, queryString } from '../../lib/api.ts';

export interface RegisterBody {
  email?: string;
  phone?: string;
  password: string;
  realName: string;
  displayName: string;
  birthDate: string;
  locale?: Locale;
}

export async function register(body: RegisterBody): Promise<void> {
  await apiPost('/api/v1/auth/register', acceptedResponseSchema, body);
}

export async function verifyContact(identifier: string, code: string): Promise<void> {
  await apiPost('/api/v1/auth/verify', noContent, { identifier, code });
}

export async function resendVerification(identifier: string): Promise<void> {
  await apiPost('/api/v1/auth/verify/resend', acceptedResponseSchema, { identifier });
}

export async function signIn(identifier: string, password: string): Promise<Actor | null> {
  return (await apiPost('/api/v1/auth/sign-in', sessionResponseSchema, { identifier, password }))
    .actor;
}

export async function answerMfa(
  answer: { code: string } | { backupCode: string },
): Promise<Actor | null> {
  return (await apiPost('/api/v1/auth/mfa', sessionResponseSchema, answer)).actor;
}

export async function signOut(): Promise<void> {
  await apiPost('/api/v1/auth/sign-out', noContent);
}

export async function requestPasswordReset(identifier: string): Promise<void> {
  await apiPost('/api/v1/auth/password-reset', acceptedResponseSchema, { identifier });
}

export async function completePasswordReset(token: string, password: string): Promise<void> {
  await apiPost('/api/v1/auth/password-reset/complete', noContent, { token, password });
}

export function lookupInvitation(token: string, signal: AbortSignal) {
  return apiGet(
    `/api/v1/invitations/lookup${queryString({ token })}`,
    invitationLookupSchema,
    signal,
  );
}

export async function acceptInvitation(body: {
  token: string;
  password: string;
  realName: string;
  displayName: string;
}): Promise<Actor | null> {
  return (await apiPost('/api/v1/invitations/accept', sessionResponseSchema, body)).actor;
}

export async function completeSetup(body: {
  token: string;
  organization: { name: string; timeZone: string };
  admin: { email: string; password: string; realName: string; displayName: string };
}): Promise<Actor | null> {
  return (await apiPost('/api/v1/setup', sessionResponseSchema, body)).actor;
}
