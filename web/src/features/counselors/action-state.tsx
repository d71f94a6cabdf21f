import { useState } from 'react';
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

export function FailureAlert({ failure, testId }: { failure: Failure; testId: string }) {
  const { t } = useTranslation();
  const say = useMessage();
  return (
    <div className="form-alert" role="alert" data-testid={testId}>
      <p>{say(failure.message)}</p>
      {failure.detail && (
        <p className="form-alert__detail" lang="en" data-testid={`${testId}-detail`}>
          {t('counselors.upload.detail', { detail: failure.detail })}
        </p>
      )}
    </div>
  );
}
