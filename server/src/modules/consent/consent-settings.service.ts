import type { ConsentSettings } from '@anxin/common';
import type { Actor } from '../../platform/auth/actor.ts';
import { changesBetween, requirePermission } from '../counselors/vocabulary.service.ts';
import { audit } from '../identity/audit-helpers.ts';
import { auditKeyOf, type IdentityContext } from '../identity/identity-context.ts';
import { consentSettings } from './consent-settings.ts';

export function readConsentSettings(ctx: IdentityContext, actor: Actor): Promise<ConsentSettings> {
  return consentSettings.get(ctx.app.database.db, actor.organizationId);
}

/** Who signs for 14–17-year-olds: administrators decide, audited with old and new value. */
export async function updateConsentSettings(
  ctx: IdentityContext,
  actor: Actor,
  value: ConsentSettings,
): Promise<ConsentSettings> {
  requirePermission(ctx.app, actor, 'policy_document.manage');
  return ctx.app.database.db.transaction(async (tx) => {
    const before = await consentSettings.put(tx, actor.organizationId, value);
    const changes = changesBetween(before, value);
    if (Object.keys(changes).length) {
      await audit(tx, auditKeyOf(ctx), ctx.meta, {
        organizationId: actor.organizationId,
        action: 'consent_settings.update',
        entityType: 'organization_settings',
        entityId: actor.organizationId,
        changes,
      });
    }
    return value;
  });
}
