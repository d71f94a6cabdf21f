import { DEFAULT_LOCALE } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import {
  LOCALE_STORAGE_KEY,
  initialLocale,
  isLocale,
  readLocalePreference,
  writeLocalePreference,
  type KeyValueStorage,
} from './locale-preference.ts';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & {
  data: Map<string, string>;
} {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, value);
    },
  };
}

const brokenStorage: KeyValueStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

describe('language preference', () => {
  it('is stored under anxin.locale', () => {
    expect(LOCALE_STORAGE_KEY).toBe('anxin.locale');
  });

  it('restores a saved locale', () => {
    expect(readLocalePreference(memoryStorage({ 'anxin.locale': 'en' }))).toBe('en');
    expect(initialLocale(memoryStorage({ 'anxin.locale': 'zh-CN' }))).toBe('zh-CN');
  });

  it('falls back to zh-CN when nothing is saved', () => {
    expect(DEFAULT_LOCALE).toBe('zh-CN');
    expect(readLocalePreference(memoryStorage())).toBeNull();
    expect(initialLocale(memoryStorage())).toBe('zh-CN');
    expect(initialLocale(null)).toBe('zh-CN');
  });

  it.each(['fr', 'EN', 'zh', 'zh-cn', '', ' en'])('ignores the unknown value %j', (value) => {
    const storage = memoryStorage({ 'anxin.locale': value });
    expect(readLocalePreference(storage)).toBeNull();
    expect(initialLocale(storage)).toBe('zh-CN');
  });

  it('writes the choice under the storage key', () => {
    const storage = memoryStorage();
    expect(writeLocalePreference(storage, 'en')).toBe(true);
    expect(storage.data.get('anxin.locale')).toBe('en');
    expect(readLocalePreference(storage)).toBe('en');
  });

  it('survives storage that the browser blocks', () => {
    expect(readLocalePreference(brokenStorage)).toBeNull();
    expect(initialLocale(brokenStorage)).toBe('zh-CN');
    expect(writeLocalePreference(brokenStorage, 'en')).toBe(false);
    expect(writeLocalePreference(null, 'en')).toBe(false);
  });

  it('recognises only shipped locales', () => {
    expect(isLocale('zh-CN')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
