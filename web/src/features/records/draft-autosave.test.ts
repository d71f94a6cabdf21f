import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftAutosave, type AutosaveOptions } from './draft-autosave.ts';

class Conflict extends Error {}

/** A save the test answers by hand, to look at the states in between. */
function deferredSaves() {
  const calls: {
    content: Record<string, string>;
    revision: number;
    resolve: (revision: number) => void;
    reject: (error: unknown) => void;
  }[] = [];
  const save: AutosaveOptions['save'] = (content, revision) =>
    new Promise((resolve, reject) => {
      calls.push({ content, revision, resolve, reject });
    });
  return { calls, save };
}

function autosave(save: AutosaveOptions['save'], revision = 0) {
  return new DraftAutosave({
    revision,
    save,
    isConflict: (error) => error instanceof Conflict,
    delayMs: 1500,
    now: () => new Date('2030-01-01T00:00:00Z'),
  });
}

describe('DraftAutosave', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for a pause in typing, then sends the latest content once', async () => {
    const { calls, save } = deferredSaves();
    const draft = autosave(save, 3);
    expect(draft.getSnapshot().status).toBe('idle');
    draft.edit({ subjective: 'S' });
    await vi.advanceTimersByTimeAsync(1000);
    draft.edit({ subjective: 'Sl' });
    await vi.advanceTimersByTimeAsync(1000);
    draft.edit({ subjective: 'Sleep' });
    expect(draft.getSnapshot().status).toBe('pending');
    await vi.advanceTimersByTimeAsync(1499);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => [c.content, c.revision])).toEqual([[{ subjective: 'Sleep' }, 3]]);
    expect(draft.getSnapshot().status).toBe('saving');
    calls[0]?.resolve(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(draft.getSnapshot()).toMatchObject({ status: 'saved', revision: 4 });
    expect(draft.getSnapshot().savedAt).toEqual(new Date('2030-01-01T00:00:00Z'));
  });

  it('bases each save on the revision the previous one answered, one at a time', async () => {
    const { calls, save } = deferredSaves();
    const draft = autosave(save, 0);
    draft.edit({ plan: 'a' });
    await vi.advanceTimersByTimeAsync(1500);
    draft.edit({ plan: 'ab' });
    await vi.advanceTimersByTimeAsync(1500);
    // The second pause came while the first save was still out: nothing sent beside it.
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(draft.getSnapshot()).toMatchObject({ status: 'pending', revision: 1 });
    await vi.advanceTimersByTimeAsync(1500);
    expect(calls.map((c) => [c.content, c.revision])).toEqual([
      [{ plan: 'a' }, 0],
      [{ plan: 'ab' }, 1],
    ]);
  });

  it('stops saving on a conflict, whatever is typed after', async () => {
    const { calls, save } = deferredSaves();
    const draft = autosave(save, 5);
    const seen: string[] = [];
    draft.subscribe(() => seen.push(draft.getSnapshot().status));
    draft.edit({ plan: 'mine' });
    await vi.advanceTimersByTimeAsync(1500);
    calls[0]?.reject(new Conflict());
    await vi.advanceTimersByTimeAsync(0);
    expect(draft.getSnapshot().status).toBe('conflict');
    draft.edit({ plan: 'mine, more' });
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(1);
    expect(await draft.flush()).toBeNull();
    expect(seen).toEqual(['pending', 'saving', 'conflict']);
  });

  it('keeps the edits of a failed save and sends them with the next attempt', async () => {
    const { calls, save } = deferredSaves();
    const draft = autosave(save, 0);
    draft.edit({ plan: 'x' });
    await vi.advanceTimersByTimeAsync(1500);
    calls[0]?.reject(new Error('offline'));
    await vi.advanceTimersByTimeAsync(0);
    expect(draft.getSnapshot().status).toBe('error');
    const flushed = draft.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[1]?.content).toEqual({ plan: 'x' });
    calls[1]?.resolve(1);
    expect(await flushed).toBe(1);
    expect(draft.getSnapshot().status).toBe('saved');
  });

  it('flushes at once for a signature, after the save already on its way', async () => {
    const { calls, save } = deferredSaves();
    const draft = autosave(save, 0);
    draft.edit({ plan: 'first' });
    await vi.advanceTimersByTimeAsync(1500);
    draft.edit({ plan: 'first and last' });
    const flushed = draft.flush();
    calls[0]?.resolve(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[1]).toMatchObject({ content: { plan: 'first and last' }, revision: 1 });
    calls[1]?.resolve(2);
    expect(await flushed).toBe(2);
    // Nothing left for the timer to send.
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toHaveLength(2);
  });

  it('answers the current revision when nothing is pending', async () => {
    const draft = autosave(() => Promise.reject(new Error('not called')), 7);
    expect(await draft.flush()).toBe(7);
  });
});
