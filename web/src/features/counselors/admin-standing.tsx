import { STANDING_KINDS, standingActionInputSchema } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { TextField } from '../../components/form.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { useDateFormat } from '../../app/use-date-format.ts';
import { useForm } from '../../lib/use-form.ts';
import { addStanding } from './counselor-api.ts';
import { schemaSubmit } from './form-helpers.ts';
import type { ProfileProps } from './profile-gate.tsx';
import { useDayFormat } from './use-day-format.ts';

const STANDING_FIELDS = ['kind', 'reason', 'startsOn', 'endsOn'] as const;

/** Warnings, suspensions and removals on record, and the form that issues one. */
export function Standing({ profile, onChanged }: ProfileProps) {
  const { t } = useTranslation();
  const formatDate = useDateFormat();
  const formatDay = useDayFormat();
  const headingId = useId();
  const [recorded, setRecorded] = useState(false);
  const form = useForm('standing', STANDING_FIELDS, { kind: 'warning' });
  const onSubmit = schemaSubmit(
    form,
    {
      schema: standingActionInputSchema,
      toBody: (values) => ({
        kind: values.kind,
        reason: values.reason,
        ...(values.startsOn ? { startsOn: values.startsOn } : {}),
        ...(values.endsOn ? { endsOn: values.endsOn } : {}),
      }),
      messages: {
        reason: { key: 'counselors.fieldErrors.standingReason', values: { min: 10 } },
        startsOn: { key: 'counselors.fieldErrors.startsOn' },
        endsOn: { key: 'counselors.fieldErrors.endsOn' },
      },
    },
    async (body) => {
      setRecorded(false);
      await addStanding(profile.id, body);
      form.reset({ kind: 'warning' });
      await onChanged();
      setRecorded(true);
    },
  );
  const kind = form.values.kind;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('counselors.standing.heading')}</h2>
      {profile.standing.length === 0 ? (
        <p data-testid="standing-empty">{t('counselors.standing.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="standing-history">
          {profile.standing.map((entry) => (
            <li key={entry.id} className="timeline__item">
              <p className="timeline__title">
                <strong>{t(`counselors.standing.kind.${entry.kind}`)}</strong>{' '}
                <span className="cell-note">{formatDate(entry.createdAt)}</span>
              </p>
              <p className="prose">{entry.reason}</p>
              <dl className="facts facts--inline">
                {entry.startsOn && (
                  <>
                    <dt>{t('counselors.fields.startsOn')}</dt>
                    <dd>{formatDay(entry.startsOn)}</dd>
                  </>
                )}
                {entry.endsOn && (
                  <>
                    <dt>{t('counselors.fields.endsOn')}</dt>
                    <dd>{formatDay(entry.endsOn)}</dd>
                  </>
                )}
                <dt>{t('counselors.fields.issuedBy')}</dt>
                <dd>{entry.issuedByName ?? t('counselors.system')}</dd>
                {entry.liftedAt && (
                  <>
                    <dt>{t('counselors.fields.liftedAt')}</dt>
                    <dd>{formatDate(entry.liftedAt)}</dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ol>
      )}
      {profile.actions.includes('standing') && (
        <FormPanel
          form={form}
          onSubmit={onSubmit}
          heading={t('counselors.standing.formHeading')}
          level={3}
          className="panel panel--danger"
          intro={<p>{t('counselors.standing.intro')}</p>}
          submitLabel={t('counselors.standing.submit')}
          status={recorded && t('counselors.standing.recorded')}
          statusTestId="standing-recorded"
        >
          <SelectField
            form={form}
            name="kind"
            label={t('counselors.fields.standingKind')}
            options={STANDING_KINDS.map((value) => ({
              value,
              label: t(`counselors.standing.kind.${value}`),
            }))}
          />
          <TextField
            form={form}
            name="reason"
            label={t('fields.reason')}
            hint={t('counselors.standing.reasonHint', { min: 10 })}
            multiline
            rows={3}
            maxLength={2000}
            required
          />
          {kind !== 'removal' && (
            <div className="form-row">
              <TextField
                form={form}
                name="startsOn"
                type="date"
                label={t('counselors.fields.startsOn')}
                required={kind === 'suspension'}
              />
              <TextField
                form={form}
                name="endsOn"
                type="date"
                label={t('counselors.fields.endsOn')}
                hint={t('counselors.standing.endsHint')}
              />
            </div>
          )}
        </FormPanel>
      )}
    </section>
  );
}
