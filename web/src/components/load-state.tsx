import { useTranslation } from 'react-i18next';
import type { MessageOverrides } from '../lib/form-errors.ts';
import { messageForError } from '../lib/form-errors.ts';
import { useMessage } from './form.tsx';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status" data-testid="loading">
      {t('common.loading')}
    </p>
  );
}

interface LoadErrorProps {
  error: unknown;
  onRetry?: () => void;
  overrides?: MessageOverrides;
  testId?: string;
}

/** A failed load, said in the page's language with a way to try again. */
export function LoadError({ error, onRetry, overrides, testId = 'load-error' }: LoadErrorProps) {
  const { t } = useTranslation();
  const say = useMessage();
  return (
    <div className="form-alert" role="alert" data-testid={testId}>
      <p>{say(messageForError(error, overrides))}</p>
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
