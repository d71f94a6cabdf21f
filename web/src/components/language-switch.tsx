import { LOCALES } from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocale } from '../i18n/locale-preference.ts';
import { useLocale } from '../i18n/use-locale.ts';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const [locale, setLocale] = useLocale();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        name="locale"
        data-testid="language-switch"
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
      >
        {LOCALES.map((option) => (
          // Each name is written in its own language, so `lang` lets screen readers voice it right.
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
