import { useTranslation } from 'react-i18next';
import { formatDay } from './counselor-format.ts';

/** Formats calendar dates (certificate and training dates) in the page's language. */
export function useDayFormat(): (isoDate: string) => string {
  const { i18n } = useTranslation();
  return (isoDate) => formatDay(isoDate, i18n.language);
}
