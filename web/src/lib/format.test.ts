import { describe, expect, it } from 'vitest';
import { formatDateTime, timeZones } from './format.ts';
import { qrDataUrl } from './qr.ts';

describe('formatDateTime', () => {
  const instant = '2025-03-09T16:30:00.000Z';

  it('shows the organisation’s clock time, not the machine’s (the suite runs in UTC)', () => {
    expect(formatDateTime(instant, 'en', 'Asia/Shanghai')).toContain('12:30');
    expect(formatDateTime(instant, 'en', 'America/New_York')).toContain('12:30');
    expect(formatDateTime(instant, 'en', 'Asia/Shanghai')).toContain('Mar 10');
    expect(formatDateTime(instant, 'en')).toContain('4:30');
  });

  it('adds seconds when asked for precision', () => {
    expect(formatDateTime('2025-03-09T16:30:07.000Z', 'en', 'UTC', true)).toContain('4:30:07');
  });

  it('writes Chinese dates for zh-CN', () => {
    expect(formatDateTime(instant, 'zh-CN', 'Asia/Shanghai')).toContain('2025年3月10日');
  });

  it('survives an unknown zone and a malformed instant', () => {
    expect(formatDateTime(instant, 'en', 'Mars/Olympus')).toContain('2025');
    expect(formatDateTime('not a date', 'en', 'UTC')).toBe('not a date');
  });
});

describe('timeZones', () => {
  it('offers the preferred zone first and UTC', () => {
    const zones = timeZones('Asia/Shanghai');
    expect(zones[0]).toBe('Asia/Shanghai');
    expect(zones).toContain('UTC');
    expect(new Set(zones).size).toBe(zones.length);
  });
});

describe('qrDataUrl', () => {
  it('renders an otpauth address as an SVG data URL (allowed by the CSP)', async () => {
    const url = await qrDataUrl('otpauth://totp/Anxin:Li?secret=JBSWY3DPEHPK3PXP&issuer=Anxin');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.split(',')[1] ?? '')).toContain('<svg');
  });
});
