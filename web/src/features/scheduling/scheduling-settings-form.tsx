import { schedulingSettingsSchema, type SchedulingSettings } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { useForm } from '../../lib/use-form.ts';
import { schemaSubmit } from '../counselors/form-helpers.ts';
import {
  fieldFailure,
  rangeMessages,
  SETTING_FIELDS,
  SETTING_GROUPS,
  SETTING_NAMES,
  settingsBody,
  settingValues,
} from './scheduling-admin-model.ts';
import { putSchedulingSettings } from './scheduling-api.ts';

const MESSAGES = rangeMessages(SETTING_FIELDS);

/**
 * The organisation's booking rules (A4, A5), in three parts. The shared schema checks the
 * numbers in the browser first; anything the server still refuses is shown beside its field.
 */
export function SchedulingSettingsForm({
  settings,
  onSaved,
}: {
  settings: SchedulingSettings;
  onSaved: (settings: SchedulingSettings) => void;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const form = useForm('scheduling-settings', SETTING_NAMES, settingValues(settings));
  const onSubmit = schemaSubmit(
    form,
    { schema: schedulingSettingsSchema, toBody: settingsBody, messages: MESSAGES },
    async (body) => {
      setSaved(false);
      try {
        onSaved(await putSchedulingSettings(body));
        setSaved(true);
      } catch (error: unknown) {
        const explained = fieldFailure(error, SETTING_NAMES, MESSAGES);
        if (!explained) throw error;
        form.setErrors(explained);
      }
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('scheduling.admin.settingsHeading')}
      intro={
        <div className="notice" data-testid="cancellation-rule">
          <p>{t('scheduling.admin.ruleExplained')}</p>
          <p>{t('scheduling.admin.ruleApplies')}</p>
        </div>
      }
      submitLabel={t('scheduling.admin.save')}
      status={saved && t('scheduling.admin.saved')}
      statusTestId="scheduling-settings-saved"
    >
      {SETTING_GROUPS.map((group) => (
        <fieldset key={group} className="fieldset">
          <legend className="field__label">{t(`scheduling.admin.groups.${group}`)}</legend>
          {SETTING_FIELDS.filter((field) => field.group === group).map((field) => (
            <TextField
              key={field.name}
              form={form}
              name={field.name}
              label={t(`scheduling.admin.fields.${field.name}.label`)}
              hint={t(`scheduling.admin.fields.${field.name}.hint`)}
              inputMode="numeric"
              autoComplete="off"
              maxLength={String(field.max).length}
              suffix={t(`scheduling.admin.units.${field.unit}`)}
              required
            />
          ))}
        </fieldset>
      ))}
    </FormPanel>
  );
}
