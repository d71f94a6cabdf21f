import {
  COUNSELOR_EVENTS,
  type CounselorEvent,
  type Locale,
  type VocabularyKind,
  type VocabularyTerm,
} from '@anxin/common';

/** Certificates this close to expiry are flagged to their holder and to administrators. */
export const EXPIRY_WARN_DAYS = 60;

/** The session types a fee is asked for, in the order the form shows them. */
export const SESSION_TYPES = ['intake', 'follow_up'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export function isSessionType(code: string): code is SessionType {
  return (SESSION_TYPES as readonly string[]).includes(code);
}

/** A term's label in the page's language, falling back to the other one when it is blank. */
export function termLabel(term: Pick<VocabularyTerm, 'labelZh' | 'labelEn'>, locale: string) {
  const [first, second] =
    locale === 'en' ? [term.labelEn, term.labelZh] : [term.labelZh, term.labelEn];
  return first.trim() || second;
}

/** The label of a code; an unknown code (a term deleted since) shows as the code itself. */
export function vocabularyLabel(
  terms: readonly VocabularyTerm[],
  kind: VocabularyKind,
  code: string,
  locale: string,
): string {
  const term = terms.find((candidate) => candidate.kind === kind && candidate.code === code);
  return term ? termLabel(term, locale) : code;
}

/** Labels of several codes, in the vocabulary's own order (not the order they were stored). */
export function vocabularyLabels(
  terms: readonly VocabularyTerm[],
  kind: VocabularyKind,
  codes: readonly string[],
  locale: string,
): string[] {
  const order = (code: string) => {
    const term = terms.find((candidate) => candidate.kind === kind && candidate.code === code);
    return term ? term.sortOrder : Number.MAX_SAFE_INTEGER;
  };
  return [...codes]
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((code) => vocabularyLabel(terms, kind, code, locale));
}

export interface TermOption {
  value: string;
  label: string;
}

/**
 * What a form offers for one kind: the active terms in their order, plus any retired term the
 * profile still holds, so it can be unticked rather than silently dropped.
 */
export function vocabularyOptions(
  terms: readonly VocabularyTerm[],
  kind: VocabularyKind,
  locale: string,
  selected: readonly string[] = [],
): TermOption[] {
  return terms
    .filter((term) => term.kind === kind && (term.active || selected.includes(term.code)))
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code))
    .map((term) => ({ value: term.code, label: termLabel(term, locale) }));
}

/** The biography in the page's language, else the other one, with the language it is in. */
export function localizedBio(
  bios: { bioZh: string; bioEn: string },
  locale: string,
): { text: string; lang: Locale } | null {
  const zh = { text: bios.bioZh.trim(), lang: 'zh-CN' as const };
  const en = { text: bios.bioEn.trim(), lang: 'en' as const };
  const [first, second] = locale === 'en' ? [en, zh] : [zh, en];
  if (first.text) return first;
  if (second.text) return second;
  return null;
}

/**
 * Up to two letters for an avatar without a photo: the first character of a Chinese name, or
 * the initials of the first two words of a Latin one.
 */
export function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '?';
  const words = trimmed.split(/\s+/);
  const firstOf = (word: string | undefined) => {
    const point = word?.codePointAt(0);
    return point === undefined ? '' : String.fromCodePoint(point);
  };
  const first = firstOf(words[0]);
  if (/\p{Script=Han}/u.test(first) || words.length === 1) return first.toUpperCase();
  return `${first}${firstOf(words[1])}`.toUpperCase();
}

export type ExpiryLevel = 'none' | 'ok' | 'soon' | 'expired';

/** How urgent a certificate's expiry is: `soon` within EXPIRY_WARN_DAYS, `none` if it never expires. */
export function expiryLevel(daysToExpiry: number | null): ExpiryLevel {
  if (daysToExpiry === null) return 'none';
  if (daysToExpiry < 0) return 'expired';
  if (daysToExpiry <= EXPIRY_WARN_DAYS) return 'soon';
  return 'ok';
}

/** Decisions that must say why: the reason is shown to the counselor and kept in the history. */
export const REASON_REQUIRED_EVENTS: readonly CounselorEvent[] = [
  'request_info',
  'reject',
  'suspend',
  'remove',
];
export const TRANSITION_REASON_MIN = 5;

/** The state changes among a profile's `actions`, in the order of the vetting flow. */
export function transitionEvents(actions: readonly string[]): CounselorEvent[] {
  return COUNSELOR_EVENTS.filter((event) => actions.includes(event));
}

/** Hours as typed ("1.5", "2") to a number with one decimal, or null. */
export function parseHours(text: string): number | null {
  const cleaned = text.trim().replace(/。/g, '.');
  if (!/^\d{1,4}(?:\.\d)?$/.test(cleaned)) return null;
  const [whole = '0', tenth = '0'] = cleaned.split('.');
  // Built from integers, so 0.1 + 0.2-style errors cannot reach the 0.1 multiple check.
  return (Number(whole) * 10 + Number(tenth)) / 10;
}

/** Hours for display: at most one decimal, no trailing ".0". */
export function formatHours(hours: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(hours);
}

/** The years a year switcher offers: this one and the `back` before it, newest first. */
export function recentYears(current: number, back = 5): number[] {
  return Array.from({ length: back + 1 }, (_, index) => current - index);
}

/** A year from the address, if it is a plausible one; else the fallback. */
export function yearFromParam(value: string | null, fallback: number): number {
  if (value === null || !/^\d{4}$/.test(value)) return fallback;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : fallback;
}

/** Reminder days typed as "60, 30, 7" (any separator) to numbers, largest first; null if invalid. */
export function parseDayList(text: string): number[] | null {
  const parts = text.split(/[\s,，、;；]+/).filter(Boolean);
  if (parts.length === 0 || parts.some((part) => !/^\d{1,3}$/.test(part))) return null;
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

/** A calendar date (YYYY-MM-DD) in the page's language; it has no time zone to convert. */
export function formatDay(isoDate: string, locale: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** This calendar year, on the browser's clock. */
export function currentYear(): number {
  return new Date().getFullYear();
}

/** How far along the yearly requirement is, 0 to 1 (a requirement of 0 is met). */
export function progressRatio(done: number, required: number): number {
  if (required <= 0) return 1;
  return Math.min(1, Math.max(0, done / required));
}
