import { referralStatusInputSchema, type Referral } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateFormat } from '../../app/use-date-format.ts';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { useLocale } from '../../i18n/use-locale.ts';
import { useForm } from '../../lib/use-form.ts';
import { ActionButton, ActionOutcome, useActionState } from '../counselors/action-state.tsx';
import { schemaSubmit } from '../counselors/form-helpers.ts';
import { changeReferralStatus } from './care-plans-api.ts';
import { telLink } from './care-plans-model.ts';

const CLOSE_FIELDS = ['outcome'] as const;

function CloseForm({
  referral,
  onDone,
  onCancel,
}: {
  referral: Referral;
  onDone: (next: Referral) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm('referral-close', CLOSE_FIELDS);
  const onSubmit = schemaSubmit(
    form,
    {
      schema: referralStatusInputSchema,
      toBody: (values) => ({
        status: 'closed' as const,
        ...(values.outcome.trim() ? { outcome: values.outcome } : {}),
      }),
      messages: {},
    },
    async (body) => {
      onDone(await changeReferralStatus(referral.id, body));
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('carePlans.referrals.closeHeading')}
      level={4}
      className="subpanel"
      submitLabel={t('carePlans.referrals.close')}
      onCancel={onCancel}
    >
      <TextField
        form={form}
        name="outcome"
        label={t('carePlans.referrals.outcomeLabel')}
        hint={t('carePlans.referrals.outcomeHint')}
        maxLength={4000}
        multiline
        rows={2}
      />
    </FormPanel>
  );
}

function BasisLines({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const b = referral.basis;
  if (b.kind === 'consent') {
    const method = t(`carePlans.referrals.method.${b.method}`);
    return (
      <p className="cell-note" data-testid="referral-basis" data-basis="consent">
        {b.sharesInformation
          ? t('carePlans.referrals.basis.consentShared', { method })
          : t('carePlans.referrals.basis.consent', { method })}
      </p>
    );
  }
  return (
    <>
      <p className="cell-note" data-testid="referral-basis" data-basis="exception">
        {t('carePlans.referrals.basis.exception', {
          code: t(`carePlans.referrals.exception.${b.code}`),
        })}
      </p>
      <p className="care-plan__text">
        {t('carePlans.referrals.justification', { text: b.justification })}
      </p>
      {b.legalReference && (
        <p className="cell-note">
          {t('carePlans.referrals.legalReference', { text: b.legalReference })}
        </p>
      )}
    </>
  );
}

/** One referral: to whom, why, on which basis, where it stands, and the next step. */
export function ReferralCard({
  referral,
  onChanged,
}: {
  referral: Referral;
  onChanged: (next: Referral) => void;
}) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const format = useDateFormat();
  const action = useActionState();
  const [closing, setClosing] = useState(false);
  const r = referral.resource;
  return (
    <li className="card card--plain" data-testid="referral" data-status={referral.status}>
      <p>
        <span className="badge" data-testid="referral-status">
          {t(`carePlans.referrals.status.${referral.status}`)}
        </span>{' '}
        <strong>{locale === 'en' ? r.nameEn : r.nameZh}</strong> ·{' '}
        <a href={telLink(r.phone)}>{r.phone}</a>
      </p>
      <p className="care-plan__text">{referral.reason}</p>
      <BasisLines referral={referral} />
      {referral.disclosureId && <p className="cell-note">{t('carePlans.referrals.disclosure')}</p>}
      {referral.outcome && (
        <p className="care-plan__text">
          {t('carePlans.referrals.outcome', { text: referral.outcome })}
        </p>
      )}
      <p className="cell-note">
        {t('carePlans.referrals.madeBy', {
          author: referral.authorName,
          date: format(referral.madeAt),
        })}
      </p>
      <ActionOutcome state={action} testId="referral-change" />
      {closing ? (
        <CloseForm
          referral={referral}
          onDone={(next) => {
            setClosing(false);
            onChanged(next);
          }}
          onCancel={() => {
            setClosing(false);
          }}
        />
      ) : (
        (referral.can.acknowledge || referral.can.close) && (
          <div className="actions">
            {referral.can.acknowledge && (
              <ActionButton
                state={action}
                id="acknowledge"
                testId="referral-acknowledge"
                label={t('carePlans.referrals.acknowledge')}
                action={async () => {
                  onChanged(await changeReferralStatus(referral.id, { status: 'acknowledged' }));
                }}
                success={{ key: 'carePlans.referrals.acknowledged' }}
                small
              />
            )}
            {referral.can.close && (
              <button
                type="button"
                className="button button--secondary button--small"
                data-testid="referral-open-close"
                onClick={() => {
                  setClosing(true);
                }}
              >
                {t('carePlans.referrals.close')}
              </button>
            )}
          </div>
        )
      )}
    </li>
  );
}
