import {
  useId,
  type ChangeEvent,
  type HTMLAttributes,
  type ReactNode,
  type SubmitEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../i18n/keys.ts';
import type { FormController } from '../lib/use-form.ts';

/** `admin.email` → `admin-email`: test ids and element ids without dots. */
export function fieldSlug(name: string): string {
  return name.replace(/\./g, '-');
}

export function useMessage(): (message: Message) => string {
  const { t } = useTranslation();
  return (message) => t(message.key, message.values ?? {});
}

interface FormProps<F extends string> {
  form: FormController<F>;
  onSubmit: (event: SubmitEvent<HTMLFormElement>) => void;
  children: ReactNode;
  /** The id of the heading that names the form, when the page holds more than one. */
  labelledBy?: string;
  className?: string;
}

/**
 * A form with our conventions: no browser bubbles (their language is the browser's, not the
 * page's), one message for the whole form above the fields, test id `<testId>-form`.
 */
export function Form<F extends string>({
  form,
  onSubmit,
  children,
  labelledBy,
  className,
}: FormProps<F>) {
  const say = useMessage();
  // Taken apart first: the React compiler treats whatever feeds `ref` as a ref.
  const { bindForm, errors, submitting, testId } = form;
  const error = errors.form;
  return (
    <form
      ref={bindForm}
      className={className ? `form ${className}` : 'form'}
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={labelledBy}
      aria-busy={submitting}
      data-testid={`${testId}-form`}
    >
      {error && (
        <div
          className="form-alert"
          role="alert"
          tabIndex={-1}
          data-form-error=""
          data-testid={`${testId}-error`}
        >
          {say(error)}
        </div>
      )}
      {children}
    </form>
  );
}

export interface FieldShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error: Message | undefined;
  errorTestId: string;
  required?: boolean;
  children: (described: string | undefined) => ReactNode;
}

export function FieldShell({
  id,
  label,
  hint,
  error,
  errorTestId,
  required,
  children,
}: FieldShellProps) {
  const { t } = useTranslation();
  const say = useMessage();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label htmlFor={id} className="field__label">
        {label}
        {required && <span className="field__required"> {t('form.required')}</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {children(described)}
      {error && (
        <p id={errorId} className="field__error" data-testid={errorTestId}>
          {say(error)}
        </p>
      )}
    </div>
  );
}

type InputType = 'text' | 'email' | 'tel' | 'password' | 'date' | 'search' | 'url';

interface TextFieldProps<F extends string> {
  form: FormController<F>;
  name: F;
  label: string;
  hint?: ReactNode;
  type?: InputType;
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  maxLength?: number;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  /** Shown after the input, e.g. a unit ("yuan", "hours"); single-line inputs only. */
  suffix?: string;
}

/** A labelled input whose hint and error are tied to it with aria-describedby. */
export function TextField<F extends string>({
  form,
  name,
  label,
  hint,
  type = 'text',
  autoComplete,
  inputMode,
  maxLength,
  required = false,
  multiline = false,
  rows = 4,
  suffix,
}: TextFieldProps<F>) {
  const id = `${useId()}-${fieldSlug(name)}`;
  const error = form.errors.fields[name];
  const testId = `${form.testId}-${fieldSlug(name)}`;
  const onChange = (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    form.setValue(name, event.target.value);
  };
  return (
    <FieldShell
      id={id}
      label={label}
      hint={hint}
      error={error}
      errorTestId={`${testId}-error`}
      required={required}
    >
      {(described) => {
        const common = {
          id,
          name,
          value: form.values[name],
          onChange,
          maxLength,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': described,
          'aria-required': required || undefined,
          'data-testid': testId,
        };
        if (multiline) {
          return <textarea className="input input--multiline" rows={rows} {...common} />;
        }
        const input = (
          <input
            className={suffix ? 'input input--with-suffix' : 'input'}
            type={type}
            autoComplete={autoComplete}
            inputMode={inputMode}
            spellCheck={type === 'text' ? undefined : false}
            {...common}
          />
        );
        return suffix ? (
          <span className="input-suffix">
            {input}
            <span aria-hidden="true">{suffix}</span>
          </span>
        ) : (
          input
        );
      }}
    </FieldShell>
  );
}

interface SubmitButtonProps {
  form: Pick<FormController<string>, 'testId' | 'submitting'>;
  children: ReactNode;
  secondary?: boolean;
}

/** Stays enabled while busy (a disabled button drops focus); the form ignores a second submit. */
export function SubmitButton({ form, children, secondary = false }: SubmitButtonProps) {
  const { t } = useTranslation();
  return (
    <button
      type="submit"
      className={secondary ? 'button button--secondary' : 'button'}
      data-testid={`${form.testId}-submit`}
      aria-disabled={form.submitting || undefined}
    >
      {form.submitting ? t('form.working') : children}
    </button>
  );
}
