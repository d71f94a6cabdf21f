import { RECORD_TYPES, type Chart, type RecordTemplate, type RecordType } from '@anxin/common';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDateFormat } from '../../app/use-date-format.ts';
import { SelectField } from '../../components/choice-fields.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useSessionTypes } from '../scheduling/use-session-types.ts';
import type { ChartEpisode } from './chart-timeline.ts';
import { createRecord, listRecordTemplates } from './records-api.ts';

const FIELDS = ['recordType', 'appointmentId'] as const;

interface NewNoteProps {
  chart: Chart;
  episode: ChartEpisode;
}

/**
 * A new record for the client: its type (the organisation's active templates say which exist;
 * for session notes its setting picks SOAP or DAP), optionally tied to an appointment of the
 * current episode. The draft is created at once and opened in the editor.
 */
export function NewNoteForm({ chart, episode }: NewNoteProps) {
  const templates = useResource('record-templates', listRecordTemplates);
  return (
    <Loaded resource={templates}>
      {(items) => <NewNoteFields chart={chart} episode={episode} templates={items} />}
    </Loaded>
  );
}

/** The record types that have a template, in the contract's order. */
export function typesWithTemplates(templates: readonly RecordTemplate[]): RecordType[] {
  return RECORD_TYPES.filter((type) => templates.some((template) => template.recordType === type));
}

function NewNoteFields({
  chart,
  episode,
  templates,
}: NewNoteProps & { templates: RecordTemplate[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const formatDate = useDateFormat();
  const sessionTypes = useSessionTypes();
  const types = typesWithTemplates(templates);
  const form = useForm('new-note', FIELDS, {
    recordType: types.includes('session_note') ? 'session_note' : (types[0] ?? ''),
    appointmentId: '',
  });
  const appointments = chart.appointments
    .filter((appointment) => appointment.episodeId === episode.id)
    .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return (
    <FormPanel
      form={form}
      onSubmit={form.onSubmit(
        async ({ recordType, appointmentId }) => {
          const type = types.find((known) => known === recordType) ?? 'session_note';
          const record = await createRecord({
            clientUserId: chart.client.id,
            recordType: type,
            ...(appointmentId ? { appointmentId } : {}),
          });
          await navigate(`/records/${encodeURIComponent(record.id)}`);
        },
        { overrides: { not_found: 'records.newNote.noEpisode' } },
      )}
      heading={t('records.newNote.heading')}
      level={3}
      submitLabel={t('records.newNote.submit')}
    >
      <SelectField
        form={form}
        name="recordType"
        label={t('records.newNote.type')}
        options={types.map((type) => ({ value: type, label: t(`records.types.${type}`) }))}
      />
      <SelectField
        form={form}
        name="appointmentId"
        label={t('records.newNote.appointment')}
        options={[
          { value: '', label: t('records.newNote.noAppointment') },
          ...appointments.map((appointment) => ({
            value: appointment.id,
            label: t('records.newNote.appointmentOption', {
              date: formatDate(appointment.startsAt),
              type: sessionTypes.label(appointment.sessionTypeCode),
            }),
          })),
        ]}
      />
    </FormPanel>
  );
}
