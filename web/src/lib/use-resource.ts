import { useCallback, useEffect, useEffectEvent, useState } from 'react';

export type ResourceState<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

export type Resource<T> = ResourceState<T> & {
  /** Loads again, e.g. after a change made elsewhere. */
  reload: () => void;
  /** Shows data the caller already has, e.g. the answer of a PUT, without another GET. */
  replace: (data: T) => void;
};

/**
 * Data from one GET, loaded when `key` changes (null: nothing to load yet). An outdated answer
 * never overwrites a newer one: each load is aborted when the key changes or the page closes.
 */
export function useResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): Resource<T> {
  const [version, setVersion] = useState(0);
  const [settled, setSettled] = useState<{ tag: string; state: ResourceState<T> } | null>(null);
  const tag = `${version}\u0000${key ?? ''}`;
  const run = useEffectEvent((signal: AbortSignal) => load(signal));

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    const requested = `${version}\u0000${key}`;
    run(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted)
          setSettled({ tag: requested, state: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted)
          setSettled({ tag: requested, state: { status: 'error', error } });
      },
    );
    return () => {
      controller.abort();
    };
  }, [key, version]);

  const reload = useCallback(() => {
    setVersion((current) => current + 1);
  }, []);
  const replace = useCallback(
    (data: T) => {
      setSettled({ tag, state: { status: 'ready', data } });
    },
    [tag],
  );
  const state: ResourceState<T> = settled?.tag === tag ? settled.state : { status: 'loading' };
  return { ...state, reload, replace };
}
