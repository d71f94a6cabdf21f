import type { Catalogue, LocaleWords } from '../notification.templates.ts';

const ROLE_NAMES = {
  client: 'Client',
  guardian: 'Guardian',
  counselor: 'Counselor',
  operator: 'Operator',
  supervisor: 'Supervisor',
  administrator: 'Administrator',
  evaluator: 'Evaluator',
} as const;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

const STATUS_NAMES = {
  applicant: 'draft',
  submitted: 'submitted',
  under_review: 'under review',
  more_info_requested: 'more information requested',
  approved: 'approved',
  rejected: 'not approved',
  suspended: 'suspended',
  removed: 'removed',
} as const;

const CAUSES = {
  qualification_expired: 'no verified qualification is valid any more',
  recheck_overdue: 'the periodic re-check of the qualifications is overdue',
  sanction: 'of a decision by the organisation',
} as const;

export const enWords: LocaleWords = {
  minutes: (n) => plural(n, 'minute'),
  hours: (n) => plural(n, 'hour'),
  role: (role) => ROLE_NAMES[role],
  list: (items) =>
    items.length <= 2
      ? items.join(' and ')
      : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`,
  emailFooter: '--\nAnxin (this message was sent automatically; please do not reply)',
  days: (n) => plural(n, 'day'),
  counselorStatus: (status) => STATUS_NAMES[status],
  suspensionCause: (cause) => CAUSES[cause],
  dateTime: (iso, timeZone) =>
    `${new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso))} (${timeZone})`,
};

const w = enWords;

export const en: Catalogue = {
  verification_code: {
    subject: () => 'Your Anxin verification code',
    text: ({ code, minutes }) =>
      `Hello,\n\nYour verification code is: ${code}\n\n` +
      `It is valid for ${w.minutes(minutes)} and only for you. Never share it: Anxin staff will never ask you for it.\n\n` +
      'If you did not ask for this code, you can ignore this message.',
    sms: ({ code, minutes }) =>
      `[Anxin] Your code is ${code}, valid for ${w.minutes(minutes)}. Do not share it. Not you? Ignore this.`,
  },
  password_reset: {
    subject: () => 'Reset your Anxin password',
    text: ({ link, minutes }) =>
      'Hello,\n\nWe received a request to reset the password of your account. ' +
      `Open this link within ${w.minutes(minutes)} to choose a new one:\n\n${link}\n\n` +
      'The link works once. If you did not ask to reset your password, ignore this message: your password stays the same.',
    sms: ({ link, minutes }) =>
      `[Anxin] Reset your password within ${w.minutes(minutes)}: ${link} Not you? Ignore this.`,
  },
  invitation: {
    subject: ({ organizationName }) => `${organizationName} invites you to Anxin`,
    text: ({ link, organizationName, roles, hours }) =>
      `Hello,\n\n${organizationName} invites you to join Anxin as ${w.list(roles.map(w.role))}. ` +
      `Open this link within ${w.hours(hours)} to accept and set up your account:\n\n${link}\n\n` +
      'If you do not know this organisation or do not want the account, ignore this message.',
    sms: ({ link, organizationName, hours }) =>
      `[Anxin] ${organizationName} invites you to Anxin. Open within ${w.hours(hours)}: ${link}`,
  },
  account_exists: {
    subject: () => 'Someone tried to register with your address on Anxin',
    text: ({ signInLink, resetLink }) =>
      'Hello,\n\nSomeone just tried to register an Anxin account with this address, but it already has an account, so no new account was created.\n\n' +
      `If it was you, sign in here:\n${signInLink}\n\nForgot your password? Reset it here:\n${resetLink}\n\n` +
      'If it was not you, ignore this message: your account is not affected.',
    sms: () =>
      '[Anxin] Someone tried to register with this number, which already has an account. If it was you, sign in or reset your password; if not, ignore this.',
  },
  break_glass_opened: {
    subject: () => 'Anxin: emergency access was opened',
    text: ({ actorName, resourceType, minutes }) =>
      `Hello,\n\n${actorName} has just opened emergency access to a "${resourceType}" record for ${w.minutes(minutes)}.\n\n` +
      'The access is recorded in the audit log. For confidentiality this message holds neither the client nor the stated reason: ' +
      'sign in to Anxin to see the details in the audit log and review them.',
    sms: ({ actorName, resourceType, minutes }) =>
      `[Anxin] ${actorName} opened emergency access (${resourceType}) for ${w.minutes(minutes)}. Sign in to review the audit log.`,
  },
  sign_in_locked: {
    subject: () => 'Sign-in to your Anxin account is paused',
    text: ({ minutes }) =>
      `Hello,\n\nAfter several failed sign-in attempts we paused sign-in to your account for ${w.minutes(minutes)} to protect it. You can try again after that.\n\n` +
      'If these attempts were not yours, change your password once you can sign in, and turn on two-step verification.',
    sms: ({ minutes }) =>
      `[Anxin] After several failed sign-ins, sign-in to your account is paused for ${w.minutes(minutes)}. Not you? Change your password afterwards.`,
  },
  counselor_review_decision: {
    subject: () => 'Anxin: your counselor profile has an update',
    text: ({ status }) =>
      `Hello,\n\nThe status of your counselor application is now: ${w.counselorStatus(status)}.\n\n` +
      'For confidentiality this message holds no details or reasons. Sign in to Anxin and open your counselor profile to read them.',
    sms: ({ status }) =>
      `[Anxin] Your counselor application is now: ${w.counselorStatus(status)}. Sign in to read the details.`,
  },
  counselor_suspended: {
    subject: () => 'Anxin: your counselor listing is suspended',
    text: ({ cause }) =>
      `Hello,\n\nYour counselor profile is suspended because ${w.suspensionCause(cause)}. ` +
      'Clients cannot find or book you until it is resolved.\n\n' +
      'Sign in to Anxin and open your counselor profile to see what is needed (for example, upload a renewed certificate and submit it for review).',
    sms: () =>
      '[Anxin] Your counselor listing is suspended. Sign in to see what is needed to restore it.',
  },
  counselor_suspended_admin: {
    subject: () => 'Anxin: a counselor was suspended',
    text: ({ counselorName, cause }) =>
      `Hello,\n\n${counselorName} is suspended because ${w.suspensionCause(cause)}. ` +
      'They are no longer listed or bookable. Review their profile and any appointments that need a new counselor.',
    sms: ({ counselorName }) =>
      `[Anxin] ${counselorName} is suspended. Sign in to review their profile.`,
  },
  credential_reminder: {
    subject: ({ kind }) =>
      kind === 'recheck'
        ? 'Anxin: your qualification re-check is due soon'
        : 'Anxin: a certificate of yours expires soon',
    text: ({ kind, dueOn, days }) =>
      `Hello,\n\n${kind === 'recheck' ? 'The periodic re-check of your qualifications is due' : 'One of your verified certificates expires'} on ${dueOn}, in ${w.days(days)}.\n\n` +
      (kind === 'recheck'
        ? 'Make sure your profile and certificates are current so the organisation can confirm the re-check in time.'
        : 'Upload the renewed certificate on your counselor profile in time, so your listing is not suspended.'),
    sms: ({ kind, dueOn }) =>
      `[Anxin] ${kind === 'recheck' ? 'Your qualification re-check is due' : 'A certificate expires'} on ${dueOn}. Sign in to keep your listing active.`,
  },
  counselor_standing_notice: {
    subject: () => 'Anxin: a decision about your standing as a counselor',
    text: ({ kind }) =>
      `Hello,\n\nThe organisation has recorded a ${kind === 'warning' ? 'warning' : kind === 'suspension' ? 'suspension' : 'removal'} on your counselor profile.\n\n` +
      'Sign in to Anxin and open your counselor profile to read the decision and its reasons.',
    sms: () => '[Anxin] A decision about your counselor standing was recorded. Sign in to read it.',
  },
  appointment_confirmed: {
    subject: () => 'Anxin: your appointment is confirmed',
    text: ({ counselorName, startsAt, deadline, timeZone }) =>
      `Hello,\n\nYour appointment with ${counselorName} is confirmed for ${w.dateTime(startsAt, timeZone)}.\n\n` +
      `You can cancel free of charge until ${w.dateTime(deadline, timeZone)}. ` +
      'A later cancellation, or not coming, counts as a missed appointment under the cancellation policy.\n\n' +
      'The calendar invitation is attached. Sign in to Anxin to see or change the appointment.',
    sms: ({ counselorName, startsAt, deadline, timeZone }) =>
      `[Anxin] Confirmed: ${counselorName}, ${w.dateTime(startsAt, timeZone)}. Free cancellation until ${w.dateTime(deadline, timeZone)}.`,
  },
  appointment_cancelled: {
    subject: () => 'Anxin: an appointment was cancelled',
    text: ({ counselorName, startsAt, timeZone, by }) =>
      `Hello,\n\nThe appointment with ${counselorName} on ${w.dateTime(startsAt, timeZone)} was cancelled` +
      `${by === 'client' ? ' at the client’s request' : ' by the organisation'}.\n\n` +
      'Sign in to Anxin to see the details and any refund, or to book a new time.',
    sms: ({ counselorName, startsAt, timeZone }) =>
      `[Anxin] Cancelled: ${counselorName}, ${w.dateTime(startsAt, timeZone)}. Sign in for details.`,
  },
  appointment_reminder: {
    subject: ({ hoursBefore }) =>
      hoursBefore === 1
        ? 'Anxin: your appointment starts in an hour'
        : 'Anxin: your appointment is tomorrow',
    text: ({ counselorName, startsAt, deadline, timeZone }) =>
      `Hello,\n\nA reminder of your appointment with ${counselorName} on ${w.dateTime(startsAt, timeZone)}.\n\n` +
      `Free cancellation was possible until ${w.dateTime(deadline, timeZone)}; ` +
      'a cancellation after that, or not coming, counts as a missed appointment under the cancellation policy.\n\n' +
      'Sign in to Anxin a few minutes early to join.',
    sms: ({ counselorName, startsAt, timeZone }) =>
      `[Anxin] Reminder: ${counselorName}, ${w.dateTime(startsAt, timeZone)}. Late cancellation counts as missed.`,
  },
  appointment_pending_approval: {
    subject: () => 'Anxin: your booking waits for approval',
    text: ({ counselorName, startsAt, timeZone }) =>
      `Hello,\n\nYour booking with ${counselorName} for ${w.dateTime(startsAt, timeZone)} is held for you, ` +
      'and waits for the organisation to approve it because of missed appointments in recent months.\n\n' +
      'We will tell you as soon as it is decided. Sign in to Anxin to see its status.',
    sms: ({ counselorName, startsAt, timeZone }) =>
      `[Anxin] Your booking with ${counselorName}, ${w.dateTime(startsAt, timeZone)}, waits for approval.`,
  },
  breach_notice: {
    subject: () => 'Anxin: an incident involving your personal information',
    text: ({ nature, categories, remediation, contact, discoveredAt, timeZone }) =>
      `Hello,\n\nOn ${w.dateTime(discoveredAt, timeZone)} we discovered an incident that involves your personal information.\n\n` +
      `What happened: ${nature}\n\n` +
      `Which of your information: ${w.list(categories.map(breachCategoryEn))}.\n\n` +
      `What we have done: ${remediation}\n\n` +
      'What you can do: be wary of messages or calls that refer to your counseling and ask for codes, passwords or money; ' +
      'change your Anxin password if you use it elsewhere; you may ask us what we hold about you and how it is being protected.\n\n' +
      `Whom to contact: ${contact}`,
    sms: ({ contact }) =>
      `[Anxin] An incident involved your personal information. Sign in to read the notice, or contact ${contact}.`,
  },
  breach_overdue: {
    subject: ({ deadline }) =>
      deadline === 'report'
        ? 'Anxin: an incident report to the authority is overdue'
        : 'Anxin: affected people of an incident are not yet notified',
    text: ({ title, deadline, dueAt, timeZone }) =>
      `Hello,\n\nThe incident "${title}" was due ${deadline === 'report' ? 'to be reported to the authority' : 'to be notified to every affected person'} by ${w.dateTime(dueAt, timeZone)}.\n\n` +
      'Sign in to Anxin and open the incident register to act on it.',
    sms: ({ title }) => `[Anxin] Incident deadline passed: ${title}. Sign in to act.`,
  },
  conduct_reported: {
    subject: () => 'Anxin: a session conduct report is waiting',
    text: ({ reporterRole }) =>
      `Hello,\n\nThe ${reporterRole === 'client' ? 'client' : 'counselor'} of an online session reported a message or behaviour.\n\n` +
      'Sign in to Anxin and open the conduct reports to review it.',
    sms: () => '[Anxin] A session conduct report is waiting. Sign in to review it.',
  },
};

const BREACH_CATEGORIES_EN: Record<string, string> = {
  identity: 'identity details',
  contact: 'contact details',
  appointments: 'appointments',
  clinical_records: 'counseling records',
  payments: 'payments',
  credentials: 'sign-in credentials',
  other: 'other information',
};
const breachCategoryEn = (c: string) => BREACH_CATEGORIES_EN[c] ?? c;
