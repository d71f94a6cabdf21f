import type { ChatMessage } from '@anxin/common';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FailureAlert, failureOf, type Failure } from '../counselors/action-state.tsx';
import { endRoom, reportConduct, type EndReason } from './sessions-api.ts';

interface DialogFrameProps {
  testId: string;
  heading: string;
  onClose: () => void;
  children: ReactNode;
}

/** A panel that takes focus when it opens and closes on Escape, like the scheduling dialogs. */
function DialogFrame({ testId, heading, onClose, children }: DialogFrameProps) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section
      className="panel panel--important dialog"
      role="dialog"
      aria-labelledby={headingId}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      {children}
    </section>
  );
}

interface ReportDialogProps {
  roomId: string;
  /** The message reported; null for behaviour in general. */
  message: ChatMessage | null;
  onClose: () => void;
  onDone: () => void;
}

/** A report to the administrators: the reason in the person's words, the message's excerpt. */
export function ReportDialog({ roomId, message, onClose, onDone }: ReportDialogProps) {
  const { t } = useTranslation();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const submit = () => {
    if (busy) return;
    const trimmed = reason.trim();
    if (!trimmed) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setFailure(null);
    reportConduct(roomId, {
      reason: trimmed,
      ...(message ? { messageSeq: message.seq } : {}),
    }).then(
      () => {
        setBusy(false);
        onDone();
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(failureOf(error));
      },
    );
  };

  return (
    <DialogFrame testId="report-dialog" heading={t('sessionRoom.report.heading')} onClose={onClose}>
      <p>{t('sessionRoom.report.lead')}</p>
      {message && (
        <blockquote className="report-excerpt" data-testid="report-excerpt">
          {message.body}
        </blockquote>
      )}
      <div className="field">
        <label htmlFor={reasonId} className="field__label">
          {t('sessionRoom.report.reason')}
        </label>
        <textarea
          id={reasonId}
          className="input input--multiline"
          rows={3}
          maxLength={2000}
          value={reason}
          aria-invalid={missing || undefined}
          data-testid="report-reason"
          onChange={(event) => {
            setReason(event.target.value);
            setMissing(false);
          }}
        />
        {missing && (
          <p className="field__error" role="alert">
            {t('sessionRoom.report.reasonMissing')}
          </p>
        )}
      </div>
      {failure && <FailureAlert failure={failure} testId="report-error" />}
      <div className="actions">
        <button
          type="button"
          className="button"
          data-testid="report-submit"
          aria-disabled={busy || undefined}
          onClick={submit}
        >
          {busy ? t('form.working') : t('sessionRoom.report.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('sessionRoom.dialog.close')}
        </button>
      </div>
    </DialogFrame>
  );
}

interface EndDialogProps {
  roomId: string;
  onClose: () => void;
}

/** The counselor ends the session: completed, or ended because it turned abusive (A6). */
export function EndDialog({ roomId, onClose }: EndDialogProps) {
  const { t } = useTranslation();
  const name = useId();
  const [reason, setReason] = useState<EndReason>('completed');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);

  const confirm = () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    endRoom(roomId, reason).then(
      () => {
        setBusy(false);
        onClose();
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(failureOf(error));
      },
    );
  };

  return (
    <DialogFrame testId="end-dialog" heading={t('sessionRoom.end.heading')} onClose={onClose}>
      <fieldset className="field fieldset">
        <legend className="field__label">{t('sessionRoom.end.reason')}</legend>
        {(['completed', 'abusive'] as const).map((value) => (
          <label key={value} className="checkbox">
            <input
              type="radio"
              name={name}
              value={value}
              checked={reason === value}
              data-testid={`end-reason-${value}`}
              onChange={() => {
                setReason(value);
              }}
            />{' '}
            {t(`sessionRoom.end.${value}`)}
          </label>
        ))}
      </fieldset>
      <p className={reason === 'abusive' ? 'form-alert' : 'notice'}>
        {reason === 'abusive'
          ? t('sessionRoom.end.abusiveNote')
          : t('sessionRoom.end.completedNote')}
      </p>
      {failure && <FailureAlert failure={failure} testId="end-error" />}
      <div className="actions">
        <button
          type="button"
          className="button button--danger"
          data-testid="end-confirm"
          aria-disabled={busy || undefined}
          onClick={confirm}
        >
          {busy ? t('form.working') : t('sessionRoom.end.confirm')}
        </button>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('sessionRoom.dialog.close')}
        </button>
      </div>
    </DialogFrame>
  );
}
