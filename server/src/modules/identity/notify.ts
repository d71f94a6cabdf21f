import type { Locale } from '@anxin/common';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import { enqueueNotification } from '../notifications/notification.service.ts';
import type { TemplateName, TemplateParams } from '../notifications/notification.templates.ts';
import type { Contact } from './contact.ts';

/** Sends a message to a contact of a person (or of a future person, keyed by the organisation). */
export async function notifyContact<T extends TemplateName>(
  tx: Db,
  vault: VaultScope,
  target: { organizationId: string; userId: string | null; contact: Contact; locale: Locale },
  template: T,
  params: TemplateParams[T],
): Promise<string> {
  return enqueueNotification(tx, vault, {
    organizationId: target.organizationId,
    userId: target.userId ?? undefined,
    keyOwner: target.userId
      ? { type: 'person', id: target.userId }
      : { type: 'organization', id: target.organizationId },
    channel: target.contact.kind === 'email' ? 'email' : 'sms',
    to: target.contact.value,
    template,
    params,
    locale: target.locale,
  });
}
