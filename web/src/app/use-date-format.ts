import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format.ts';
import { useShellData } from './shell-data.ts';

/** Formats instants in the page language and the organisation's time zone. */
export function useDateFormat(): (iso: string, precise?: boolean) => string {
  const { i18n } = useTranslation();
  const { meta } = useShellData();
  const timeZone = meta?.organization?.timeZone;
  return (iso, precise = false) => formatDateTime(iso, i18n.language, timeZone, precise);
}
