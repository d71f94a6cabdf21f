import { BREAK_GLASS_MAX_MINUTES, breakGlassRequestSchema } from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, SubmitButton, TextField } from '../../components/form.tsx';
import { SelectField } from '../../components/choice-fields.tsx';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { startBreakGlass } from './admin-api.ts';

const MINUTES = [15, 30, BREAK_GLASS_MAX_MINUTES] as const;
const REASON_MIN = 20;

interface BreakGlassFormProps {
  userId: string;
  /** With the grant's expiry; the page then loads the record and shows until when. */
  onGranted: (expiresAt: string) => void;
}

/**
 * Emergency access to a record the supervisor cannot normally see. The warning comes first and
 * the reason is required: the access is audited and administrators are told at once.
 */
export function BreakGlassForm({ userId, onGranted }: BreakGlassFormProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const form = useForm('break-glass', ['reason', 'minutes'] as const, {
    minutes: String(BREAK_GLASS_MAX_MINUTES),
  });
  const toBody = (values: Readonly<Record<'reason' | 'minutes', string>>) => ({
    resourceType: 'user' as const,
    resourceId: userId,
    reason: values.reason,
    minutes: Number(values.minutes),
  });
  const onSubmit = form.onSubmit(
    async (values) => {
      const grant = await startBreakGlass(toBody(values));
      onGranted(grant.expiresAt);
    },
    { validate: (values) => validateBody(breakGlassRequestSchema, toBody(values)) },
  );

  return (
    <section className="panel panel--danger" aria-labelledby={headingId} data-testid="break-glass">
      <h2 id={headingId}>{t('breakGlass.heading')}</h2>
      <p className="warning" data-testid="break-glass-warning">
        <strong>{t('breakGlass.warning')}</strong>
      </p>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        <TextField
          form={form}
          name="reason"
          label={t('fields.reason')}
          hint={t('breakGlass.reasonHint', { min: REASON_MIN })}
          multiline
          rows={4}
          maxLength={1000}
          required
        />
        <SelectField
          form={form}
          name="minutes"
          label={t('fields.minutes')}
          options={MINUTES.map((minutes) => ({
            value: String(minutes),
            label: t('breakGlass.minutes', { minutes }),
          }))}
        />
        <div className="actions">
          <SubmitButton form={form}>{t('breakGlass.submit')}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
