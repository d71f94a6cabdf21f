import { useTranslation } from 'react-i18next';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { LegalHoldsPanel } from './legal-holds-panel.tsx';
import { getRetentionSettings, listLegalHolds, listSeals } from './retention-api.ts';
import { RetentionSettingsForm } from './retention-settings-form.tsx';

/** Retention periods, legal holds and sealed records (B9, B11): administrators. */
export function RetentionAdminPage() {
  const { t } = useTranslation();
  const settings = useResource('retention-settings', getRetentionSettings);
  const holds = useResource('legal-holds', listLegalHolds);
  const seals = useResource('seals', listSeals);
  return (
    <PageFrame
      testId="retention-admin-page"
      width="wide"
      title={t('retention.page.title')}
      lead={t('retention.page.lead')}
    >
      <Loaded resource={settings}>{(data) => <RetentionSettingsForm settings={data} />}</Loaded>
      <Loaded resource={holds}>
        {(data) => <LegalHoldsPanel holds={data.items} onChange={holds.reload} />}
      </Loaded>
      <section data-testid="seals">
        <h2>{t('retention.seals.heading')}</h2>
        <p>{t('retention.seals.lead')}</p>
        <Loaded resource={seals}>
          {(data) =>
            data.items.length === 0 ? (
              <p>{t('retention.seals.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('retention.seals.recordType')}</th>
                    <th scope="col">{t('retention.seals.count')}</th>
                    <th scope="col">{t('retention.seals.reason')}</th>
                    <th scope="col">{t('retention.seals.until')}</th>
                    <th scope="col">{t('retention.seals.state')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((s) => (
                    <tr key={s.id}>
                      <td>
                        {t(`retention.types.${s.recordType}`, { defaultValue: s.recordType })}
                      </td>
                      <td>{s.recordCount}</td>
                      <td>{t(`retention.seals.reasons.${s.reason}`)}</td>
                      <td>
                        {s.sealedUntil
                          ? new Date(s.sealedUntil).toLocaleDateString()
                          : t('retention.seals.whileHeld')}
                      </td>
                      <td>
                        {s.shreddedAt ? t('retention.seals.shredded') : t('retention.seals.sealed')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      </section>
    </PageFrame>
  );
}
