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

export const enWords: LocaleWords = {
  minutes: (n) => plural(n, 'minute'),
  hours: (n) => plural(n, 'hour'),
  role: (role) => ROLE_NAMES[role],
  list: (items) =>
    items.length <= 2
      ? items.join(' and ')
      : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`,
  emailFooter: '--\nAnxin (this message was sent automatically; please do not reply)',
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
};
