import { useCallback, useEffect, useRef, useState, type SubmitEvent } from 'react';
import {
  formErrorsFromError,
  formErrorsFromIssues,
  noErrors,
  type FieldIssue,
  type FormErrors,
  type MessageOverrides,
} from './form-errors.ts';

export interface FormController<F extends string> {
  /** Prefix of every data-testid in the form: `<testId>-form`, `<testId>-<field>`, `…-submit`. */
  readonly testId: string;
  readonly fields: readonly F[];
  readonly values: Readonly<Record<F, string>>;
  readonly errors: FormErrors<F>;
  readonly submitting: boolean;
  /** A callback ref for the <form>, so focus can move to the first invalid field. */
  readonly bindForm: (element: HTMLFormElement | null) => void;
  setValue(name: F, value: string): void;
  setErrors(errors: FormErrors<F>): void;
  reset(values?: Partial<Record<F, string>>): void;
  /**
   * An onSubmit handler: validates in the browser first (with the server's own schema), then
   * runs `action`; a failure becomes errors beside the fields, and focus moves to the first
   * invalid field, or to the form's message when no field is at fault.
   */
  onSubmit(
    action: (values: Readonly<Record<F, string>>) => Promise<void>,
    options?: {
      validate?: (values: Readonly<Record<F, string>>) => FieldIssue[];
      overrides?: MessageOverrides;
    },
  ): (event: SubmitEvent<HTMLFormElement>) => void;
}

function filled<F extends string>(
  fields: readonly F[],
  values: Partial<Record<F, string>> = {},
): Record<F, string> {
  return Object.fromEntries(fields.map((name) => [name, values[name] ?? ''])) as Record<F, string>;
}

export function useForm<F extends string>(
  testId: string,
  fields: readonly F[],
  initial?: Partial<Record<F, string>>,
): FormController<F> {
  const [values, setValues] = useState(() => filled(fields, initial));
  const [errors, setErrors] = useState<FormErrors<F>>(noErrors);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const bindForm = useCallback((element: HTMLFormElement | null) => {
    formRef.current = element;
  }, []);

  useEffect(() => {
    if (attempt === 0) return;
    const target =
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      formRef.current?.querySelector<HTMLElement>('[data-form-error]');
    target?.focus();
  }, [attempt]);

  const fail = (next: FormErrors<F>) => {
    setErrors(next);
    setAttempt((count) => count + 1);
  };

  return {
    testId,
    fields,
    values,
    errors,
    submitting,
    bindForm,
    setValue: (name, value) => {
      setValues((current) => ({ ...current, [name]: value }));
      // Once edited, a field's old message no longer describes it.
      if (errors.fields[name]) {
        setErrors((current) => ({
          ...current,
          fields: Object.fromEntries(
            Object.entries(current.fields).filter(([field]) => field !== name),
          ) as FormErrors<F>['fields'],
        }));
      }
    },
    setErrors: fail,
    reset: (next) => {
      setValues(filled(fields, next));
      setErrors(noErrors());
    },
    onSubmit: (action, options = {}) => {
      return (event) => {
        event.preventDefault();
        if (submitting) return;
        const issues = options.validate?.(values) ?? [];
        if (issues.length > 0) {
          fail(formErrorsFromIssues(issues, fields));
          return;
        }
        setErrors(noErrors());
        setSubmitting(true);
        action(values).then(
          () => {
            setSubmitting(false);
          },
          (error: unknown) => {
            setSubmitting(false);
            fail(formErrorsFromError(error, fields, options.overrides));
          },
        );
      };
    },
  };
}

/** Empty inputs mean "not given": the shared schemas expect the key to be absent. */
export function omitEmpty<T extends Record<string, string>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values)
      .map(([key, value]) => [key, value.trim() === '' ? undefined : value])
      .filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
