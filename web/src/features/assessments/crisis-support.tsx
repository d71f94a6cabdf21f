import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

// The numbers are data, the wording around them the help page's own (one text for both places).
const LINES = [
  { id: 'hotline', tel: '12356' },
  { id: 'ambulance', tel: '120' },
  { id: 'police', tel: '110' },
] as const;

/**
 * Shown after answers that speak of self-harm or suicide: calm words, the crisis lines to call
 * now, and the help page. It says nothing of scores; the counselor sees those.
 */
export function CrisisSupport() {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section
      className="panel panel--important crisis-support"
      aria-labelledby={headingId}
      data-testid="crisis-support"
    >
      <h2 id={headingId}>{t('assessments.support.heading')}</h2>
      <p>{t('assessments.support.body')}</p>
      <p>{t('assessments.support.now')}</p>
      <ul className="emergency-lines">
        {LINES.map((line) => (
          <li key={line.id} className="emergency-line">
            <a
              className="emergency-line__call"
              href={`tel:${line.tel}`}
              data-testid={`support-tel-${line.tel}`}
            >
              {t(`help.${line.id}`)}
            </a>
            <span className="emergency-line__note">{t(`help.${line.id}Note`)}</span>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/help">{t('assessments.support.more')}</Link>
      </p>
    </section>
  );
}
