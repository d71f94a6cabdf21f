import { UPLOAD_MAX_BYTES } from '@anxin/common';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/form.tsx';
import type { FormController } from '../../lib/use-form.ts';
import { FailureAlert, failureOf, type Failure } from './action-state.tsx';
import { initials as initialsOf } from './counselor-format.ts';

type Unit = 'yuan' | 'hours' | 'years' | 'months' | 'days';

interface AmountFieldProps<F extends string> {
  form: FormController<F>;
  name: F;
  label: string;
  hint?: ReactNode;
  /** Shown after the input. */
  unit?: Unit;
  /** One decimal allowed (1.5 hours, 299.50 yuan): the keyboard offers the point. */
  decimal?: boolean;
  maxLength: number;
  required?: boolean;
}

/**
 * A number typed as text, so what was typed ("1.5", "三百") can be checked and explained
 * rather than silently coerced; the keyboard is numeric and the unit stands after it.
 */
export function AmountField<F extends string>({
  form,
  name,
  label,
  hint,
  unit,
  decimal = false,
  maxLength,
  required = false,
}: AmountFieldProps<F>) {
  const { t } = useTranslation();
  return (
    <TextField
      form={form}
      name={name}
      label={label}
      hint={hint}
      inputMode={decimal ? 'decimal' : 'numeric'}
      autoComplete="off"
      maxLength={maxLength}
      suffix={unit ? t(`counselors.units.${unit}`) : undefined}
      required={required}
    />
  );
}

interface FileUploadProps {
  testId: string;
  label: string;
  hint?: string;
  /** The `accept` attribute: what the picker offers (the server checks the content anyway). */
  accept: string;
  upload: (file: File) => Promise<void>;
  onUploaded: () => Promise<void> | void;
  buttonLabel?: string;
}

/**
 * Picks one file and sends it. Oversized files are refused before sending; the server's
 * answer on a wrong type (415) or a too-large body (413) is shown with its detail.
 */
export function FileUpload({
  testId,
  label,
  hint,
  accept,
  upload,
  onUploaded,
  buttonLabel,
}: FileUploadProps) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState(false);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [failure ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ');

  const send = () => {
    if (busy) return;
    setDone(false);
    if (!file) {
      setFailure({ message: { key: 'counselors.upload.choose' }, detail: null });
      input.current?.focus();
      return;
    }
    if (file.size > UPLOAD_MAX_BYTES) {
      setFailure({ message: { key: 'counselors.upload.tooLarge' }, detail: null });
      input.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    upload(file)
      .then(async () => {
        setFile(null);
        if (input.current) input.current.value = '';
        setDone(true);
        await onUploaded();
      })
      .catch((error: unknown) => {
        setFailure(failureOf(error));
      })
      .finally(() => {
        setBusy(false);
      });
  };

  return (
    <div className={failure ? 'field field--invalid upload' : 'field upload'} data-testid={testId}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <div className="upload__row">
        <input
          ref={input}
          id={id}
          type="file"
          accept={accept}
          className="upload__input"
          aria-invalid={failure ? true : undefined}
          aria-describedby={described || undefined}
          data-testid={`${testId}-input`}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setFailure(null);
            setDone(false);
          }}
        />
        <button
          type="button"
          className="button button--secondary button--small"
          aria-disabled={busy || undefined}
          data-testid={`${testId}-submit`}
          onClick={send}
        >
          {busy ? t('form.working') : (buttonLabel ?? t('counselors.upload.submit'))}
        </button>
      </div>
      {failure && (
        <FailureAlert
          failure={failure}
          testId={`${testId}-error`}
          detailTestId={`${testId}-detail`}
          fieldErrorId={errorId}
        />
      )}
      <p className="status-line" role="status" data-testid={`${testId}-done`}>
        {done && t('counselors.upload.done')}
      </p>
    </div>
  );
}

/** A person's photo, or their initials in a circle when there is none (decorative either way). */
export function Avatar({
  name,
  photoUrl,
  size = 'medium',
}: {
  name: string;
  photoUrl: string | null;
  size?: 'medium' | 'large';
}) {
  const { t } = useTranslation();
  const className = size === 'large' ? 'avatar avatar--large' : 'avatar';
  if (photoUrl) {
    return (
      <img
        className={className}
        src={photoUrl}
        alt={t('counselors.photoAlt', { name })}
        loading="lazy"
        width={size === 'large' ? 128 : 72}
        height={size === 'large' ? 128 : 72}
      />
    );
  }
  return (
    <span className={`${className} avatar--initials`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}

/** Labels as a row of small tags (a list, so screen readers announce how many). */
export function TagList({ items, label }: { items: readonly string[]; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="tags" aria-label={label}>
      {items.map((item) => (
        <li key={item} className="tag">
          {item}
        </li>
      ))}
    </ul>
  );
}

/**
 * The photo's address with the profile's version, so a replaced photo is fetched anew rather
 * than shown from the browser's image cache under the same address.
 */
export function versionedPhoto(profile: { photoUrl: string | null; updatedAt: string }) {
  if (!profile.photoUrl) return null;
  const separator = profile.photoUrl.includes('?') ? '&' : '?';
  return `${profile.photoUrl}${separator}v=${encodeURIComponent(profile.updatedAt)}`;
}
