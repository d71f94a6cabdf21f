import {
  recordsSettingsSchema,
  sessionsSettingsSchema,
  SESSION_NOTE_FORMATS,
  type RecordsSettings,
  type SessionsSettings,
} from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import { schemaSubmit } from '../counselors/form-helpers.ts';
import { fieldFailure } from '../scheduling/scheduling-admin-model.ts';
import {
  getRecordsSettings,
  getSessionsSettings,
  putRecordsSettings,
  putSessionsSettings,
} from './clinical-settings-api.ts';
import {
  RECORDS_FIELDS,
  recordsBody,
  SESSIONS_FIELDS,
  sessionsBody,
  sessionsValues,
  WINDOW_FIELDS,
  WINDOW_MESSAGES,
} from './clinical-settings-model.ts';

/** `/admin/counseling-settings`: the room window and observing, and the session-note format. */
export function ClinicalSettingsPage() {
  const { t } = useTranslation();
  const sessions = useResource('sessions-settings', getSessionsSettings);
  const records = useResource('records-settings', getRecordsSettings);
  return (
    <PageFrame
      testId="clinical-settings-page"
      title={t('clinicalSettings.title')}
      lead={t('clinicalSettings.lead')}
    >
      <Loaded resource={sessions}>
        {(data) => <SessionsForm settings={data} onSaved={sessions.replace} />}
      </Loaded>
      <Loaded resource={records}>
        {(data) => <RecordsForm settings={data} onSaved={records.replace} />}
      </Loaded>
    </PageFrame>
  );
}

function SessionsForm(props: {
  settings: SessionsSettings;
  onSaved: (s: SessionsSettings) => void;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const form = useForm('sessions-settings', SESSIONS_FIELDS, sessionsValues(props.settings));
  const onSubmit = schemaSubmit(
    form,
    { schema: sessionsSettingsSchema, toBody: sessionsBody, messages: WINDOW_MESSAGES },
    async (body) => {
      setSaved(false);
      try {
        props.onSaved(await putSessionsSettings(body));
        setSaved(true);
      } catch (error: unknown) {
        const explained = fieldFailure(error, SESSIONS_FIELDS, WINDOW_MESSAGES);
        if (!explained) throw error;
        form.setErrors(explained);
      }
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('clinicalSettings.sessions.heading')}
      submitLabel={t('clinicalSettings.save')}
      status={saved && t('clinicalSettings.saved')}
      statusTestId="sessions-settings-saved"
    >
      {WINDOW_FIELDS.map((field) => (
        <TextField
          key={field.name}
          form={form}
          name={field.name}
          label={t(`clinicalSettings.sessions.${field.name}.label`)}
          hint={t(`clinicalSettings.sessions.${field.name}.hint`)}
          inputMode="numeric"
          autoComplete="off"
          maxLength={String(field.max).length}
          suffix={t('scheduling.admin.units.minutes')}
          required
        />
      ))}
      <SelectField
        form={form}
        name="observerAllowed"
        label={t('clinicalSettings.sessions.observerAllowed.label')}
        hint={t('clinicalSettings.sessions.observerAllowed.hint')}
        options={[
          { value: 'no', label: t('clinicalSettings.sessions.observerAllowed.no') },
          { value: 'yes', label: t('clinicalSettings.sessions.observerAllowed.yes') },
        ]}
        required
      />
    </FormPanel>
  );
}

function RecordsForm(props: { settings: RecordsSettings; onSaved: (s: RecordsSettings) => void }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const form = useForm('records-settings', RECORDS_FIELDS, props.settings);
  const onSubmit = schemaSubmit(
    form,
    { schema: recordsSettingsSchema, toBody: recordsBody, messages: {} },
    async (body) => {
      setSaved(false);
      props.onSaved(await putRecordsSettings(body));
      setSaved(true);
    },
  );
  return (
    <FormPanel
      form={form}
      onSubmit={onSubmit}
      heading={t('clinicalSettings.records.heading')}
      submitLabel={t('clinicalSettings.save')}
      status={saved && t('clinicalSettings.saved')}
      statusTestId="records-settings-saved"
    >
      <SelectField
        form={form}
        name="sessionNoteTemplate"
        label={t('clinicalSettings.records.sessionNoteTemplate.label')}
        hint={t('clinicalSettings.records.sessionNoteTemplate.hint')}
        options={SESSION_NOTE_FORMATS.map((format) => ({
          value: format,
          label: t(`clinicalSettings.records.formats.${format}`),
        }))}
        required
      />
    </FormPanel>
  );
}
