import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { createMember } from '../../test/identity-fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { inSchedulingTransaction, type SchedulingContext } from './appointment-context.ts';

/** A driver error as `pg` and PGlite raise it: the SQLSTATE in `code`. */
const failure = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

describe('scheduling transactions', () => {
  let t: TestApp;
  let ctx: SchedulingContext;
  let actor: Actor;
  beforeAll(async () => {
    t = await createTestApp();
    const member = await createMember(t, ['client'], 'retry');
    ctx = {
      app: t.ctx,
      meta: {
        actorId: member.userId,
        actorRole: 'client',
        requestId: 'r1',
        ip: '127.0.0.1',
        userAgent: 'test',
      },
    };
    actor = {
      userId: member.userId,
      organizationId: member.organizationId,
      displayName: 'retry',
      roles: ['client'],
      sessionId: 's',
      sessionKind: 'client',
      verified: true,
      mfaEnrolled: false,
      mfaSatisfied: false,
      isDemo: false,
      breakGlass: [],
    };
  });
  afterAll(() => t.close());

  it('runs a transaction aborted by a deadlock again, and answers what the retry answers', async () => {
    let attempts = 0;
    const result = await inSchedulingTransaction(ctx, actor, () => {
      attempts += 1;
      if (attempts === 1) throw failure('40P01');
      return Promise.resolve('second time');
    });
    expect(result).toBe('second time');
    expect(attempts).toBe(2);
  });

  it('gives up after three attempts, and never retries other errors', async () => {
    let attempts = 0;
    await expect(
      inSchedulingTransaction(ctx, actor, () => {
        attempts += 1;
        throw failure('40P01');
      }),
    ).rejects.toThrow('failed with 40P01');
    expect(attempts).toBe(3);
    attempts = 0;
    await expect(
      inSchedulingTransaction(ctx, actor, () => {
        attempts += 1;
        throw failure('23P01');
      }),
    ).rejects.toThrow('failed with 23P01');
    expect(attempts).toBe(1);
  });
});
