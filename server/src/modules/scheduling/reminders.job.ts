import type { Vault } from '../../platform/crypto/vault.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';

// Placeholder: filled in by the feature's implementation.
export function createAppointmentRemindersJob(_deps: {
  vault: Vault;
  auditKey: Buffer;
}): JobDefinition {
  return { name: 'scheduling.reminders', cron: '*/5 * * * *', run: async () => {} };
}
