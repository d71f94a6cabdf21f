import type { Permission } from '@anxin/common';
import type { Actor } from './actor.ts';

/**
 * What the web app may offer this actor. Derived from roles the same way the policies grant
 * them; the server still checks every request — abilities only hide what would be refused.
 */
export function abilitiesOf(actor: Actor, env: 'development' | 'production'): Permission[] {
  const has = (...roles: Actor['roles']) => roles.some((r) => actor.roles.includes(r));
  const out: Permission[] = [];
  if (has('administrator')) {
    out.push(
      'appointment.list_all',
      'audit.read',
      'breach.manage',
      'conduct_report.read',
      'counselor.development.report',
      'counselor.list',
      'counselor.review',
      'counselor.settings.update',
      'counselor.standing.update',
      'disclosure.read',
      'guardianship.verify',
      'invitation.create',
      'invitation.list',
      'invitation.revoke',
      'ledger.record_payment',
      'legal_hold.manage',
      'policy_document.manage',
      'privacy.erase',
      'privacy_request.handle',
      'records.settings.update',
      'referral_resource.manage',
      'retention.settings.update',
      'scheduling.settings.update',
      'seal.read',
      'sessions.settings.update',
      'supervision.manage',
      'user.list',
      'user.read',
      'user.roles.update',
      'user.sessions.revoke',
      'vocabulary.update',
    );
    if (env === 'development') out.push('outbox.read');
  }
  if (has('administrator', 'supervisor')) out.push('break_glass.start', 'disclosure.approve');
  // Open risk signals from sessions, for those who follow up on them (the crisis module acts).
  if (has('administrator', 'supervisor')) out.push('risk_signal.read');
  if (has('administrator', 'counselor')) out.push('disclosure.record');
  if (has('counselor'))
    out.push('counselor.apply', 'record.write', 'assessment.assign', 'goal.write', 'referral.make');
  // The referral directory (C6): everyone who may have to give a number in a crisis reads it.
  if (has('administrator', 'supervisor', 'counselor', 'operator'))
    out.push('referral_resource.read');
  if (has('supervisor')) out.push('record.cosign');
  if (has('operator')) out.push('consent.record_verbal');
  // The directory is public; signed-in people see it in their menu.
  out.push('directory.search');
  return [...new Set(out)].sort();
}
