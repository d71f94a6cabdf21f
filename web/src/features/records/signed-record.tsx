import type { ClinicalRecord } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../app/use-date-format.ts';
import { ActionButton, ActionOutcome, useActionState } from '../counselors/action-state.tsx';
import { AddendumForm } from './addendum-form.tsx';
import { RecordContentView } from './record-parts.tsx';
import { cosignRecord, verifyRecord, type RecordVerification } from './records-api.ts';
import { VersionList } from './version-list.tsx';

interface SignedRecordProps {
  record: ClinicalRecord;
  onChanged: (record: ClinicalRecord) => void;
}

/**
 * A signed record, read-only: the latest version, the chain of versions, and what the reader
 * may do with it (add an addendum, co-sign a trainee's note, have the chain recomputed).
 */
export function SignedRecord({ record, onChanged }: SignedRecordProps) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const state = useActionState();
  const [amending, setAmending] = useState(false);
  const [verification, setVerification] = useState<RecordVerification | null>(null);
  const latestId = useId();
  const versionsId = useId();
  const latest = record.versions.at(-1);

  return (
    <div className="signed-record" data-testid="signed-record">
      {record.needsCosign && (
        <p className="field__hint" data-testid="record-cosign-note">
          {record.cosignedAt
            ? t('records.cosign.done', { date: formatDate(record.cosignedAt) })
            : t('records.cosign.waiting')}
        </p>
      )}
      {latest && (
        <section className="panel" aria-labelledby={latestId}>
          <h2 id={latestId}>{t('records.signed.latest', { version: latest.version })}</h2>
          <RecordContentView
            fields={record.template.fields}
            content={latest.content}
            testId="record-latest"
          />
        </section>
      )}
      <ActionOutcome state={state} testId="record-action" />
      <div className="actions">
        {record.can.amend && !amending && (
          <button
            type="button"
            className="button"
            data-testid="addendum-open"
            onClick={() => {
              state.clear();
              setAmending(true);
            }}
          >
            {t('records.addendum.open')}
          </button>
        )}
        {record.can.cosign && (
          <ActionButton
            state={state}
            id="cosign"
            primary
            testId="record-cosign"
            label={t('records.cosign.action')}
            success={{ key: 'records.cosign.success' }}
            action={async () => {
              onChanged(await cosignRecord(record.id));
            }}
          />
        )}
        <ActionButton
          state={state}
          id="verify"
          testId="record-verify"
          label={t('records.verify.action')}
          action={async () => {
            setVerification(null);
            setVerification(await verifyRecord(record.id));
          }}
        />
      </div>
      <div aria-live="polite">
        {verification && <VerificationResult verification={verification} />}
      </div>
      {amending && (
        <AddendumForm
          key={record.versions.length}
          record={record}
          onCancel={() => {
            setAmending(false);
          }}
          onDone={(next) => {
            setAmending(false);
            setVerification(null);
            onChanged(next);
          }}
        />
      )}
      <section aria-labelledby={versionsId}>
        <h2 id={versionsId}>{t('records.versions.heading')}</h2>
        <VersionList record={record} />
      </section>
    </div>
  );
}

const PROBLEMS = [
  'hash_mismatch',
  'broken_link',
  'out_of_sequence',
  'head_mismatch',
  'unreadable',
] as const;

/** A problem's name in the page's language; one the page does not know yet, generically. */
function problemKey(
  problem: string,
): `records.verify.problems.${(typeof PROBLEMS)[number] | 'other'}` {
  const known = PROBLEMS.find((name) => name === problem);
  return `records.verify.problems.${known ?? 'other'}`;
}

/** The recomputed chain: intact, or which versions do not match what was signed. */
function VerificationResult({ verification }: { verification: RecordVerification }) {
  const { t } = useTranslation();
  return (
    <div
      className={verification.intact ? 'notice' : 'form-alert'}
      data-testid="verify-result"
      data-intact={verification.intact}
    >
      <p>
        {verification.intact
          ? t('records.verify.intact', { count: verification.versions })
          : t('records.verify.broken', { count: verification.problems.length })}
      </p>
      {!verification.intact && (
        <ul className="bullets">
          {verification.problems.map((problem) => (
            <li key={`${problem.version}:${problem.problem}`}>
              {t('records.verify.problem', {
                version: problem.version,
                problem: t(problemKey(problem.problem)),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
