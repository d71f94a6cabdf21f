import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageOverrides } from '../lib/form-errors.ts';
import type { ResourceState } from '../lib/use-resource.ts';
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

/** Something else a page waits for beside its main data, e.g. the labels it shows it with. */
export interface Prerequisite {
  ready: boolean;
  /** The failure, or null. */
  error: unknown;
  reload: () => void;
}

interface LoadedProps<T> {
  resource: ResourceState<T> & { reload: () => void };
  also?: readonly Prerequisite[];
  /** Its own words for some failures (a 404, say); null or undefined for the usual message. */
  failure?: (error: unknown) => ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * Loading, then the content once the resource and everything it needs are ready; a failure of
 * either is said with a way to try again.
 */
export function Loaded<T>({ resource, also = [], failure, children }: LoadedProps<T>) {
  const waiting = also.some((other) => !other.ready && other.error === null);
  return (
    <>
      {(resource.status === 'loading' || waiting) && <Loading />}
      {resource.status === 'error' &&
        (failure?.(resource.error) ?? (
          <LoadError error={resource.error} onRetry={resource.reload} />
        ))}
      {also.map(
        (other, index) =>
          other.error !== null && (
            <LoadError key={index} error={other.error} onRetry={other.reload} />
          ),
      )}
      {resource.status === 'ready' && also.every((other) => other.ready) && children(resource.data)}
    </>
  );
}
