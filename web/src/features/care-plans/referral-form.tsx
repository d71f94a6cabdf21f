import {
  CONSENT_AGREEMENT_METHODS,
  REFERRAL_EXCEPTIONS,
  referralInputSchema,
  type ReferralResource,
} from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import type { Message } from '../../i18n/keys.ts';
import { useLocale } from '../../i18n/use-locale.ts';
import { useForm } from '../../lib/use-form.ts';
import { schemaSubmit } from '../counselors/form-helpers.ts';
import { AttestField } from './attest-field.tsx';
import { createReferral } from './care-plans-api.ts';
import {
  REFERRAL_DEFAULTS,
  REFERRAL_FIELDS,
  referralBody,
  type ReferralField,
} from './care-plans-model.ts';

const MESSAGES: Partial<Record<ReferralField, Message>> = {
  resourceId: { key: 'carePlans.referrals.fieldErrors.resourceId' },
  reason: { key: 'carePlans.referrals.fieldErrors.reason' },
  'basis.attested': { key: 'carePlans.referrals.fieldErrors.attested' },
  'basis.justification': { key: 'carePlans.referrals.fieldErrors.justification' },
  'basis.legalReference': { key: 'carePlans.referrals.fieldErrors.legalReference' },
};

/**
 * Refers the client to a directory entry, on their agreement (attested by the counselor) or
 * under a confidentiality exception, which the server enters in the disclosure register.
 */
export function ReferralForm({
  episodeId,
  resources,
  onCreated,
}: {
  episodeId: string;
  resources: readonly ReferralResource[];
  onCreated: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [done, setDone] = useState(false);
  const defaults = { ...REFERRAL_DEFAULTS, resourceId: resources[0]?.id ?? '' };
  const form = useForm('referral-add', REFERRAL_FIELDS, defaults);
  const exception = form.values['basis.kind'] === 'exception';
  const onSubmit = schemaSubmit(
    form,
    {
      schema: referralInputSchema,
      toBody: (values) => referralBody(episodeId, values),
      messages: MESSAGES,
    },
    async (body) => {
      setDone(false);
      await createReferral(body);
      form.reset(defaults);
      await onCreated();
      setDone(true);
    },
    { not_found: 'carePlans.referrals.add.noEpisode' },
  );
  if (resources.length === 0) return <p>{t('carePlans.referrals.add.noResources')}</p>;
  const name = (r: ReferralResource) => (locale === 'en' ? r.nameEn : r.nameZh);
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('carePlans.referrals.add.heading')}
      level={3}
      className="subpanel"
      submitLabel={t('carePlans.referrals.add.submit')}
      status={done && t('carePlans.referrals.add.done')}
      statusTestId="referral-add-done"
    >
      <SelectField
        form={form}
        name="resourceId"
        label={t('carePlans.referrals.add.resource')}
        options={resources.map((r) => ({
          value: r.id,
          label: `${name(r)} · ${t(`carePlans.resources.kinds.${r.kind}`)} · ${r.phone}`,
        }))}
        required
      />
      <TextField
        form={form}
        name="reason"
        label={t('carePlans.referrals.add.reason')}
        hint={t('carePlans.referrals.add.reasonHint')}
        maxLength={4000}
        multiline
        rows={3}
        required
      />
      <SelectField
        form={form}
        name="basis.kind"
        label={t('carePlans.referrals.add.kind')}
        options={(['consent', 'exception'] as const).map((kind) => ({
          value: kind,
          label: t(`carePlans.referrals.add.kinds.${kind}`),
        }))}
        required
      />
      {exception ? (
        <>
          <SelectField
            form={form}
            name="basis.code"
            label={t('carePlans.referrals.add.code')}
            options={REFERRAL_EXCEPTIONS.map((code) => ({
              value: code,
              label: t(`carePlans.referrals.exception.${code}`),
            }))}
            required
          />
          <TextField
            form={form}
            name="basis.justification"
            label={t('carePlans.referrals.add.justification')}
            hint={t('carePlans.referrals.add.justificationHint')}
            maxLength={4000}
            multiline
            rows={3}
            required
          />
          <TextField
            form={form}
            name="basis.legalReference"
            label={t('carePlans.referrals.add.legalReference')}
            hint={t('carePlans.referrals.add.legalReferenceHint')}
            maxLength={500}
            required={form.values['basis.code'] === 'legal_obligation'}
          />
        </>
      ) : (
        <>
          <SelectField
            form={form}
            name="basis.method"
            label={t('carePlans.referrals.add.method')}
            options={CONSENT_AGREEMENT_METHODS.map((method) => ({
              value: method,
              label: t(`carePlans.referrals.method.${method}`),
            }))}
            required
          />
          <SelectField
            form={form}
            name="basis.sharesInformation"
            label={t('carePlans.referrals.add.sharesInformation')}
            options={(['no', 'yes'] as const).map((value) => ({
              value,
              label: t(`carePlans.referrals.add.shares.${value}`),
            }))}
            required
          />
          <AttestField
            form={form}
            name="basis.attested"
            label={t('carePlans.referrals.add.attested')}
          />
        </>
      )}
    </FormPanel>
  );
}
