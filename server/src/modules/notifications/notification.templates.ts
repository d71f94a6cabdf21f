import type { CounselorStatus, Locale, Role } from '@anxin/common';
import { en, enWords } from './templates/en.ts';
import { zhCN, zhCNWords } from './templates/zh-cn.ts';

/**
 * The parameters of every message the product sends. Templates are functions of typed
 * parameters rather than strings with placeholders, so a missing or misspelt parameter is a
 * compile error, not a "{code}" in someone's inbox.
 */
export interface TemplateParams {
  verification_code: { code: string; minutes: number };
  password_reset: { link: string; minutes: number };
  invitation: { link: string; organizationName: string; roles: readonly Role[]; hours: number };
  /**
   * Sent to the owner of an address someone tried to register with. The registration answer
   * itself must look the same whether or not the address exists (no enumeration); this message
   * goes only to the address, so only its owner learns of the attempt.
   */
  account_exists: { signInLink: string; resetLink: string };
  /** To administrators. Deliberately no reason text and no client name: mail is not a safe place for them. */
  break_glass_opened: { actorName: string; resourceType: string; minutes: number };
  sign_in_locked: { minutes: number };
  /**
   * To a counselor whose application or standing changed (A3). Deliberately no reason text:
   * the counselor reads it after signing in, mail is not a safe place for it.
   */
  counselor_review_decision: { status: CounselorStatus };
  /** To a counselor suspended by the expiry job or an administrator (A3, A9). */
  counselor_suspended: { cause: CounselorSuspensionCause };
  /** To administrators, in-app: a counselor stopped being bookable and may need follow-up. */
  counselor_suspended_admin: { counselorName: string; cause: CounselorSuspensionCause };
  /** To a counselor before a certificate expires or the periodic re-check falls due (A3). */
  credential_reminder: { kind: 'qualification' | 'recheck'; dueOn: string; days: number };
  /** To a counselor, in-app: a warning, suspension or removal was recorded (A9). No reason text. */
  counselor_standing_notice: { kind: 'warning' | 'suspension' | 'removal' };
  /**
   * To the client (A5): a booking is confirmed. Times are instants (ISO) shown in `timeZone`, the
   * recipient's zone (the organisation's when they have none); the deadline is stated outright.
   */
  appointment_confirmed: AppointmentMessage;
  /** To the client or the counselor: an appointment was cancelled. No reason, no client name. */
  appointment_cancelled: Omit<AppointmentMessage, 'deadline'> & { by: 'client' | 'organization' };
  /** To the client, 24 h and 1 h before (A5 item 6), with the cancellation deadline. */
  appointment_reminder: AppointmentMessage & { hoursBefore: 24 | 1 };
  /** To the client: after repeated no-shows the booking waits for staff approval (A5). */
  appointment_pending_approval: Omit<AppointmentMessage, 'deadline'>;
  /**
   * To each person affected by a personal-information incident (B12): what happened, which kinds
   * of their data, what the organisation did, what they can do, whom to contact. Nobody else's data.
   */
  breach_notice: BreachNoticeMessage;
  /** To administrators, in-app: an incident's report or notification deadline has passed (B12). */
  breach_overdue: { title: string; deadline: 'report' | 'notify'; dueAt: string; timeZone: string };
  /** To administrators, in-app: a message or behaviour in a session was reported (A6). No excerpt. */
  conduct_reported: { reporterRole: 'client' | 'counselor' };
}

/** The facts of a breach notice; categories are codes each language names itself. */
export interface BreachNoticeMessage {
  nature: string;
  categories: readonly string[];
  remediation: string;
  contact: string;
  discoveredAt: string;
  timeZone: string;
}

/** What every appointment message says: with whom and when, in the reader's zone. */
export interface AppointmentMessage {
  counselorName: string;
  startsAt: string;
  /** Until this instant a cancellation is on time (A5). */
  deadline: string;
  timeZone: string;
}

export type CounselorSuspensionCause = 'qualification_expired' | 'recheck_overdue' | 'sanction';

export type TemplateName = keyof TemplateParams;

export const TEMPLATE_NAMES = [
  'verification_code',
  'password_reset',
  'invitation',
  'account_exists',
  'break_glass_opened',
  'sign_in_locked',
  'counselor_review_decision',
  'counselor_suspended',
  'counselor_suspended_admin',
  'credential_reminder',
  'counselor_standing_notice',
  'appointment_confirmed',
  'appointment_cancelled',
  'appointment_reminder',
  'appointment_pending_approval',
  'breach_notice',
  'breach_overdue',
  'conduct_reported',
] as const satisfies readonly TemplateName[];

export type NotificationChannel = 'email' | 'sms' | 'in_app';

export interface RenderedMessage {
  subject: string;
  text: string;
}

/** One template in one language: the e-mail/in-app body and a short SMS body. */
export interface TemplateText<P> {
  subject(params: P): string;
  text(params: P): string;
  sms(params: P): string;
}

export type Catalogue = { [T in TemplateName]: TemplateText<TemplateParams[T]> };

/** Words shared by a language's templates (units, lists, the signature). */
export interface LocaleWords {
  minutes: (n: number) => string;
  hours: (n: number) => string;
  role: (role: Role) => string;
  list: (items: readonly string[]) => string;
  /** Appended to e-mail only: an in-app message needs no "do not reply", an SMS has no room. */
  emailFooter: string;
  days: (n: number) => string;
  counselorStatus: (status: CounselorStatus) => string;
  suspensionCause: (cause: CounselorSuspensionCause) => string;
  /** An instant as a wall time in a zone, with the zone named (a reader may be elsewhere). */
  dateTime: (iso: string, timeZone: string) => string;
}

const CATALOGUES: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };
const WORDS: Record<Locale, LocaleWords> = { 'zh-CN': zhCNWords, en: enWords };

/** Text that must never reach a person: the marks of a parameter that was not filled in. */
const UNFILLED = /undefined|\bnull\b|NaN|\[object |\{\{|\}\}|\$\{/;

export class TemplateRenderError extends Error {
  constructor(readonly template: string) {
    super(`notification template ${template} rendered with a missing parameter`);
    this.name = 'TemplateRenderError';
  }
}

/**
 * Renders a message. Pure: the same arguments always give the same text. The channel chooses
 * the body (SMS is short; e-mail carries a footer); the subject is the same for every channel.
 */
export function renderNotification<T extends TemplateName>(
  locale: Locale,
  template: T,
  params: TemplateParams[T],
  channel: NotificationChannel = 'email',
): RenderedMessage {
  const t: TemplateText<TemplateParams[T]> = CATALOGUES[locale][template];
  // A subject is one header line: free text such as an organisation name must not break it.
  const subject = t.subject(params).replace(/\s+/g, ' ').trim();
  const text =
    channel === 'sms'
      ? t.sms(params)
      : channel === 'email'
        ? `${t.text(params)}\n\n${WORDS[locale].emailFooter}\n`
        : t.text(params);
  // Types stop most mistakes; this stops the rest (a caller casting, a null from a database).
  if (UNFILLED.test(subject) || UNFILLED.test(text)) throw new TemplateRenderError(template);
  return { subject, text };
}
