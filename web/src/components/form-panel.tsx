import { useId, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormController } from '../lib/use-form.ts';
import { Form, SubmitButton } from './form.tsx';

interface FormPanelProps<F extends string> {
  form: FormController<F>;
  onSubmit: (event: SubmitEvent<HTMLFormElement>) => void;
  /** Names the form: the panel's heading, also the form's accessible name. */
  heading: ReactNode;
  /** h2 for a part of the page, h3 or h4 inside one. */
  level?: 2 | 3 | 4;
  /** The heading is for screen readers only (the context already says what the form is). */
  headingHidden?: boolean;
  /** The container's class: a panel by default, `subpanel` inside a card. */
  className?: string;
  /** Fields side by side on wide screens. */
  grid?: boolean;
  /** Shown between the heading and the fields. */
  intro?: ReactNode;
  submitLabel: ReactNode;
  /** Offers a cancel button (test id `<form>-cancel`) beside the submit button. */
  onCancel?: () => void;
  /** A polite line after the form, e.g. "saved"; rendered (empty) whenever its test id is given. */
  status?: ReactNode;
  statusTestId?: string;
  children: ReactNode;
}

/**
 * A titled form: heading, optional introduction, the fields, submit (and cancel) buttons, and a
 * status line announcing the outcome. The one layout of every create and edit form.
 */
export function FormPanel<F extends string>({
  form,
  onSubmit,
  heading,
  level = 2,
  headingHidden = false,
  className = 'panel',
  grid = false,
  intro,
  submitLabel,
  onCancel,
  status,
  statusTestId,
  children,
}: FormPanelProps<F>) {
  const { t } = useTranslation();
  const headingId = useId();
  const Heading = `h${String(level)}` as 'h2' | 'h3' | 'h4';
  return (
    <section className={className} aria-labelledby={headingId}>
      <Heading id={headingId} className={headingHidden ? 'visually-hidden' : undefined}>
        {heading}
      </Heading>
      {intro}
      <Form
        form={form}
        onSubmit={onSubmit}
        labelledBy={headingId}
        className={grid ? 'form--grid' : undefined}
      >
        {children}
        <div className="actions">
          <SubmitButton form={form}>{submitLabel}</SubmitButton>
          {onCancel && (
            <button
              type="button"
              className="button button--secondary"
              data-testid={`${form.testId}-cancel`}
              onClick={onCancel}
            >
              {t('common.cancel')}
            </button>
          )}
        </div>
      </Form>
      {statusTestId && (
        <p className="status-line" role="status" data-testid={statusTestId}>
          {status}
        </p>
      )}
    </section>
  );
}
