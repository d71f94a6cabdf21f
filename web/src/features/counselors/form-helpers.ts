import type { SubmitEvent } from 'react';
import type { Message } from '../../i18n/keys.ts';
import {
  formErrorsFromIssues,
  hasErrors,
  validateBody,
  type FieldIssue,
  type FormErrors,
  type MessageOverrides,
  type SafeParser,
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

type Values<F extends string> = Readonly<Record<F, string>>;

/** How a form becomes a request body, and what to say when the body is not valid. */
export interface SchemaCheck<F extends string, B> {
  /** The request schema shared with the server, run in the browser first. */
  schema: SafeParser;
  toBody: (values: Values<F>) => B;
  /** This form's words for its fields' problems ("required" stays as it is). */
  messages: Partial<Record<F, Message>>;
  /** Problems the schema cannot see, such as text typed where an amount belongs. */
  extra?: (values: Values<F>) => Partial<Record<F, Message>>;
}

/**
 * The submit handler of a form whose body a shared schema checks: the browser checks first,
 * with the form's own words; a valid body goes to `send`, and its failure beside the fields.
 */
export function schemaSubmit<F extends string, B>(
  form: FormController<F>,
  check: SchemaCheck<F, B>,
  send: (body: B) => Promise<void>,
  overrides?: MessageOverrides,
): (event: SubmitEvent<HTMLFormElement>) => void {
  return checkedSubmit(
    form,
    (values) =>
      errorsWithMessages(
        validateBody(check.schema, check.toBody(values)),
        form.fields,
        check.messages,
        check.extra?.(values),
      ),
    form.onSubmit((values) => send(check.toBody(values)), overrides ? { overrides } : {}),
  );
}
