import {
  REFERRAL_RESOURCE_KINDS,
  referralResourceInputSchema,
  referralResourceUpdateSchema,
  type ReferralResource,
} from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import type { Message } from '../../i18n/keys.ts';
import { useForm, type FormController } from '../../lib/use-form.ts';
import { schemaSubmit } from '../counselors/form-helpers.ts';
import { createReferralResource, updateReferralResource } from './care-plans-api.ts';
import {
  RESOURCE_FIELDS,
  resourceBody,
  resourceValues,
  type ResourceField,
} from './care-plans-model.ts';

const MESSAGES: Partial<Record<ResourceField, Message>> = {
  nameZh: { key: 'carePlans.resources.fieldErrors.name' },
  nameEn: { key: 'carePlans.resources.fieldErrors.name' },
  phone: { key: 'carePlans.resources.fieldErrors.phone' },
  sortOrder: { key: 'carePlans.resources.fieldErrors.sortOrder' },
};

/** The fields of an entry, the same when adding and editing. */
function ResourceFields({ form }: { form: FormController<ResourceField> }) {
  const { t } = useTranslation();
  const label = (name: ResourceField) => t(`carePlans.resources.fields.${name}`);
  return (
    <>
      <SelectField
        form={form}
        name="kind"
        label={label('kind')}
        options={REFERRAL_RESOURCE_KINDS.map((kind) => ({
          value: kind,
          label: t(`carePlans.resources.kinds.${kind}`),
        }))}
        required
      />
      <TextField form={form} name="nameZh" label={label('nameZh')} maxLength={200} required />
      <TextField form={form} name="nameEn" label={label('nameEn')} maxLength={200} required />
      <TextField
        form={form}
        name="phone"
        label={label('phone')}
        type="tel"
        autoComplete="off"
        maxLength={40}
        required
      />
      <TextField form={form} name="address" label={label('address')} maxLength={500} />
      <TextField form={form} name="hours" label={label('hours')} maxLength={200} />
      <TextField
        form={form}
        name="notes"
        label={label('notes')}
        maxLength={2000}
        multiline
        rows={3}
      />
      <TextField
        form={form}
        name="sortOrder"
        label={label('sortOrder')}
        inputMode="numeric"
        maxLength={5}
      />
    </>
  );
}

/** Adds an entry to the directory; the list reloads to show it. */
export function AddResourceForm({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [added, setAdded] = useState(false);
  const form = useForm('referral-resource-add', RESOURCE_FIELDS, resourceValues());
  const onSubmit = schemaSubmit(
    form,
    { schema: referralResourceInputSchema, toBody: resourceBody, messages: MESSAGES },
    async (body) => {
      setAdded(false);
      await createReferralResource(body);
      form.reset(resourceValues());
      await onAdded();
      setAdded(true);
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('carePlans.resources.addHeading')}
      grid
      submitLabel={t('carePlans.resources.add')}
      status={added && t('carePlans.resources.added')}
      statusTestId="referral-resource-added"
    >
      <ResourceFields form={form} />
    </FormPanel>
  );
}

/** Edits an entry in place (inside its card). */
export function EditResourceForm({
  resource,
  onDone,
  onCancel,
}: {
  resource: ReferralResource;
  onDone: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm('referral-resource-edit', RESOURCE_FIELDS, resourceValues(resource));
  const onSubmit = schemaSubmit(
    form,
    { schema: referralResourceUpdateSchema, toBody: resourceBody, messages: MESSAGES },
    async (body) => {
      await updateReferralResource(resource.id, body);
      await onDone();
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('carePlans.resources.editHeading', { name: resource.nameZh })}
      level={3}
      headingHidden
      className="subpanel"
      grid
      submitLabel={t('carePlans.resources.save')}
      onCancel={onCancel}
    >
      <ResourceFields form={form} />
    </FormPanel>
  );
}
