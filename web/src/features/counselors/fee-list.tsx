import { useTranslation } from 'react-i18next';
import { SESSION_TYPES, isSessionType } from './counselor-format.ts';
import { formatYuan } from './money.ts';

/** Fees per session type, known types first, in yuan. */
export function FeeList({ fees }: { fees: Readonly<Record<string, number>> }) {
  const { t, i18n } = useTranslation();
  const codes = Object.keys(fees).sort((a, b) => {
    const rank = (code: string) =>
      isSessionType(code) ? SESSION_TYPES.indexOf(code) : SESSION_TYPES.length;
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  if (codes.length === 0) return <span>{t('counselors.feesNone')}</span>;
  return (
    <ul className="fee-list" data-testid="fee-list">
      {codes.map((code) => (
        <li key={code}>
          <span>{isSessionType(code) ? t(`counselors.sessionType.${code}`) : code}</span>{' '}
          <strong>{formatYuan(fees[code] ?? 0, i18n.language)}</strong>
          <span className="cell-note">{t('counselors.perSession')}</span>
        </li>
      ))}
    </ul>
  );
}
