/**
 * Permission names, `resource.action`. The server's policies grant them and send them to the web
 * app as `abilities`, so the UI hides what is not allowed. Keep them sorted by resource.
 */
export const PERMISSIONS = [
  'appointment.list_all',
  'audit.read',
  'break_glass.start',
  'counselor.apply',
  'counselor.development.report',
  'counselor.list',
  'counselor.review',
  'counselor.settings.update',
  'counselor.standing.update',
  'directory.search',
  'invitation.create',
  'invitation.list',
  'invitation.revoke',
  'ledger.record_payment',
  'outbox.read',
  'scheduling.settings.update',
  'user.list',
  'user.read',
  'user.roles.update',
  'user.sessions.revoke',
  'vocabulary.update',
] as const;
export type Permission = (typeof PERMISSIONS)[number];
