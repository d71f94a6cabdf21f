import { useState } from 'react';
import type { Message } from '../i18n/keys.ts';
import { messageForError } from './form-errors.ts';
import { useResource, type ResourceState } from './use-resource.ts';

export interface Page<T, C> {
  items: T[];
  next: C | null;
}

export type Paged<T> = ResourceState<T[]> & {
  hasMore: boolean;
  loadingMore: boolean;
  moreError: Message | null;
  loadMore: () => void;
  reload: () => void;
};

/**
 * A list loaded page by page with a cursor ("load more"/"load older"). The first page follows
 * `key`; later pages are appended and forgotten when the key changes.
 */
export function usePaged<T, C>(
  key: string | null,
  load: (cursor: C | null, signal: AbortSignal) => Promise<Page<T, C>>,
): Paged<T> {
  const first = useResource(key, (signal) => load(null, signal));
  const [more, setMore] = useState<{ key: string | null; items: T[]; next: C | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Message | null>(null);
  const extra = more?.key === key ? more : null;

  if (first.status !== 'ready') {
    return {
      ...first,
      hasMore: false,
      loadingMore: false,
      moreError: null,
      loadMore: () => undefined,
    };
  }
  const items = extra ? [...first.data.items, ...extra.items] : first.data.items;
  const next = extra ? extra.next : first.data.next;
  const loadMore = () => {
    if (next === null || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    load(next, new AbortController().signal).then(
      (page) => {
        setMore({ key, items: [...(extra?.items ?? []), ...page.items], next: page.next });
        setLoadingMore(false);
      },
      (error: unknown) => {
        setMoreError(messageForError(error));
        setLoadingMore(false);
      },
    );
  };
  return {
    status: 'ready',
    data: items,
    hasMore: next !== null,
    loadingMore,
    moreError,
    loadMore,
    reload: () => {
      setMore(null);
      first.reload();
    },
  };
}
