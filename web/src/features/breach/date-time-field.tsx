import { useId } from 'react';
import { FieldShell, fieldSlug } from '../../components/form.tsx';
import type { FormController } from '../../lib/use-form.ts';

/** A labelled `datetime-local` input (the shared TextField offers dates only). */
export function DateTimeField<F extends string>({
  form,
  name,
  label,
  hint,
  required = false,
}: {
  form: FormController<F>;
  name: F;
  label: string;
  hint?: string;
  required?: boolean;
}) {
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
        <input
          id={id}
          name={name}
          className="input"
          type="datetime-local"
          value={form.values[name]}
          onChange={(event) => {
            form.setValue(name, event.target.value);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          aria-required={required || undefined}
          data-testid={testId}
        />
      )}
    </FieldShell>
  );
}
