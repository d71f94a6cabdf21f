import { LOCALES, type Locale } from '@anxin/common';
import { describe, expect, it } from 'vitest';
import {
  renderNotification,
  TEMPLATE_NAMES,
  TemplateRenderError,
  type NotificationChannel,
  type TemplateName,
  type TemplateParams,
} from './notification.templates.ts';

const SAMPLES: TemplateParams = {
  verification_code: { code: '482913', minutes: 10 },
  password_reset: { link: 'https://anxin.example/reset#t=Zx81', minutes: 30 },
  invitation: {
    link: 'https://anxin.example/invite#t=Qk22',
    organizationName: 'Riverside Counseling',
    roles: ['counselor', 'supervisor'],
    hours: 72,
  },
  account_exists: {
    signInLink: 'https://anxin.example/sign-in',
    resetLink: 'https://anxin.example/reset',
  },
  break_glass_opened: { actorName: 'Wang Fang', resourceType: 'clinical_note', minutes: 60 },
  sign_in_locked: { minutes: 15 },
  counselor_review_decision: { status: 'more_info_requested' },
  counselor_suspended: { cause: 'qualification_expired' },
  counselor_suspended_admin: { counselorName: 'Li Wei', cause: 'recheck_overdue' },
  credential_reminder: { kind: 'qualification', dueOn: '2027-03-31', days: 30 },
  counselor_standing_notice: { kind: 'warning' },
  appointment_confirmed: {
    counselorName: 'Li Wei',
    startsAt: '2026-12-01T06:00:00.000Z',
    deadline: '2026-11-30T06:00:00.000Z',
    timeZone: 'Asia/Shanghai',
  },
  appointment_cancelled: {
    counselorName: 'Li Wei',
    startsAt: '2026-12-01T06:00:00.000Z',
    timeZone: 'Asia/Shanghai',
    by: 'organization',
  },
  appointment_reminder: {
    counselorName: 'Li Wei',
    startsAt: '2026-12-01T06:00:00.000Z',
    deadline: '2026-11-30T06:00:00.000Z',
    timeZone: 'Asia/Shanghai',
    hoursBefore: 24,
  },
  appointment_pending_approval: {
    counselorName: 'Li Wei',
    startsAt: '2026-12-01T06:00:00.000Z',
    timeZone: 'Asia/Shanghai',
  },
  breach_notice: {
    nature: 'A misdirected export',
    categories: ['contact', 'appointments'],
    remediation: 'Recalled the file',
    contact: 'privacy@anxin.example',
    discoveredAt: '2026-12-01T06:00:00.000Z',
    timeZone: 'Asia/Shanghai',
  },
  breach_overdue: {
    title: 'Lost laptop',
    deadline: 'report',
    dueAt: '2026-12-01T06:00:00.000Z',
    timeZone: 'Asia/Shanghai',
  },
  conduct_reported: { reporterRole: 'client' },
};

/** The values each template must show in its e-mail body; the SMS must carry the ones marked. */
const MUST_SHOW: { [T in TemplateName]: { email: string[]; sms: string[] } } = {
  verification_code: { email: ['482913', '10'], sms: ['482913', '10'] },
  password_reset: {
    email: [SAMPLES.password_reset.link, '30'],
    sms: [SAMPLES.password_reset.link],
  },
  invitation: {
    email: [SAMPLES.invitation.link, 'Riverside Counseling', '72'],
    sms: [SAMPLES.invitation.link],
  },
  account_exists: {
    email: [SAMPLES.account_exists.signInLink, SAMPLES.account_exists.resetLink],
    sms: [],
  },
  break_glass_opened: { email: ['Wang Fang', 'clinical_note', '60'], sms: ['Wang Fang', '60'] },
  sign_in_locked: { email: ['15'], sms: ['15'] },
  counselor_review_decision: { email: [], sms: [] },
  counselor_suspended: { email: [], sms: [] },
  counselor_suspended_admin: { email: ['Li Wei'], sms: ['Li Wei'] },
  credential_reminder: { email: ['2027-03-31', '30'], sms: ['2027-03-31'] },
  counselor_standing_notice: { email: [], sms: [] },
  // 06:00 UTC is 14:00 in Shanghai; the deadline a day before, stated in full.
  appointment_confirmed: { email: ['Li Wei', '14:00', '30', 'Asia/Shanghai'], sms: ['14:00'] },
  appointment_cancelled: { email: ['Li Wei', '14:00'], sms: ['14:00'] },
  appointment_reminder: { email: ['Li Wei', '14:00', '30'], sms: ['14:00'] },
  appointment_pending_approval: { email: ['Li Wei', '14:00'], sms: ['14:00'] },
  breach_notice: {
    email: ['A misdirected export', 'Recalled the file', 'privacy@anxin.example', '14:00'],
    sms: ['privacy@anxin.example'],
  },
  breach_overdue: { email: ['Lost laptop', '14:00'], sms: ['Lost laptop'] },
  // Deliberately nothing of the report itself: mail is not a safe place for it.
  conduct_reported: { email: [], sms: [] },
};

const CHANNELS: NotificationChannel[] = ['email', 'sms', 'in_app'];
const LEFTOVER = /\{|\}|undefined|NaN|\[object |null/;
const HAN = /\p{Script=Han}/u;

const render = (locale: Locale, template: TemplateName, channel: NotificationChannel) =>
  renderNotification(locale, template, SAMPLES[template], channel);

describe('notification templates', () => {
  for (const locale of LOCALES) {
    for (const template of TEMPLATE_NAMES) {
      describe(`${template} in ${locale}`, () => {
        it.each(CHANNELS)(
          'renders a complete %s message with no leftover placeholder',
          (channel) => {
            const { subject, text } = render(locale, template, channel);
            expect(subject.length).toBeGreaterThan(3);
            expect(subject).not.toMatch(/\n/);
            expect(text.length).toBeGreaterThan(20);
            expect(subject).not.toMatch(LEFTOVER);
            expect(text).not.toMatch(LEFTOVER);
          },
        );

        it('shows every value it is given', () => {
          const email = render(locale, template, 'email').text;
          const sms = render(locale, template, 'sms').text;
          for (const value of MUST_SHOW[template].email) expect(email).toContain(value);
          for (const value of MUST_SHOW[template].sms) expect(sms).toContain(value);
        });

        it('is written in its own language', () => {
          const { subject, text } = render(locale, template, 'email');
          if (locale === 'zh-CN') {
            expect(subject).toMatch(HAN);
            expect(text).toMatch(HAN);
          } else {
            // Complete English: no Chinese left in (the sample values are ASCII).
            expect(subject).not.toMatch(HAN);
            expect(text).not.toMatch(HAN);
          }
        });

        it('keeps the SMS shorter than the e-mail and signs it', () => {
          const sms = render(locale, template, 'sms').text;
          expect(sms.length).toBeLessThan(render(locale, template, 'email').text.length);
          expect(sms.startsWith(locale === 'zh-CN' ? '【安心】' : '[Anxin]')).toBe(true);
        });

        it('ends an e-mail with the do-not-reply footer, and only an e-mail', () => {
          const footer = locale === 'zh-CN' ? '请勿直接回复' : 'please do not reply';
          expect(render(locale, template, 'email').text).toContain(footer);
          expect(render(locale, template, 'in_app').text).not.toContain(footer);
        });
      });
    }
  }

  it('names the roles of an invitation in the reader’s language', () => {
    expect(render('zh-CN', 'invitation', 'email').text).toContain('「咨询师、督导」');
    expect(render('en', 'invitation', 'email').text).toContain('as Counselor and Supervisor.');
  });

  it('counts in English singular and plural', () => {
    const one = renderNotification('en', 'sign_in_locked', { minutes: 1 }).text;
    expect(one).toContain('for 1 minute to protect it');
    expect(render('en', 'sign_in_locked', 'email').text).toContain('for 15 minutes to protect it');
  });

  it('keeps the verification code out of the subject (lock-screen previews)', () => {
    for (const locale of LOCALES) {
      expect(render(locale, 'verification_code', 'email').subject).not.toContain('482913');
    }
  });

  it('flattens line breaks in free text that reaches the subject', () => {
    const { subject } = renderNotification('en', 'invitation', {
      ...SAMPLES.invitation,
      organizationName: 'Evil\r\nBcc: someone@example.com',
    });
    expect(subject).toBe('Evil Bcc: someone@example.com invites you to Anxin');
  });

  it('refuses to render when a parameter is missing at run time', () => {
    const params = { minutes: 10 } as unknown as TemplateParams['verification_code'];
    expect(() => renderNotification('zh-CN', 'verification_code', params)).toThrow(
      TemplateRenderError,
    );
  });

  it('states appointment times in the reader’s zone, and the cancellation deadline in full', () => {
    const en = render('en', 'appointment_confirmed', 'email').text;
    expect(en).toContain('Tuesday, 1 December 2026 at 14:00 (Asia/Shanghai)');
    expect(en).toContain('cancel free of charge until Monday, 30 November 2026 at 14:00');
    const zh = render('zh-CN', 'appointment_reminder', 'email').text;
    expect(zh).toContain('2026年12月1日星期二 14:00（Asia/Shanghai）');
    expect(zh).toContain('免费取消的截止时间是 2026年11月30日星期一 14:00');
    const ny = renderNotification('en', 'appointment_confirmed', {
      ...SAMPLES.appointment_confirmed,
      timeZone: 'America/New_York',
    }).text;
    expect(ny).toContain('Tuesday, 1 December 2026 at 01:00 (America/New_York)');
  });

  it('is pure: the same arguments give the same message', () => {
    expect(render('zh-CN', 'password_reset', 'email')).toEqual(
      render('zh-CN', 'password_reset', 'email'),
    );
  });
});
