import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { ephemeralKeyring } from '../../../platform/crypto/keyring.ts';
import { Vault } from '../../../platform/crypto/vault.ts';
import type { Database } from '../../../platform/db/database.ts';
import { notificationOutbox } from '../../../platform/db/schema/index.ts';
import { openTestDatabase } from '../../../test/test-database.ts';
import { ensureDefaultOrganization } from '../../organizations/organization.service.ts';
import {
  deliverPending,
  type DeliveryOptions,
  type DeliveryReport,
} from '../notification-delivery.job.ts';
import type { OutboxRow } from '../notification.repo.ts';
import {
  enqueueNotification,
  type EnqueueInput,
  type MessageKeyOwner,
} from '../notification.service.ts';
import type { TemplateName } from '../notification.templates.ts';
import type { Senders } from '../senders/message-sender.ts';
import { temporaryKeyShares } from '../../../platform/crypto/key-shares.ts';

/** One share store for every vault of this file: they read each other's data. */
const keyShares = temporaryKeyShares();

/** A migrated private database with its organisation, a vault, and short-hands for the outbox. */
export interface OutboxFixture {
  database: Database;
  organizationId: string;
  vault: Vault;
  person(): MessageKeyOwner;
  /** Enqueues in a transaction of its own, committed. */
  enqueue<T extends TemplateName>(input: EnqueueInput<T>): Promise<string>;
  /** An in-app `sign_in_locked` message for the user, in English. */
  enqueueInApp(userId: string, minutes: number): Promise<string>;
  rowOf(id: string): Promise<OutboxRow | undefined>;
  deliver(senders: Senders, extra?: Partial<DeliveryOptions>): Promise<DeliveryReport>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

export async function openOutboxFixture(): Promise<OutboxFixture> {
  const database = await openTestDatabase();
  const org = await ensureDefaultOrganization(database.db, { name: '安心', timeZone: 'UTC' });
  const organizationId = org.id;
  const vault = new Vault(ephemeralKeyring(), keyShares);
  const log = pino({ level: 'silent' });
  const enqueue = <T extends TemplateName>(input: EnqueueInput<T>) =>
    database.db.transaction((tx) =>
      enqueueNotification(tx, vault.scope(tx, organizationId), input),
    );
  return {
    database,
    organizationId,
    vault,
    person: () => ({ type: 'person', id: randomUUID() }),
    enqueue,
    enqueueInApp: (userId, minutes) =>
      enqueue({
        organizationId,
        channel: 'in_app',
        userId,
        keyOwner: { type: 'person', id: userId },
        template: 'sign_in_locked',
        params: { minutes },
        locale: 'en',
      }),
    rowOf: async (id) =>
      (await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id)))[0],
    deliver: (senders, extra = {}) =>
      deliverPending({ database, log }, { senders, vault, ...extra }),
    clear: async () => {
      await database.db.delete(notificationOutbox);
    },
    close: () => database.close(),
  };
}

/** Senders that must not be called, or that always fail the way an SMTP server refusing would. */
export function fakeSenders(behaviour: 'never' | 'reject'): Senders {
  const send = async () => {
    if (behaviour === 'never') throw new Error('a sender was called');
    throw Object.assign(new Error('550 <x@example.com> rejected'), { code: 'EENVELOPE' });
  };
  const close = async () => {};
  return { email: { channel: 'email', send, close }, sms: { channel: 'sms', send, close }, close };
}
