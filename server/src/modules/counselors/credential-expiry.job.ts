import type { Vault } from '../../platform/crypto/vault.ts';
import type { JobDefinition } from '../../platform/jobs/jobs.ts';

// Placeholder: filled in by the feature's implementation.
export function createCredentialExpiryJob(_deps: {
  vault: Vault;
  auditKey: Buffer;
}): JobDefinition {
  return { name: 'counselors.credential_expiry', cron: '15 * * * *', run: async () => {} };
}
