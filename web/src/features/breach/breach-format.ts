/** Time left until a deadline, in whole hours and minutes; negative parts mean overdue. */
export function countdown(
  dueIso: string,
  now: number,
): { overdue: boolean; hours: number; minutes: number } {
  const ms = Date.parse(dueIso) - now;
  const abs = Math.abs(ms);
  return {
    overdue: ms < 0,
    hours: Math.floor(abs / 3_600_000),
    minutes: Math.floor((abs % 3_600_000) / 60_000),
  };
}

/** `datetime-local` input value (local wall time) to an ISO instant; null when empty or invalid. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** An instant as a `datetime-local` value in the browser's zone. */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Comma- or line-separated words to a clean list. */
export function splitList(value: string): string[] {
  return value
    .split(/[\s,，]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
