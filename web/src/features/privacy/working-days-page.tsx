import { workingDayExceptionCreateSchema } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SelectField } from '../../components/choice-fields.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { TextField, useMessage } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import type { Message } from '../../i18n/keys.ts';
import { messageForError, validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { useResource } from '../../lib/use-resource.ts';
import { addWorkingDay, listWorkingDays, removeWorkingDay } from './privacy-api.ts';

const FIELDS = ['date', 'working', 'label'] as const;
type Values = Readonly<Record<(typeof FIELDS)[number], string>>;
const bodyOf = (v: Values) => ({
  date: v.date,
  working: v.working === 'true',
  ...(v.label.trim() ? { label: v.label.trim() } : {}),
});

/** The working-day calendar (B11): public holidays off, make-up weekend days (调休) on. */
export function WorkingDaysPage() {
  const { t } = useTranslation();
  const say = useMessage();
  const calendar = useResource('working-days', listWorkingDays);
  const [message, setMessage] = useState<Message | null>(null);
  const form = useForm('working-day', FIELDS, { working: 'false' });
  const submit = form.onSubmit(
    async (values) => {
      setMessage(null);
      const added = await addWorkingDay(bodyOf(values));
      setMessage({ key: 'privacyAdmin.calendar.added', values: { date: added.date } });
      form.reset({ working: values.working });
      calendar.reload();
    },
    { validate: (values) => validateBody(workingDayExceptionCreateSchema, bodyOf(values)) },
  );
  return (
    <PageFrame
      testId="working-days-page"
      width="wide"
      title={t('privacyAdmin.calendar.title')}
      lead={t('privacyAdmin.calendar.lead')}
    >
      <p>
        <Link to="/admin/privacy-requests">{t('privacyAdmin.detail.back')}</Link>
      </p>
      <Loaded resource={calendar}>
        {(data) => (
          <section className="panel" aria-labelledby="working-days-list">
            <h2 id="working-days-list">{t('privacyAdmin.calendar.title')}</h2>
            <p>
              {t('privacyAdmin.calendar.timeZone', { zone: data.timeZone })}
              {' · '}
              {t('privacyAdmin.calendar.dueDays', { days: data.requestDueWorkingDays })}
            </p>
            {data.items.length === 0 ? (
              <p>{t('privacyAdmin.calendar.empty')}</p>
            ) : (
              <DataTable
                testId="working-days-table"
                caption={t('privacyAdmin.calendar.caption')}
                columns={[
                  t('privacyAdmin.calendar.date'),
                  t('privacyAdmin.calendar.type'),
                  t('privacyAdmin.calendar.label'),
                  t('privacyAdmin.calendar.actions'),
                ]}
              >
                {data.items.map((d) => (
                  <tr key={d.id} data-testid="working-day-row">
                    <td>
                      <time dateTime={d.date}>{d.date}</time>
                    </td>
                    <td>
                      {d.working
                        ? t('privacyAdmin.calendar.workday')
                        : t('privacyAdmin.calendar.holiday')}
                    </td>
                    <td>{d.label}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--secondary"
                        data-testid={`working-day-remove-${d.date}`}
                        aria-label={`${t('privacyAdmin.calendar.remove')} ${d.date}`}
                        onClick={() => {
                          setMessage(null);
                          removeWorkingDay(d.id).then(
                            () => {
                              setMessage({
                                key: 'privacyAdmin.calendar.removed',
                                values: { date: d.date },
                              });
                              calendar.reload();
                            },
                            (error: unknown) => {
                              setMessage(messageForError(error));
                            },
                          );
                        }}
                      >
                        {t('privacyAdmin.calendar.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        )}
      </Loaded>
      <FormPanel
        form={form}
        onSubmit={submit}
        heading={t('privacyAdmin.calendar.formHeading')}
        submitLabel={t('privacyAdmin.calendar.submit')}
        status={message && say(message)}
        statusTestId="working-day-status"
        grid
      >
        <TextField
          form={form}
          name="date"
          type="date"
          label={t('privacyAdmin.calendar.date')}
          required
        />
        <SelectField
          form={form}
          name="working"
          label={t('privacyAdmin.calendar.working')}
          options={[
            { value: 'false', label: t('privacyAdmin.calendar.holiday') },
            { value: 'true', label: t('privacyAdmin.calendar.workday') },
          ]}
          required
        />
        <TextField
          form={form}
          name="label"
          label={t('privacyAdmin.calendar.label')}
          hint={t('privacyAdmin.calendar.labelHint')}
          maxLength={100}
        />
      </FormPanel>
    </PageFrame>
  );
}
