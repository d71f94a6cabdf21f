import type { RecordContent } from '@anxin/common';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../../lib/api.ts';
import { DraftAutosave, type AutosaveSnapshot } from './draft-autosave.ts';
import { saveDraft } from './records-api.ts';

export interface DraftAutosaveHandle extends AutosaveSnapshot {
  edit: (content: RecordContent) => void;
  /** Saves what is not saved yet; the revision it is saved under, or null when it failed. */
  flush: () => Promise<number | null>;
}

const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/** Whether leaving the page now would lose typing. */
const unsaved = (status: AutosaveSnapshot['status']) =>
  status === 'pending' || status === 'saving' || status === 'error';

/**
 * The editor's autosave of one draft, from the revision it was opened at. Leaving the editor in
 * the app sends what is pending; closing the tab with unsaved typing asks first.
 */
export function useDraftAutosave(recordId: string, revision: number): DraftAutosaveHandle {
  const [autosave] = useState(
    () =>
      new DraftAutosave({
        revision,
        isConflict,
        save: async (content, base) => (await saveDraft(recordId, content, base)).draftRevision,
      }),
  );
  const snapshot = useSyncExternalStore(
    autosave.subscribe,
    autosave.getSnapshot,
    autosave.getSnapshot,
  );

  useEffect(
    () => () => {
      void autosave.flush();
    },
    [autosave],
  );

  const warn = unsaved(snapshot.status);
  useEffect(() => {
    if (!warn) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [warn]);

  return {
    ...snapshot,
    edit: (content) => {
      autosave.edit(content);
    },
    flush: () => autosave.flush(),
  };
}
