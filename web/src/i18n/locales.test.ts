import { ERROR_CODES, LOCALES } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import { resources } from './i18n.ts';
import { flattenMessages, messageSlots } from './messages.ts';
import { en, zhCN } from './catalog.ts';

const zhKeys = flattenMessages(zhCN);
const enKeys = flattenMessages(en);

describe('locale files', () => {
  it('bundles exactly the locales that common declares', () => {
    expect(Object.keys(resources).sort()).toEqual([...LOCALES].sort());
  });

  it('have exactly the same keys in zh-CN and en', () => {
    expect([...enKeys.keys()].sort()).toEqual([...zhKeys.keys()].sort());
  });

  it.each([
    ['zh-CN', zhKeys],
    ['en', enKeys],
  ])('%s has only non-empty string values', (_locale, keys) => {
    for (const [key, value] of keys) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders and components in both languages', () => {
    for (const [key, value] of zhKeys) {
      expect(messageSlots(String(enKeys.get(key))), key).toEqual(messageSlots(String(value)));
    }
  });

  it.each(ERROR_CODES)('translates the error code %s in both languages', (code) => {
    expect(zhKeys.has(`errors.${code}`)).toBe(true);
    expect(enKeys.has(`errors.${code}`)).toBe(true);
  });

  it('finds placeholders and components in a message', () => {
    expect(messageSlots('Call <police>110</police>, {{name}}')).toEqual(['<police>', 'name']);
  });
});
