import type { ClinicalRecord } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDateFormat } from '../../app/use-date-format.ts';
import { Loaded, LoadError } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useLocale } from '../../i18n/use-locale.ts';
import { isNotFound } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { DraftEditor } from './draft-editor.tsx';
import { RecordStatusBadge } from './record-parts.tsx';
import { getRecord } from './records-api.ts';
import { SignedRecord } from './signed-record.tsx';
import './records.css';

/** `/records/:recordId`: a draft in the editor, or a signed record with its versions. */
export function RecordPage() {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const { recordId = '' } = useParams();
  const record = useResource(`record:${recordId}`, (signal) => getRecord(recordId, signal));
  return (
    <PageFrame
      testId="record-page"
      width="wide"
      title={t('records.editor.title')}
      heading={
        record.status === 'ready' ? record.data.template.title[locale] : t('records.editor.heading')
      }
    >
      <Loaded
        resource={record}
        failure={(error) => <RecordFailure error={error} onRetry={record.reload} />}
      >
        {(data) => (
          // A signature swaps the editor for the read-only view, each with its own state.
          <RecordView
            key={`${data.id}:${data.status === 'draft' ? 'draft' : 'signed'}`}
            record={data}
            onChanged={record.replace}
            onReload={record.reload}
          />
        )}
      </Loaded>
    </PageFrame>
  );
}

interface RecordViewProps {
  record: ClinicalRecord;
  onChanged: (record: ClinicalRecord) => void;
  onReload: () => void;
}

function RecordView({ record, onChanged, onReload }: RecordViewProps) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  return (
    <>
      <div className="record-header">
        <RecordStatusBadge status={record.status} testId="record-status" />
        <dl className="facts facts--inline">
          <dt>{t('records.editor.type')}</dt>
          <dd>{t(`records.types.${record.recordType}`)}</dd>
          <dt>{t('records.editor.author')}</dt>
          <dd>{record.authorName}</dd>
          <dt>{record.signedAt ? t('records.editor.signedAt') : t('records.editor.createdAt')}</dt>
          <dd>{formatDate(record.signedAt ?? record.createdAt)}</dd>
        </dl>
        <p>
          <Link
            to={`/clients/${encodeURIComponent(record.clientUserId)}/chart`}
            data-testid="record-chart-link"
          >
            {t('records.editor.backToChart')}
          </Link>
        </p>
      </div>
      {record.status === 'draft' && record.can.editDraft ? (
        <DraftEditor record={record} onSigned={onChanged} onReload={onReload} />
      ) : (
        <SignedRecord record={record} onChanged={onChanged} />
      )}
    </>
  );
}

/** Missing, or not the reader's to see (the server does not tell the two apart). */
function RecordFailure({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  if (isNotFound(error)) {
    return (
      <div className="form-alert" role="alert" data-testid="record-unavailable">
        <p>{t('records.editor.unavailable')}</p>
      </div>
    );
  }
  return <LoadError error={error} onRetry={onRetry} testId="record-error" />;
}
