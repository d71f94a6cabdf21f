import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessage } from '../../components/form.tsx';
import type { Message } from '../../i18n/keys.ts';
import { ApiError } from '../../lib/api.ts';
import { messageForError } from '../../lib/form-errors.ts';

export interface Failure {
  message: Message;
  /** The server's own explanation, for a refused state change or upload (English). */
  detail: string | null;
}

const DETAILED = new Set(['invalid_transition', 'file_type_not_allowed', 'payload_too_large']);

export function failureOf(error: unknown): Failure {
  const detail =
    error instanceof ApiError && DETAILED.has(error.code) ? (error.detail ?? null) : null;
  return { message: messageForError(error), detail };
}

export interface ActionState {
  /** Which action is running, if any: buttons say "working" and ignore clicks meanwhile. */
  busy: string | null;
  failure: Failure | null;
  done: Message | null;
  /** Runs `action`; `success` is announced unless the action answers `false` (it said why). */
  run: (id: string, action: () => Promise<unknown>, success?: Message) => void;
  clear: () => void;
}

/** One-click actions (submit, confirm, delete): one running at a time, the outcome announced. */
export function useActionState(): ActionState {
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<Message | null>(null);
  return {
    busy,
    failure,
    done,
    run: (id, action, success) => {
      if (busy !== null) return;
      setBusy(id);
      setFailure(null);
      setDone(null);
      action().then(
        (result) => {
          setBusy(null);
          if (success && result !== false) setDone(success);
        },
        (error: unknown) => {
          setBusy(null);
          setFailure(failureOf(error));
        },
      );
    },
    clear: () => {
      setFailure(null);
      setDone(null);
    },
  };
}

/** Where an action's outcome is said: an alert for a failure, a polite status for success. */
export function ActionOutcome({ state, testId }: { state: ActionState; testId: string }) {
  const say = useMessage();
  return (
    <>
      {state.failure && <FailureAlert failure={state.failure} testId={`${testId}-error`} />}
      <p className="status-line" role="status" data-testid={`${testId}-done`}>
        {state.done && say(state.done)}
      </p>
    </>
  );
}

interface FailureAlertProps {
  failure: Failure;
  testId: string;
  /** Under a field (styled as the field's error, with this id for aria-describedby). */
  fieldErrorId?: string;
  detailTestId?: string;
}

export function FailureAlert({
  failure,
  testId,
  fieldErrorId,
  detailTestId = `${testId}-detail`,
}: FailureAlertProps) {
  const { t } = useTranslation();
  const say = useMessage();
  const inField = fieldErrorId !== undefined;
  return (
    <div
      id={fieldErrorId}
      className={inField ? 'field__error' : 'form-alert'}
      role="alert"
      data-testid={testId}
    >
      <p>{say(failure.message)}</p>
      {failure.detail && (
        <p
          className={inField ? 'field__detail' : 'form-alert__detail'}
          lang="en"
          data-testid={detailTestId}
        >
          {t('counselors.upload.detail', { detail: failure.detail })}
        </p>
      )}
    </div>
  );
}

/** A button's classes: secondary unless it is the main action; small inside a card. */
export function buttonClass(primary: boolean, small: boolean): string {
  return ['button', primary ? '' : 'button--secondary', small ? 'button--small' : '']
    .filter(Boolean)
    .join(' ');
}

interface ActionButtonProps {
  state: ActionState;
  /** Which action this is; the button says "working" while it runs. */
  id: string;
  testId: string;
  label: ReactNode;
  action: () => Promise<unknown>;
  success?: Message;
  small?: boolean;
  primary?: boolean;
}

/** A button for a one-click action; ignored (aria-disabled) while any action of its state runs. */
export function ActionButton({
  state,
  id,
  testId,
  label,
  action,
  success,
  small = false,
  primary = false,
}: ActionButtonProps) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={buttonClass(primary, small)}
      data-testid={testId}
      aria-disabled={state.busy !== null || undefined}
      onClick={() => {
        state.run(id, action, success);
      }}
    >
      {state.busy === id ? t('form.working') : label}
    </button>
  );
}
