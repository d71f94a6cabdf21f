import type { TFunction } from 'i18next';
import type { Message } from '../../i18n/keys.ts';

/** "1 year" / "12 years" without plural forms (zh-CN has none; both locales keep one key set). */
export function yearsText(t: TFunction, years: number): string {
  return years === 1 ? t('counselors.yearOne') : t('counselors.yearsValue', { years });
}

/** How far off a certificate's expiry is, in words. */
export function expiryMessage(daysToExpiry: number | null): Message {
  if (daysToExpiry === null) return { key: 'counselors.expiry.never' };
  if (daysToExpiry === 0) return { key: 'counselors.expiry.today' };
  if (daysToExpiry === 1) return { key: 'counselors.expiry.tomorrow' };
  if (daysToExpiry === -1) return { key: 'counselors.expiry.yesterday' };
  if (daysToExpiry < 0) return { key: 'counselors.expiry.ago', values: { days: -daysToExpiry } };
  return { key: 'counselors.expiry.in', values: { days: daysToExpiry } };
}
