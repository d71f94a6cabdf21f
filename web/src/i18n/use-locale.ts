import { DEFAULT_LOCALE, type Locale } from '@anxin/common';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  browserStorage,
  isLocale,
  readLocalePreference,
  writeLocalePreference,
} from './locale-preference.ts';

/** The current locale and a setter that also remembers the choice for the next visit. */
export function useLocale(): [Locale, (next: Locale) => void] {
  const { i18n } = useTranslation();
  const current = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const setLocale = useCallback(
    (next: Locale) => {
      writeLocalePreference(browserStorage(), next);
      void i18n.changeLanguage(next);
    },
    [i18n],
  );
  return [current, setLocale];
}

/**
 * Until a visitor picks a language, the organisation's default applies; an explicit choice
 * (saved in storage) always wins.
 */
export function useOrganizationLocale(defaultLocale: Locale | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!defaultLocale || readLocalePreference(browserStorage()) !== null) return;
    if (i18n.language !== defaultLocale) void i18n.changeLanguage(defaultLocale);
  }, [defaultLocale, i18n]);
}
