import type { Locale } from '@anxin/common';
import type { VaultScope } from '../../platform/crypto/vault.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Contact } from '../identity/contact.ts';
import { notifyContact } from '../identity/notify.ts';
import { decryptUser } from '../identity/user-fields.ts';
import { enqueueNotification } from '../notifications/notification.service.ts';
import type { TemplateName, TemplateParams } from '../notifications/notification.templates.ts';
import { findUser, listAdministrators } from './counselor.repo.ts';

/**
 * Tells a counselor, in their language: always in-app; by e-mail too when `mail` is set (or by
 * SMS for an account with only a mobile number). Templates given here hold no reasons or other
 * details: the counselor signs in to read those.
 */
export async function notifyCounselor<T extends TemplateName>(
  tx: Db,
  vault: VaultScope,
  userId: string,
  message: { template: T; params: TemplateParams[T]; mail: boolean },
): Promise<void> {
  const user = await findUser(tx, vault.organizationId, userId);
  if (!user || user.status !== 'active') return;
  const base = {
    organizationId: vault.organizationId,
    keyOwner: { type: 'person', id: user.id } as const,
    template: message.template,
    params: message.params,
    locale: user.locale,
  };
  await enqueueNotification(tx, vault, { ...base, channel: 'in_app', userId: user.id });
  if (!message.mail) return;
  const contact = await contactOf(vault, user);
  if (!contact) return;
  await notifyContact(
    tx,
    vault,
    { organizationId: vault.organizationId, userId: user.id, contact, locale: user.locale },
    message.template,
    message.params,
  );
}

/** An in-app notice to every active administrator, each in their own language. */
export async function notifyAdministrators<T extends TemplateName>(
  tx: Db,
  vault: VaultScope,
  template: T,
  params: TemplateParams[T],
): Promise<void> {
  for (const admin of await listAdministrators(tx, vault.organizationId)) {
    await enqueueNotification(tx, vault, {
      organizationId: vault.organizationId,
      userId: admin.userId,
      keyOwner: { type: 'person', id: admin.userId },
      channel: 'in_app',
      template,
      params,
      locale: admin.locale satisfies Locale,
    });
  }
}

/** Where to write to: the e-mail address if there is one, else the mobile number. */
async function contactOf(
  vault: VaultScope,
  user: NonNullable<Awaited<ReturnType<typeof findUser>>>,
): Promise<Contact | null> {
  const { email, phone } = await decryptUser(vault, user);
  if (email) return { kind: 'email', value: email };
  if (phone) return { kind: 'phone', value: phone };
  return null;
}
