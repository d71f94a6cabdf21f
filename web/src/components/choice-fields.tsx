import { useId, type ReactNode } from 'react';
import type { FormController } from '../lib/use-form.ts';
import { FieldShell, fieldSlug, useMessage } from './form.tsx';

export interface SelectOption {
  value: string;
  label: string;
  lang?: string;
}

interface SelectFieldProps<F extends string> {
  form: FormController<F>;
  name: F;
  label: string;
  hint?: ReactNode;
  options: readonly SelectOption[];
  required?: boolean;
}

export function SelectField<F extends string>({
  form,
  name,
  label,
  hint,
  options,
  required = false,
}: SelectFieldProps<F>) {
  const id = `${useId()}-${fieldSlug(name)}`;
  const error = form.errors.fields[name];
  const testId = `${form.testId}-${fieldSlug(name)}`;
  return (
    <FieldShell
      id={id}
      label={label}
      hint={hint}
      error={error}
      errorTestId={`${testId}-error`}
      required={required}
    >
      {(described) => (
        <select
          id={id}
          name={name}
          className="input"
          value={form.values[name]}
          onChange={(event) => {
            form.setValue(name, event.target.value);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          data-testid={testId}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

interface CheckboxGroupProps<F extends string, V extends string> {
  form: FormController<F>;
  /** The field its errors are reported under, e.g. `roles`. */
  name: F;
  legend: string;
  hint?: ReactNode;
  options: readonly { value: V; label: string }[];
  selected: readonly V[];
  onChange: (next: V[]) => void;
}

/** Checkboxes in a fieldset; each box is `<testId>-<name>-<value>`. */
export function CheckboxGroup<F extends string, V extends string>({
  form,
  name,
  legend,
  hint,
  options,
  selected,
  onChange,
}: CheckboxGroupProps<F, V>) {
  const id = `${useId()}-${fieldSlug(name)}`;
  const say = useMessage();
  const error = form.errors.fields[name];
  const testId = `${form.testId}-${fieldSlug(name)}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const described = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={error ? 'field fieldset field--invalid' : 'field fieldset'}
      aria-describedby={described}
      data-testid={testId}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <ul className="checkboxes">
        {options.map((option) => {
          const boxId = `${id}-${option.value}`;
          const checked = selected.includes(option.value);
          return (
            <li key={option.value} className="checkbox">
              <input
                type="checkbox"
                id={boxId}
                name={name}
                value={option.value}
                checked={checked}
                aria-invalid={error ? true : undefined}
                data-testid={`${testId}-${option.value}`}
                onChange={() => {
                  onChange(
                    checked
                      ? selected.filter((value) => value !== option.value)
                      : [...selected, option.value],
                  );
                }}
              />
              <label htmlFor={boxId}>{option.label}</label>
            </li>
          );
        })}
      </ul>
      {error && (
        <p id={errorId} className="field__error" data-testid={`${testId}-error`}>
          {say(error)}
        </p>
      )}
    </fieldset>
  );
}
