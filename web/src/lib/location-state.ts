/**
 * Router state passed between pages (e.g. the identifier from sign-up to verification): kept out
 * of the address so contact details do not land in history or server logs. Untrusted input.
 */
export function stateString(state: unknown, key: string): string | null {
  if (typeof state !== 'object' || state === null) return null;
  const value = (state as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}
