import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { recentYears } from './counselor-format.ts';

/** Picks the year a page shows; changing it loads that year at once. */
export function YearSelect({
  year,
  thisYear,
  testId,
  onChange,
}: {
  year: number;
  thisYear: number;
  testId: string;
  onChange: (year: number) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const years = recentYears(thisYear);
  if (!years.includes(year)) years.push(year);
  return (
    <div className="filters">
      <label htmlFor={id}>{t('counselors.year')}</label>
      <select
        id={id}
        className="input input--inline"
        value={year}
        data-testid={testId}
        onChange={(event) => {
          onChange(Number(event.target.value));
        }}
      >
        {years.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}
