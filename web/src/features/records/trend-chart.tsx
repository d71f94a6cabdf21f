import {
  ASSESSMENTS,
  ASSESSMENT_CODES,
  type AssessmentDefinition,
  type Chart,
} from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellData } from '../../app/shell-data.ts';
import { DataTable } from '../../components/data-table.tsx';
import { useLocale } from '../../i18n/use-locale.ts';
import { trendGeometry } from './trend-geometry.ts';

type Trend = Chart['trends'][number];

/** The definition of a code from the server, if the web app knows it. */
export function definitionOf(code: string): AssessmentDefinition | null {
  const known = ASSESSMENT_CODES.find((candidate) => candidate === code);
  return known ? ASSESSMENTS[known] : null;
}

/** Dates in the organisation's time zone, as the rest of the chart; the browser's if unknown. */
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions, timeZone?: string) {
  try {
    return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options);
  } catch {
    return new Intl.DateTimeFormat(locale, options);
  }
}

/**
 * One instrument's scores over time, drawn as inline SVG over its published bands. The picture
 * is an image to assistive technology (named, with a one-line summary); the same scores follow
 * in a table for anyone who reads rather than looks.
 */
export function TrendChart({ trend }: { trend: Trend }) {
  const { t, i18n } = useTranslation();
  const [locale] = useLocale();
  const titleId = useId();
  const descId = useId();
  const zone = useShellData().meta?.organization?.timeZone;
  const def = definitionOf(trend.assessmentCode);
  if (!def || def.scoring.kind !== 'sum') return null;
  const { bands: definedBands, max } = def.scoring;
  const bandLabel = (code: string | null) =>
    definedBands.find((band) => band.code === code)?.label[locale] ?? t('common.unknown');
  const geometry = trendGeometry(trend.points, def.scoring);
  const { plot, size } = geometry;
  const day = dateFormat(i18n.language, { month: 'numeric', day: 'numeric' }, zone);
  const date = dateFormat(i18n.language, { dateStyle: 'medium' }, zone);
  const latest = geometry.points.at(-1);
  const first = geometry.points[0];
  const title = def.title[locale];
  const summary = latest
    ? t('records.trend.summary', {
        count: geometry.points.length,
        total: latest.total,
        max,
        band: bandLabel(latest.band),
      })
    : '';
  return (
    <section className="trend" data-testid="trend-chart" data-assessment={trend.assessmentCode}>
      <h3>{title}</h3>
      <svg
        className="trend__svg"
        viewBox={`0 0 ${size.width} ${size.height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
      >
        <title id={titleId}>{t('records.trend.imageTitle', { title })}</title>
        <desc id={descId}>{summary}</desc>
        {geometry.bands.map((band, index) => (
          <g key={band.code}>
            <rect
              className={`trend__band trend__band--${index % 5}`}
              x={plot.left}
              y={band.top}
              width={plot.right - plot.left}
              height={Math.max(band.bottom - band.top, 0)}
            />
            <text className="trend__band-label" x={plot.left + 4} y={band.labelY} dy="0.35em">
              {bandLabel(band.code)}
            </text>
          </g>
        ))}
        {geometry.ticks.map((tick) => (
          <text
            key={tick.value}
            className="trend__tick"
            x={plot.left - 4}
            y={tick.y}
            dy="0.35em"
            textAnchor="end"
          >
            {tick.value}
          </text>
        ))}
        {geometry.path && <path className="trend__line" d={geometry.path} />}
        {geometry.points.map((point) => (
          <circle key={point.at} className="trend__point" cx={point.x} cy={point.y} r={4} />
        ))}
        {first && (
          <text className="trend__tick" x={plot.left} y={size.height - 6}>
            {day.format(new Date(first.at))}
          </text>
        )}
        {latest && latest !== first && (
          <text className="trend__tick" x={plot.right} y={size.height - 6} textAnchor="end">
            {day.format(new Date(latest.at))}
          </text>
        )}
      </svg>
      <DataTable
        testId="trend-table"
        caption={t('records.trend.tableCaption', { title })}
        columns={[t('records.trend.date'), t('records.trend.total'), t('records.trend.band')]}
      >
        {[...geometry.points].reverse().map((point) => (
          <tr key={point.at}>
            <td>{date.format(new Date(point.at))}</td>
            <td>{t('records.trend.score', { total: point.total, max })}</td>
            <td>{bandLabel(point.band)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
