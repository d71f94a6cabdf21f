import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { currentYear, recentYears, yearFromParam } from './counselor-format.ts';

export interface YearChoice {
  year: number;
  thisYear: number;
  onChange: (year: number) => void;
}

/** The year a page shows, kept in the address (`?year=`, absent for this year). */
export function useYearParam(): YearChoice {
  const [params, setParams] = useSearchParams();
  const thisYear = currentYear();
  return {
    year: yearFromParam(params.get('year'), thisYear),
    thisYear,
    onChange: (next) => {
      setParams(next === thisYear ? {} : { year: String(next) });
    },
  };
}

/** Picks the year a page shows; changing it loads that year at once. */
export function YearSelect({ year, thisYear, testId, onChange }: YearChoice & { testId: string }) {
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
