import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';

// Numbers are data, not copy: the visible wording around them lives in the locale files.
const EMERGENCY_LINES = [
  { id: 'police', tel: '110' },
  { id: 'ambulance', tel: '120' },
  { id: 'hotline', tel: '12356' },
] as const;

const WHILE_WAITING = ['waitingStay', 'waitingMeans', 'waitingTalk'] as const;

export function HelpPage() {
  const { t } = useTranslation();
  return (
    <div className="page help-page" data-testid="help-page">
      <PageHeading title={t('help.title')}>{t('help.heading')}</PageHeading>
      <p className="lead">{t('help.intro')}</p>
      <section aria-labelledby="help-emergency">
        <h2 id="help-emergency">{t('help.emergencyHeading')}</h2>
        <ul className="emergency-lines">
          {EMERGENCY_LINES.map((line) => (
            <li key={line.id} className="emergency-line">
              <a
                className="emergency-line__call"
                href={`tel:${line.tel}`}
                data-testid={`tel-${line.tel}`}
              >
                {t(`help.${line.id}`)}
              </a>
              <span className="emergency-line__note">{t(`help.${line.id}Note`)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="help-waiting">
        <h2 id="help-waiting">{t('help.waitingHeading')}</h2>
        <ul className="bullets">
          {WHILE_WAITING.map((key) => (
            <li key={key}>{t(`help.${key}`)}</li>
          ))}
        </ul>
      </section>
      <p className="note">{t('help.notEmergency')}</p>
    </div>
  );
}
