import type { ClinicalRecord } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../app/use-date-format.ts';
import { hashPrefix } from './record-form.ts';
import { RecordContentView } from './record-parts.tsx';

/**
 * The signed versions, oldest first as the chain runs: who signed each and when, why an addendum
 * was written, and the start of each hash and of the hash it links to, to compare by eye.
 */
export function VersionList({ record }: { record: ClinicalRecord }) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <ol className="card-list record-versions" data-testid="record-versions">
      {record.versions.map((version) => (
        <li
          key={version.version}
          className="card card--plain"
          data-testid="record-version"
          data-version={version.version}
          data-kind={version.kind}
        >
          <h3>
            {t('records.versions.title', { version: version.version })}
            <span className="badge">{t(`records.versions.kind.${version.kind}`)}</span>
          </h3>
          <dl className="facts facts--inline">
            <dt>{t('records.versions.author')}</dt>
            <dd>{version.authorName}</dd>
            <dt>{t('records.versions.signedAt')}</dt>
            <dd>{formatDate(version.signedAt, true)}</dd>
            {version.reason !== null && (
              <>
                <dt>{t('records.versions.reason')}</dt>
                <dd data-testid="record-version-reason">{version.reason}</dd>
              </>
            )}
            <dt>{t('records.versions.hash')}</dt>
            <dd>
              <code title={version.hash} data-testid="record-version-hash">
                {hashPrefix(version.hash)}
              </code>
            </dd>
            {version.prevHash !== null && (
              <>
                <dt>{t('records.versions.prevHash')}</dt>
                <dd>
                  <code title={version.prevHash}>{hashPrefix(version.prevHash)}</code>
                </dd>
              </>
            )}
          </dl>
          <details className="record-version__content">
            <summary>{t('records.versions.showContent')}</summary>
            <RecordContentView fields={record.template.fields} content={version.content} />
          </details>
        </li>
      ))}
    </ol>
  );
}
