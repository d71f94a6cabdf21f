import {
  metaResponseSchema,
  sessionResponseSchema,
  type Actor,
  type MetaResponse,
  type SessionResponse,
} from '@anxin/common';
import { createContext, useContext } from 'react';
import { apiGet } from '../lib/api.ts';

export type { Actor };

/**
 * What the shell knows from the server. `degraded` means a request failed: the shell still
 * renders with its bundled strings and shows a notice instead of blocking.
 */
export interface ShellData {
  status: 'loading' | 'ready' | 'degraded';
  meta: MetaResponse | null;
  actor: Actor | null;
}

/** The shell data and the ways pages change it after sign-in, sign-out, MFA or set-up. */
export interface Shell extends ShellData {
  /** Takes the actor a sign-in, MFA or invitation answer carried, without another request. */
  setActor: (actor: Actor | null) => void;
  /** Asks the server again who is signed in (after sign-out elsewhere, role or MFA changes). */
  refreshSession: () => Promise<void>;
  /** Reloads meta and session, e.g. after the one-time set-up created the organisation. */
  reload: () => Promise<void>;
}

export const INITIAL_SHELL_DATA: ShellData = { status: 'loading', meta: null, actor: null };

export type ShellLoaders = {
  meta: (signal: AbortSignal) => Promise<MetaResponse>;
  session: (signal: AbortSignal) => Promise<SessionResponse>;
};

export const defaultLoaders: ShellLoaders = {
  meta: (signal) => apiGet('/api/v1/meta', metaResponseSchema, signal),
  session: (signal) => apiGet('/api/v1/session', sessionResponseSchema, signal),
};

/** Never rejects: each failure only degrades the part it concerns. */
export async function loadShellData(
  signal: AbortSignal,
  loaders: ShellLoaders = defaultLoaders,
): Promise<ShellData> {
  const [meta, session] = await Promise.allSettled([loaders.meta(signal), loaders.session(signal)]);
  const ok = meta.status === 'fulfilled' && session.status === 'fulfilled';
  return {
    status: ok ? 'ready' : 'degraded',
    meta: meta.status === 'fulfilled' ? meta.value : null,
    actor: session.status === 'fulfilled' ? session.value.actor : null,
  };
}

const noop = () => Promise.resolve();

export const ShellDataContext = createContext<Shell>({
  ...INITIAL_SHELL_DATA,
  setActor: () => undefined,
  refreshSession: noop,
  reload: noop,
});

export function useShellData(): Shell {
  return useContext(ShellDataContext);
}
