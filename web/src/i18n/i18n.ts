import { DEFAULT_LOCALE, LOCALES, type Locale } from '@anxin/common';
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, zhCN } from './catalog.ts';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const satisfies Record<Locale, { translation: object }>;

/**
 * Resources are bundled, so initialisation is synchronous and the first render already has
 * its strings: no flash of keys, and nothing to load when the server is unreachable.
 */
export function createI18n(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: LOCALES,
    initAsync: false,
    // React escapes text already; escaping twice would show entities to the reader.
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** Screen readers choose their voice from `lang`, so it follows every switch. */
export function syncDocumentLanguage(instance: i18n, root: { lang: string }): void {
  root.lang = instance.language;
  instance.on('languageChanged', (language: string) => {
    root.lang = language;
  });
}
