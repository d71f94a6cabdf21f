import { useId } from 'react';
import { fieldSlug, useMessage } from '../../components/form.tsx';
import type { FormController } from '../../lib/use-form.ts';

/**
 * A single checkbox kept as a form value (`yes` or empty), so its error comes back from the
 * shared schema and the server like any other field's, under the box it concerns.
 */
export function AttestField<F extends string>({
  form,
  name,
  label,
}: {
  form: FormController<F>;
  name: F;
  label: string;
}) {
  const say = useMessage();
  const id = `${useId()}-${fieldSlug(name)}`;
  const error = form.errors.fields[name];
  const testId = `${form.testId}-${fieldSlug(name)}`;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={form.values[name] === 'yes'}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid={testId}
          onChange={(event) => {
            form.setValue(name, event.target.checked ? 'yes' : '');
          }}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {error && (
        <p id={`${id}-error`} className="field__error" data-testid={`${testId}-error`}>
          {say(error)}
        </p>
      )}
    </div>
  );
}
