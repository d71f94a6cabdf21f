import type { Vault } from '../../platform/crypto/vault.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';

// Placeholder: filled in by the feature's implementation.
export function createNoShowJob(_deps: { vault: Vault; auditKey: Buffer }): JobDefinition {
  return { name: 'scheduling.no_show', cron: '* * * * *', run: async () => {} };
}
