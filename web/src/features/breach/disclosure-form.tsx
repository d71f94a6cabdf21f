import { DISCLOSURE_BASIS_NAMES, disclosureInputSchema } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { Form, SubmitButton, TextField, useMessage } from '../../components/form.tsx';
import type { Message } from '../../i18n/keys.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { DateTimeField } from './date-time-field.tsx';
import { recordDisclosure } from './breach-api.ts';
import { isoToLocalInput, localInputToIso } from './breach-format.ts';

const FIELDS = [
  'subjectUserId',
  'basis',
  'legalReference',
  'recipient',
  'content',
  'disclosedAt',
] as const;
type Values = Readonly<Record<(typeof FIELDS)[number], string>>;

const bodyOf = (v: Values) => ({
  subjectUserId: v.subjectUserId.trim(),
  basis: v.basis,
  ...(v.legalReference.trim() ? { legalReference: v.legalReference.trim() } : {}),
  recipient: v.recipient.trim(),
  content: v.content.trim(),
  disclosedAt: localInputToIso(v.disclosedAt) ?? '',
});

/**
 * Records a disclosure to a third party (B7, C7). `clients` lists whom a counselor may choose;
 * administrators type the person's id. An exception basis waits for a second person's approval.
 */
export function DisclosureForm({
  clients,
  onRecorded,
}: {
  clients?: readonly { userId: string; name: string }[];
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const say = useMessage();
  const headingId = useId();
  const [done, setDone] = useState<Message | null>(null);
  const initial = {
    basis: 'consent',
    subjectUserId: clients?.[0]?.userId ?? '',
    disclosedAt: isoToLocalInput(new Date().toISOString()),
  };
  const form = useForm('disclosure', FIELDS, initial);
  const submit = form.onSubmit(
    async (values) => {
      setDone(null);
      const created = await recordDisclosure(disclosureInputSchema.parse(bodyOf(values)));
      setDone({
        key: created.approvalPending
          ? 'breach.disclosure.recordedPending'
          : 'breach.disclosure.recorded',
      });
      form.reset(initial);
      onRecorded();
    },
    {
      validate: (values) => {
        const issues = validateBody(disclosureInputSchema, bodyOf(values));
        if (values.basis === 'legal_obligation' && !values.legalReference.trim()) {
          issues.push({ path: 'body.legalReference', code: 'required' });
        }
        return issues;
      },
    },
  );
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('breach.disclosure.formHeading')}</h2>
      <p>{t('breach.disclosure.formIntro')}</p>
      <Form form={form} onSubmit={submit} labelledBy={headingId}>
        {clients ? (
          <SelectField
            form={form}
            name="subjectUserId"
            label={t('breach.disclosure.client')}
            options={clients.map((c) => ({ value: c.userId, label: c.name }))}
            required
          />
        ) : (
          <TextField
            form={form}
            name="subjectUserId"
            label={t('breach.disclosure.subjectId')}
            hint={t('breach.disclosure.subjectIdHint')}
            maxLength={36}
            required
          />
        )}
        <SelectField
          form={form}
          name="basis"
          label={t('breach.disclosure.basis')}
          hint={t('breach.disclosure.basisHint')}
          options={DISCLOSURE_BASIS_NAMES.map((b) => ({ value: b, label: t(`breach.basis.${b}`) }))}
          required
        />
        <TextField
          form={form}
          name="legalReference"
          label={t('breach.disclosure.legalReference')}
          hint={t('breach.disclosure.legalReferenceHint')}
          maxLength={500}
        />
        <TextField
          form={form}
          name="recipient"
          label={t('breach.disclosure.recipient')}
          maxLength={500}
          required
        />
        <TextField
          form={form}
          name="content"
          label={t('breach.disclosure.content')}
          hint={t('breach.disclosure.contentHint')}
          multiline
          maxLength={10000}
          required
        />
        <DateTimeField
          form={form}
          name="disclosedAt"
          label={t('breach.disclosure.disclosedAt')}
          required
        />
        <div className="actions">
          <SubmitButton form={form}>{t('breach.disclosure.submit')}</SubmitButton>
        </div>
      </Form>
      <p className="status-line" role="status" data-testid="disclosure-status">
        {done && say(done)}
      </p>
    </section>
  );
}
