import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notificationOutbox } from '../../platform/db/schema/index.ts';
import {
  countUnread,
  enqueueNotification,
  listInApp,
  listOutboxForDevelopment,
  markRead,
  OutboxNotAvailableError,
} from './notification.service.ts';
import { openOutboxFixture, type OutboxFixture } from './test-support/outbox-fixture.ts';

describe('the notification outbox service (this backend)', () => {
  let f: OutboxFixture;
  beforeAll(async () => {
    f = await openOutboxFixture();
  });
  afterAll(() => f.close());
  beforeEach(() => f.clear());

  it('lists a person’s in-app messages, newest first, and marks them read', async () => {
    const userId = randomUUID();
    const first = await f.enqueueInApp(userId, 15);
    const second = await f.enqueueInApp(userId, 30);
    await f.enqueueInApp(randomUUID(), 45); // someone else's

    const scope = f.vault.scope(f.database.db, f.organizationId);
    const list = await listInApp(f.database.db, scope, userId, { limit: 10 });
    expect(list.map((n) => n.id)).toEqual([second, first]);
    expect(list[0]).toMatchObject({
      template: 'sign_in_locked',
      subject: 'Sign-in to your Anxin account is paused',
      readAt: null,
    });
    expect(list[0]?.text).toContain('for 30 minutes');
    expect(await countUnread(f.database.db, f.organizationId, userId)).toBe(2);

    expect(await markRead(f.database.db, f.organizationId, userId, first)).toBe(true);
    const readAt = (await f.rowOf(first))?.readAt;
    expect(readAt).toBeInstanceOf(Date);
    expect(await markRead(f.database.db, f.organizationId, userId, first)).toBe(true);
    expect((await f.rowOf(first))?.readAt).toEqual(readAt); // the first reading stays
    expect(await countUnread(f.database.db, f.organizationId, userId)).toBe(1);
  });

  it('does not let anyone mark another person’s message', async () => {
    const owner = randomUUID();
    const id = await f.enqueueInApp(owner, 15);
    expect(await markRead(f.database.db, f.organizationId, randomUUID(), id)).toBe(false);
    expect(await markRead(f.database.db, randomUUID(), owner, id)).toBe(false);
    expect(await markRead(f.database.db, f.organizationId, owner, randomUUID())).toBe(false);
    expect((await f.rowOf(id))?.readAt).toBeNull();
  });

  it('shows the decrypted outbox in development and refuses in production', async () => {
    const id = await f.enqueue({
      organizationId: f.organizationId,
      channel: 'email',
      to: 'zhou.min@example.com',
      keyOwner: f.person(),
      template: 'password_reset',
      params: { link: 'http://127.0.0.1:3000/reset#t=xyz', minutes: 30 },
      locale: 'en',
    });
    const scope = f.vault.scope(f.database.db, f.organizationId);
    const [entry] = await listOutboxForDevelopment(f.database.db, scope, f.organizationId, {
      limit: 50,
      env: 'development',
    });
    expect(entry).toMatchObject({
      id,
      channel: 'email',
      template: 'password_reset',
      to: 'zhou.min@example.com',
      subject: 'Reset your Anxin password',
      status: 'pending',
      attempts: 0,
    });
    expect(entry?.text).toContain('http://127.0.0.1:3000/reset#t=xyz');
    await expect(
      listOutboxForDevelopment(f.database.db, scope, f.organizationId, {
        limit: 50,
        env: 'production',
      }),
    ).rejects.toThrow(OutboxNotAvailableError);
  });

  it('refuses a message without a recipient or under another organisation’s keys', async () => {
    const base = {
      organizationId: f.organizationId,
      keyOwner: f.person(),
      template: 'sign_in_locked' as const,
      params: { minutes: 15 },
      locale: 'en' as const,
    };
    await expect(f.enqueue({ ...base, channel: 'email', to: ' ' })).rejects.toThrow(/recipient/);
    await expect(
      f.enqueue({ ...base, channel: 'email', to: 'a@b.c\r\nBcc: d@e.f' }),
    ).rejects.toThrow();
    await expect(
      f.database.db.transaction((tx) =>
        enqueueNotification(tx, f.vault.scope(tx, randomUUID()), {
          ...base,
          channel: 'email',
          to: 'a@b.c',
        }),
      ),
    ).rejects.toThrow(/another organisation/);
    expect(await f.database.db.select().from(notificationOutbox)).toHaveLength(0);
  });
});
