import type { Qualification } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { useMessage } from '../../components/form.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { expiryLevel } from './counselor-format.ts';
import { expiryMessage } from './texts.ts';
import { useDayFormat } from './use-day-format.ts';

export function QualificationStatus({ status }: { status: Qualification['status'] }) {
  const { t } = useTranslation();
  const tone = status === 'verified' ? 'good' : status === 'rejected' ? 'bad' : 'wait';
  return (
    <span
      className={`status status--${tone}`}
      data-testid="qualification-status"
      data-status={status}
    >
      {t(`counselors.qualificationStatus.${status}`)}
    </span>
  );
}

/** How soon it expires, flagged when within the warning window or past. */
export function ExpiryNote({ daysToExpiry }: { daysToExpiry: number | null }) {
  const say = useMessage();
  const level = expiryLevel(daysToExpiry);
  const urgent = level === 'soon' || level === 'expired';
  return (
    <span
      className={urgent ? 'expiry expiry--urgent' : 'expiry'}
      data-testid="qualification-expiry"
      data-level={level}
    >
      {say(expiryMessage(daysToExpiry))}
    </span>
  );
}

/** One certificate's details; the scan link when there is one. */
export function QualificationFacts({
  qualification,
  fileUrl,
}: {
  qualification: Qualification;
  fileUrl: string;
}) {
  const { t } = useTranslation();
  const formatDay = useDayFormat();
  const formatDate = useDateFormat();
  const q = qualification;
  return (
    <dl className="facts">
      <dt>{t('counselors.fields.certificateNumber')}</dt>
      <dd data-testid="qualification-number">{q.number}</dd>
      <dt>{t('counselors.fields.issuer')}</dt>
      <dd>{q.issuer}</dd>
      <dt>{t('counselors.fields.issuedOn')}</dt>
      <dd>{formatDay(q.issuedOn)}</dd>
      <dt>{t('counselors.fields.expiresOn')}</dt>
      <dd>
        {q.expiresOn ? formatDay(q.expiresOn) : t('counselors.expiry.noDate')}{' '}
        <ExpiryNote daysToExpiry={q.daysToExpiry} />
      </dd>
      {q.verificationUrl && (
        <>
          <dt>{t('counselors.fields.verificationUrl')}</dt>
          <dd>
            <a href={q.verificationUrl} rel="noopener noreferrer" target="_blank">
              {q.verificationUrl}
            </a>
          </dd>
        </>
      )}
      <dt>{t('counselors.fields.scan')}</dt>
      <dd>
        {q.file ? (
          <a href={fileUrl} download data-testid="qualification-download">
            {t('counselors.qualifications.download', {
              type: q.file.mediaType.replace(/^.*\//, '').toUpperCase(),
              size: Math.max(1, Math.round(q.file.sizeBytes / 1024)),
            })}
          </a>
        ) : (
          <span data-testid="qualification-no-file">{t('counselors.qualifications.noFile')}</span>
        )}
      </dd>
      {q.verifiedAt && (
        <>
          <dt>{t('counselors.fields.verifiedAt')}</dt>
          <dd>{formatDate(q.verifiedAt)}</dd>
        </>
      )}
      {q.rejectionReason && (
        <>
          <dt>{t('counselors.fields.rejectionReason')}</dt>
          <dd data-testid="qualification-rejection">{q.rejectionReason}</dd>
        </>
      )}
    </dl>
  );
}
