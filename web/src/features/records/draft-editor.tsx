import type { ClinicalRecord } from '@anxin/common';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from '../../components/form.tsx';
import { ApiError } from '../../lib/api.ts';
import { useForm, type FormController } from '../../lib/use-form.ts';
import { RecordFields } from './record-fields.tsx';
import { contentFields, contentOf, contentValues, recordFormErrors } from './record-form.ts';
import { signRecord } from './records-api.ts';
import { useDraftAutosave, type DraftAutosaveHandle } from './use-draft-autosave.ts';

interface DraftEditorProps {
  record: ClinicalRecord;
  onSigned: (record: ClinicalRecord) => void;
  /** Loads the draft again, as saved elsewhere (after a conflict). */
  onReload: () => void;
}

/**
 * A draft: the template's fields, saved as the counselor types (a pause of 1.5 s), and signed
 * after a confirmation. The signature is based on the revision the last save answered, so what
 * is signed is what is on the screen.
 */
export function DraftEditor({ record, onSigned, onReload }: DraftEditorProps) {
  const { t } = useTranslation();
  const fields = record.template.fields;
  const [names] = useState(() => contentFields(fields));
  const form = useForm<string>('record-editor', names, contentValues(fields, record.draft));
  const autosave = useDraftAutosave(record.id, record.draftRevision);
  const [confirming, setConfirming] = useState(false);
  const [signing, setSigning] = useState(false);
  const [signConflict, setSignConflict] = useState(false);
  const signButton = useRef<HTMLButtonElement>(null);
  const conflict = autosave.status === 'conflict' || signConflict;

  // Every edit goes to the form and, as whole content, to the autosave.
  const editing: FormController<string> = {
    ...form,
    submitting: signing,
    setValue: (name, value) => {
      form.setValue(name, value);
      autosave.edit(contentOf(fields, { ...form.values, [name]: value }));
    },
  };

  const sign = async () => {
    setSigning(true);
    const revision = await autosave.flush();
    if (revision === null) {
      // The save's own status (conflict or failure) says why nothing was signed.
      setSigning(false);
      setConfirming(false);
      return;
    }
    try {
      onSigned(await signRecord(record.id, revision));
    } catch (error) {
      setSigning(false);
      setConfirming(false);
      if (error instanceof ApiError && error.status === 409) setSignConflict(true);
      else form.setErrors(recordFormErrors(error, names));
    }
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!conflict) setConfirming(true);
  };

  return (
    <section className="record-editor" data-testid="record-editor">
      {conflict && <ConflictNotice onReload={onReload} />}
      <Form form={editing} onSubmit={onSubmit}>
        <RecordFields form={editing} fields={fields} />
        <div className="record-editor__bar">
          <AutosaveStatus autosave={autosave} />
          <div className="actions">
            <button
              ref={signButton}
              type="submit"
              className="button"
              data-testid="record-sign"
              aria-disabled={conflict || confirming || undefined}
            >
              {t('records.editor.sign')}
            </button>
          </div>
          {confirming && (
            <SignConfirm
              busy={signing}
              onConfirm={() => {
                void sign();
              }}
              onCancel={() => {
                setConfirming(false);
                signButton.current?.focus();
              }}
            />
          )}
        </div>
      </Form>
    </section>
  );
}

/** Where the autosave stands, politely announced; a failed save can be tried again at once. */
function AutosaveStatus({ autosave }: { autosave: DraftAutosaveHandle }) {
  const { t, i18n } = useTranslation();
  const time = autosave.savedAt
    ? new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(autosave.savedAt)
    : '';
  const text = {
    idle: t('records.autosave.idle'),
    pending: t('records.autosave.pending'),
    saving: t('records.autosave.saving'),
    saved: t('records.autosave.saved', { time }),
    error: t('records.autosave.error'),
    conflict: t('records.autosave.conflict'),
  }[autosave.status];
  return (
    <div className="record-editor__status">
      <p
        className="status-line"
        role="status"
        data-testid="autosave-status"
        data-status={autosave.status}
      >
        {text}
      </p>
      {autosave.status === 'error' && (
        <button
          type="button"
          className="button button--secondary button--small"
          data-testid="autosave-retry"
          onClick={() => {
            void autosave.flush();
          }}
        >
          {t('records.autosave.retry')}
        </button>
      )}
    </div>
  );
}

/** Saved elsewhere since this page opened: saving stopped so neither version is lost. */
function ConflictNotice({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-alert" role="alert" data-testid="draft-conflict">
      <p>{t('records.conflict.body')}</p>
      <button
        type="button"
        className="button button--secondary"
        data-testid="draft-reload"
        onClick={onReload}
      >
        {t('records.conflict.reload')}
      </button>
    </div>
  );
}

interface SignConfirmProps {
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Signing cannot be undone (only amended): said, and confirmed, first. */
function SignConfirm({ busy, onConfirm, onCancel }: SignConfirmProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section
      className="panel panel--important"
      role="group"
      aria-labelledby={headingId}
      data-testid="sign-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('records.sign.heading')}
      </h2>
      <p>{t('records.sign.body')}</p>
      <div className="actions">
        <button
          type="button"
          className="button"
          data-testid="sign-confirm-submit"
          aria-disabled={busy || undefined}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {busy ? t('form.working') : t('records.sign.confirm')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="sign-confirm-cancel"
          onClick={onCancel}
        >
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
