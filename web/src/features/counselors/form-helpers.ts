import type { SubmitEvent } from 'react';
import type { Message } from '../../i18n/keys.ts';
import {
  formErrorsFromIssues,
  hasErrors,
  type FieldIssue,
  type FormErrors,
} from '../../lib/form-errors.ts';
import type { FormController } from '../../lib/use-form.ts';

/**
 * Issues as form errors, with this form's own words for its fields: the shared messages know
 * e-mail and password, not fees or certificate numbers. A missing value still says "required".
 */
export function errorsWithMessages<F extends string>(
  issues: readonly FieldIssue[],
  fields: readonly F[],
  messages: Partial<Record<F, Message>>,
  extra: Partial<Record<F, Message>> = {},
): FormErrors<F> {
  const errors = formErrorsFromIssues(issues, fields);
  for (const field of fields) {
    const current = errors.fields[field];
    const specific = messages[field];
    if (current && specific && current.key !== 'fieldErrors.required') {
      errors.fields[field] = specific;
    }
  }
  for (const field of fields) {
    const message = extra[field];
    if (message) errors.fields[field] ??= message;
  }
  if (Object.keys(errors.fields).length > 0 && errors.form?.key === 'errors.validation_failed') {
    errors.form = null;
  }
  return errors;
}

/**
 * Runs the form's own check first and shows its errors (focus moves to the first invalid
 * field); only a form that passes goes on to `submit`, the controller's onSubmit handler.
 */
export function checkedSubmit<F extends string>(
  form: FormController<F>,
  check: (values: Readonly<Record<F, string>>) => FormErrors<F>,
  submit: (event: SubmitEvent<HTMLFormElement>) => void,
): (event: SubmitEvent<HTMLFormElement>) => void {
  return (event) => {
    const errors = check(form.values);
    if (hasErrors(errors)) {
      event.preventDefault();
      if (!form.submitting) form.setErrors(errors);
      return;
    }
    submit(event);
  };
}
