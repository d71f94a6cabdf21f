import { APPOINTMENT_STATUSES, type AppointmentStatusName } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { formatYuan } from '../counselors/money.ts';
import { getReceipt } from './scheduling-api.ts';
import { StatusBadge } from './scheduling-parts.tsx';
import { browserTimeZone, formatInstant } from './time.ts';

const isStatus = (value: string): value is AppointmentStatusName =>
  (APPOINTMENT_STATUSES as readonly string[]).includes(value);

/** One appointment's receipt: what was charged, paid, refunded and is still due. */
export function ReceiptPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const zone = browserTimeZone();
  const receipt = useResource(`receipt:${id}`, (signal) => getReceipt(id, signal));
  const money = (fen: number) => formatYuan(fen, i18n.language);
  return (
    <PageFrame testId="receipt-page" title={t('scheduling.receipt.title')}>
      <p>
        <Link to="/appointments">{t('scheduling.receipt.back')}</Link>
      </p>
      <Loaded resource={receipt}>
        {(data) => (
          <section className="panel" aria-labelledby="receipt-heading">
            <h2 id="receipt-heading">{data.organizationName}</h2>
            <dl className="facts" data-testid="receipt">
              <dt>{t('scheduling.appointments.counselor')}</dt>
              <dd>{data.counselorName}</dd>
              <dt>{t('scheduling.appointments.sessionType')}</dt>
              <dd>
                {i18n.language === 'en' ? data.sessionType.labelEn : data.sessionType.labelZh}
              </dd>
              <dt>{t('scheduling.appointments.when')}</dt>
              <dd>{formatInstant(data.startsAt, i18n.language, zone)}</dd>
              <dt>{t('scheduling.appointments.status')}</dt>
              <dd>{isStatus(data.status) ? <StatusBadge status={data.status} /> : data.status}</dd>
              <dt>{t('scheduling.receipt.fee')}</dt>
              <dd>{money(data.feeFen)}</dd>
              <dt>{t('scheduling.receipt.paid')}</dt>
              <dd>{money(data.paidFen)}</dd>
              <dt>{t('scheduling.receipt.refunded')}</dt>
              <dd>{money(data.refundedFen)}</dd>
              <dt>{t('scheduling.receipt.due')}</dt>
              <dd data-testid="receipt-due">{money(data.dueFen)}</dd>
            </dl>
          </section>
        )}
      </Loaded>
    </PageFrame>
  );
}
