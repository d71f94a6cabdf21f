import { ASSESSMENTS, ASSESSMENT_CODES, type AssessmentCode } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/choice-fields.tsx';
import { FormPanel } from '../../components/form-panel.tsx';
import { useLocale } from '../../i18n/use-locale.ts';
import { useForm } from '../../lib/use-form.ts';
import { assignAssessment } from './assessments-api.ts';

const FIELDS = ['assessmentCode'] as const;

interface AssignFormProps {
  clientUserId: string;
  /** Loads the chart again, so the new questionnaire shows on the timeline. */
  onAssigned: () => Promise<void>;
}

/** The counselor gives the client a questionnaire; the client finds it under their own. */
export function AssignAssessmentForm({ clientUserId, onAssigned }: AssignFormProps) {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const form = useForm('assign-assessment', FIELDS, { assessmentCode: 'phq9' });
  const [done, setDone] = useState('');
  const title = (code: AssessmentCode) => ASSESSMENTS[code].title[locale];
  return (
    <FormPanel
      form={form}
      onSubmit={form.onSubmit(
        async ({ assessmentCode }) => {
          setDone('');
          const code = ASSESSMENT_CODES.find((known) => known === assessmentCode) ?? 'phq9';
          await assignAssessment(clientUserId, code);
          setDone(t('assessments.assign.done', { title: title(code) }));
          await onAssigned();
        },
        { overrides: { not_found: 'assessments.assign.noEpisode' } },
      )}
      heading={t('assessments.assign.heading')}
      level={3}
      intro={<p className="field__hint">{t('assessments.assign.intro')}</p>}
      submitLabel={t('assessments.assign.submit')}
      status={done}
      statusTestId="assign-assessment-done"
    >
      <SelectField
        form={form}
        name="assessmentCode"
        label={t('assessments.assign.instrument')}
        options={ASSESSMENT_CODES.map((code) => ({ value: code, label: title(code) }))}
      />
    </FormPanel>
  );
}
