import type { RecordContent } from '@anxin/common';

/**
 * - `idle`: nothing typed since the draft was opened;
 * - `pending`: edits wait for the pause that sends them;
 * - `saving`: a save is on its way;
 * - `saved`: the server holds everything typed;
 * - `conflict`: the draft was saved from elsewhere (409); nothing more is sent until reloaded;
 * - `error`: the last save failed; the edits are kept and go with the next attempt.
 */
export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'conflict' | 'error';

export interface AutosaveSnapshot {
  readonly status: AutosaveStatus;
  /** The revision the next save is based on (the server's answer to the last one). */
  readonly revision: number;
  readonly savedAt: Date | null;
  readonly error: unknown;
}

export interface Timers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

export interface AutosaveOptions {
  revision: number;
  /** Sends the content based on `revision`; answers the new revision. */
  save: (content: RecordContent, revision: number) => Promise<number>;
  /** Whether a failure means someone else saved in between (HTTP 409). */
  isConflict: (error: unknown) => boolean;
  /** The pause after the last keystroke before a save goes out. */
  delayMs?: number;
  timers?: Timers;
  now?: () => Date;
}

export const AUTOSAVE_DELAY_MS = 1500;

const browserTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

/**
 * Autosave of one draft. Saves go one at a time, each based on the revision the previous one
 * answered, so this tab never races itself; a save refused as stale (409) stops all saving, so
 * a draft changed elsewhere is never overwritten without the person deciding. Not React: the
 * editor subscribes to it (useSyncExternalStore), and tests drive it with fake timers.
 */
export class DraftAutosave {
  readonly #options: Required<Omit<AutosaveOptions, 'revision'>>;
  #snapshot: AutosaveSnapshot;
  #pending: RecordContent | null = null;
  #inFlight: Promise<boolean> | null = null;
  #timer: unknown = null;
  readonly #listeners = new Set<() => void>();

  constructor(options: AutosaveOptions) {
    this.#options = {
      save: options.save,
      isConflict: options.isConflict,
      delayMs: options.delayMs ?? AUTOSAVE_DELAY_MS,
      timers: options.timers ?? browserTimers,
      now: options.now ?? (() => new Date()),
    };
    this.#snapshot = { status: 'idle', revision: options.revision, savedAt: null, error: null };
  }

  readonly getSnapshot = (): AutosaveSnapshot => this.#snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  };

  /** The whole content after an edit; sent once typing pauses. */
  edit(content: RecordContent): void {
    if (this.#snapshot.status === 'conflict') return;
    this.#pending = content;
    if (!this.#inFlight) this.#set({ status: 'pending' });
    this.#schedule();
  }

  /**
   * Sends whatever is not saved yet, now, waiting for a save on its way first; answers the
   * revision everything typed is saved under, or null when that failed (the snapshot says why).
   * Signing calls this, so a signature always covers what is on the screen.
   */
  async flush(): Promise<number | null> {
    this.#clearTimer();
    for (;;) {
      if (this.#snapshot.status === 'conflict') return null;
      if (this.#inFlight) {
        await this.#inFlight;
        continue;
      }
      if (this.#pending === null) {
        return this.#snapshot.status === 'error' ? null : this.#snapshot.revision;
      }
      if (!(await this.#send())) return null;
    }
  }

  #set(change: Partial<AutosaveSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...change };
    for (const listener of this.#listeners) listener();
  }

  #clearTimer(): void {
    if (this.#timer === null) return;
    this.#options.timers.clear(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    this.#clearTimer();
    this.#timer = this.#options.timers.set(() => {
      this.#timer = null;
      // A save on its way sends the rest when it is answered (see #send).
      if (!this.#inFlight) void this.#send();
    }, this.#options.delayMs);
  }

  /** One save of the pending content; never rejects: the outcome is in the snapshot. */
  #send(): Promise<boolean> {
    const content = this.#pending;
    if (content === null) return Promise.resolve(true);
    this.#pending = null;
    this.#set({ status: 'saving', error: null });
    const run = this.#options.save(content, this.#snapshot.revision).then(
      (revision) => {
        this.#inFlight = null;
        const more = this.#pending !== null;
        this.#set({
          status: more ? 'pending' : 'saved',
          revision,
          savedAt: this.#options.now(),
        });
        // Edits typed meanwhile wait for their own pause, as any others.
        if (more && this.#timer === null) this.#schedule();
        return true;
      },
      (error: unknown) => {
        this.#inFlight = null;
        if (this.#options.isConflict(error)) {
          this.#clearTimer();
          this.#set({ status: 'conflict', error });
        } else {
          // Kept for the next attempt, unless newer edits already replaced them.
          this.#pending ??= content;
          this.#set({ status: 'error', error });
        }
        return false;
      },
    );
    this.#inFlight = run;
    return run;
  }
}
