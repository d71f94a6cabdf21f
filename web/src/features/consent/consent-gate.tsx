import type { Actor } from '@anxin/common';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { getPendingConsents } from './consent-api.ts';

/**
 * After sign-in a client with required documents to (re)accept is taken to the consent page
 * before anything else (A12, B10). The server's gate is what enforces; this only spares people
 * a refused booking. Checked once per person and page load, again after they sign.
 */
const known = new Map<string, boolean>();
/** Bumped when the person signs or withdraws: answers from before no longer count. */
let generation = 0;

/** The signing and withdrawal pages tell the gate the answer has changed. */
export function forgetPendingConsents(): void {
  known.clear();
  generation += 1;
}

/**
 * Pages that start no new processing: reading rules, privacy, account, help, and one's own
 * appointments (after a withdrawal the person must still see what was cancelled). The home page
 * is not among them, so the redirect happens right after sign-in.
 */
const EXEMPT = [
  /^\/consent(\/|$)/,
  /^\/privacy(\/|$)/,
  /^\/my\/privacy(\/|$)/,
  /^\/account(\/|$)/,
  /^\/help$/,
  /^\/appointments$/,
];

interface Answer {
  userId: string;
  generation: number;
  pending: boolean;
}

export function ConsentGate({ actor, children }: { actor: Actor | null; children: ReactNode }) {
  const { pathname, search } = useLocation();
  const client = actor?.roles.includes('client') === true;
  const userId = actor?.id ?? null;
  const [answer, setAnswer] = useState<Answer | null>(null);
  useEffect(() => {
    if (!client || !userId || known.has(userId)) return;
    const controller = new AbortController();
    const asked = generation;
    getPendingConsents(undefined, controller.signal).then(
      (list) => {
        const value = list.items.some((i) => i.required);
        if (asked === generation) known.set(userId, value);
        setAnswer({ userId, generation: asked, pending: value });
      },
      () => undefined,
    );
    return () => {
      controller.abort();
    };
  }, [client, userId, pathname]);
  const fresh = answer?.userId === userId && answer.generation === generation;
  const pending = userId ? (known.get(userId) ?? (fresh ? answer.pending : false)) : false;
  if (client && pending && !EXEMPT.some((re) => re.test(pathname))) {
    const next = encodeURIComponent(`${pathname}${search}`);
    return <Navigate to={`/consent?next=${next}`} replace />;
  }
  return <>{children}</>;
}
