import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, sessionSummary } from './ics.ts';

const now = new Date('2026-11-29T10:00:00Z');
const event = {
  uid: '5b0f4a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b@anxin',
  startsAt: new Date('2026-12-01T06:00:00Z'),
  endsAt: new Date('2026-12-01T06:50:00Z'),
  summary: sessionSummary('zh-CN', '李老师'),
  description: 'Line one; with, commas\\and a backslash\nline two. '.repeat(4),
};

function parse(text: string) {
  const component = new ICAL.Component(ICAL.parse(text) as unknown[]);
  return { component, events: component.getAllSubcomponents('vevent') };
}

describe('ics', () => {
  it('writes an invitation a real iCalendar parser reads back field by field', () => {
    const text = buildCalendar({
      method: 'REQUEST',
      organizer: { name: '安心, Riverside', email: 'no-reply@anxin.test' },
      attendee: { email: 'li.lei@example.com' },
      events: [event],
      now,
    });
    const { component, events } = parse(text);
    expect(component.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
    expect(events).toHaveLength(1);
    const vevent = new ICAL.Event(events[0]);
    expect(vevent.uid).toBe(event.uid);
    expect(vevent.summary).toBe('咨询会谈（李老师）');
    expect(vevent.description).toBe(event.description);
    expect(vevent.startDate.toJSDate().toISOString()).toBe('2026-12-01T06:00:00.000Z');
    expect(vevent.endDate.toJSDate().toISOString()).toBe('2026-12-01T06:50:00.000Z');
    expect(vevent.startDate.zone.tzid).toBe('UTC');
    expect(vevent.organizer).toBe('mailto:no-reply@anxin.test');
    expect(events[0]?.getFirstProperty('organizer')?.getParameter('cn')).toBe('安心, Riverside');
  });

  it('uses CRLF line ends and folds every line at 75 octets without splitting a character', () => {
    const long = buildCalendar({ events: [{ ...event, summary: '咨询'.repeat(40) }], now });
    expect(long.endsWith('\r\n')).toBe(true);
    expect(long.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of long.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const summary = new ICAL.Event(parse(long).events[0]).summary;
    expect(summary).toBe('咨询'.repeat(40));
    expect(foldLine('a'.repeat(80))).toBe(`${'a'.repeat(75)}\r\n ${'a'.repeat(5)}`);
  });

  it('escapes text the way RFC 5545 says', () => {
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });

  it('names the session without the client, in both languages', () => {
    expect(sessionSummary('en')).toBe('Counseling session');
    expect(sessionSummary('zh-CN')).toBe('咨询会谈');
  });
});
