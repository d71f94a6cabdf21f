/**
 * A small iCalendar (RFC 5545) writer: appointments only, so a dependency would add more than it
 * saves. Everything a calendar shows leaves the organisation (phones sync feeds to third-party
 * clouds), so callers pass no client name in any field.
 */

export interface IcsEvent {
  /** Stable per appointment, so an update replaces the event instead of adding one. */
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string | undefined;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED' | undefined;
  /** Bumped by the sender when an invitation is re-sent for a change (RFC 5546). */
  sequence?: number | undefined;
}

export interface IcsCalendar {
  /** REQUEST for an invitation (RFC 5546); none for a subscribed feed. */
  method?: 'REQUEST' | 'CANCEL' | undefined;
  name?: string | undefined;
  organizer?: { name: string; email: string } | undefined;
  attendee?: { email: string } | undefined;
  events: readonly IcsEvent[];
  /** DTSTAMP: when the calendar was written. */
  now: Date;
}

const CRLF = '\r\n';

/** UTC date-time form 19970714T173000Z. */
export function formatUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value (CN=…): quoted, with the characters a quoted value cannot hold removed. */
const paramValue = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`;

/**
 * Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character: Chinese
 * summaries are three octets a character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function eventLines(calendar: IcsCalendar, event: IcsEvent): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${event.uid}`,
    `DTSTAMP:${formatUtc(calendar.now)}`,
    `DTSTART:${formatUtc(event.startsAt)}`,
    `DTEND:${formatUtc(event.endsAt)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `STATUS:${event.status ?? 'CONFIRMED'}`,
  ];
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (calendar.organizer) {
    const { name, email } = calendar.organizer;
    lines.push(`ORGANIZER;CN=${paramValue(name)}:mailto:${email}`);
  }
  if (calendar.attendee) {
    lines.push(`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:${calendar.attendee.email}`);
  }
  lines.push('END:VEVENT');
  return lines;
}

/** The whole VCALENDAR, CRLF line ends, folded. */
export function buildCalendar(calendar: IcsCalendar): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Anxin//Scheduling//EN'];
  lines.push('CALSCALE:GREGORIAN');
  if (calendar.method) lines.push(`METHOD:${calendar.method}`);
  if (calendar.name) lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  for (const event of calendar.events) lines.push(...eventLines(calendar, event));
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** What a calendar shows for a session: the kind of event, never who the client is. */
export function sessionSummary(locale: 'zh-CN' | 'en', counselorName?: string): string {
  const base = locale === 'zh-CN' ? '咨询会谈' : 'Counseling session';
  if (!counselorName) return base;
  return locale === 'zh-CN' ? `${base}（${counselorName}）` : `${base} with ${counselorName}`;
}

export const appointmentUid = (appointmentId: string) => `${appointmentId}@anxin`;
