import { DEFAULT_LOCALE, LOCALES, type Locale } from '@anxin/common';

export const LOCALE_STORAGE_KEY = 'anxin.locale';

/** The part of Web Storage we use, so tests can pass a plain object. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The saved choice, or null when there is none or it is not a locale we still ship. */
export function readLocalePreference(storage: KeyValueStorage | null): Locale | null {
  if (!storage) return null;
  try {
    const value = storage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // Storage can throw when the browser blocks it (privacy modes); the choice is then per visit.
    return null;
  }
}

/** Returns false when the choice could not be saved; the switch still works for this visit. */
export function writeLocalePreference(storage: KeyValueStorage | null, locale: Locale): boolean {
  if (!storage) return false;
  try {
    storage.setItem(LOCALE_STORAGE_KEY, locale);
    return true;
  } catch {
    return false;
  }
}

export function initialLocale(storage: KeyValueStorage | null): Locale {
  return readLocalePreference(storage) ?? DEFAULT_LOCALE;
}

/** `window.localStorage` itself throws in some sandboxed frames, hence the guard. */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
