import { UPLOAD_MAX_BYTES } from '@anxin/common';
import { useId, useRef, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldShell, fieldSlug, useMessage } from '../../components/form.tsx';
import type { FormController } from '../../lib/use-form.ts';
import { failureOf, type Failure } from './action-state.tsx';
import { initials as initialsOf } from './counselor-format.ts';

interface InputFieldProps<F extends string> {
  form: FormController<F>;
  name: F;
  label: string;
  hint?: ReactNode;
  type?: 'text' | 'url' | 'date' | 'search';
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  autoComplete?: string;
  maxLength?: number;
  required?: boolean;
  /** Shown after the input, e.g. the unit "yuan". */
  suffix?: string;
}

/**
 * A labelled input for the values the shared TextField does not cover: amounts (decimal
 * keyboard), links, and numbers with a unit after them.
 */
export function InputField<F extends string>({
  form,
  name,
  label,
  hint,
  type = 'text',
  inputMode,
  autoComplete = 'off',
  maxLength,
  required = false,
  suffix,
}: InputFieldProps<F>) {
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
      {(described) => {
        const input = (
          <input
            id={id}
            name={name}
            className={suffix ? 'input input--with-suffix' : 'input'}
            type={type}
            inputMode={inputMode}
            autoComplete={autoComplete}
            spellCheck={type === 'text' ? undefined : false}
            maxLength={maxLength}
            value={form.values[name]}
            onChange={(event) => {
              form.setValue(name, event.target.value);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            aria-required={required || undefined}
            data-testid={testId}
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
  const say = useMessage();
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
        <div id={errorId} className="field__error" role="alert" data-testid={`${testId}-error`}>
          <p>{say(failure.message)}</p>
          {failure.detail && (
            <p className="field__detail" lang="en" data-testid={`${testId}-detail`}>
              {t('counselors.upload.detail', { detail: failure.detail })}
            </p>
          )}
        </div>
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
