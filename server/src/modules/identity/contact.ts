import { emailSchema, phoneSchema } from '@anxin/common';

export type ContactKind = 'email' | 'phone';

export interface Contact {
  kind: ContactKind;
  /** The normalised value: lower-case e-mail, digits-only phone (with + for E.164). */
  value: string;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalizePhone(phone: string): string {
  const trimmed = phone.trim().replace(/[\s-]/g, '');
  // Mainland numbers are stored without the country code, whichever way they were typed.
  return trimmed.startsWith('+86') && trimmed.length === 14 ? trimmed.slice(3) : trimmed;
}

/** What a sign-in identifier is; null when it is neither a valid e-mail nor a mobile number. */
export function parseIdentifier(identifier: string): Contact | null {
  const text = identifier.trim();
  if (text.includes('@')) {
    return emailSchema.safeParse(text).success
      ? { kind: 'email', value: normalizeEmail(text) }
      : null;
  }
  const phone = normalizePhone(text);
  return phoneSchema.safeParse(phone).success ? { kind: 'phone', value: phone } : null;
}
