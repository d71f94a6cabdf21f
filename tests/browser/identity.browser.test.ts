import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson } from '../../server/src/modules/identity/setup.service.ts';
import { listOutboxForDevelopment } from '../../server/src/modules/notifications/notification.service.ts';
import { hashPassword } from '../../server/src/platform/auth/passwords.ts';
import { RESULTS, startProduct, type Product } from './harness.ts';

const PASSWORD = 'a sturdy passphrase 42';

/** Sign-up, verification through the outbox, sign-in, and a counselor's TOTP enrolment. */
describe('identity in Chromium', () => {
  let product: Product;
  let runtime: Product['runtime'];
  let orgId: string;

  beforeAll(async () => {
    product = await startProduct('id');
    runtime = product.runtime;
    orgId = product.orgId;
  });
  afterAll(() => product.stop());

  const newPage = async (): Promise<Page> => {
    const context = await product.browser.newContext({ viewport: { width: 1280, height: 900 } });
    return context.newPage();
  };
  const messageTo = async (to: string) => {
    const { db } = runtime.ctx.database;
    const rows = await listOutboxForDevelopment(db, runtime.ctx.vault.scope(db, orgId), orgId, {
      limit: 50,
      env: 'development',
    });
    return rows.find((r) => r.to === to);
  };

  it('lets a client register, verify with the code from the outbox, and sign in', async () => {
    const page = await newPage();
    const email = `client.${Date.now()}@example.org`;
    await page.goto(`${runtime.url}/sign-up`);
    await page.fill('[data-testid=sign-up-email]', email);
    await page.fill('[data-testid=sign-up-password]', PASSWORD);
    await page.fill('[data-testid=sign-up-realName]', '王小明');
    await page.fill('[data-testid=sign-up-displayName]', '小明');
    await page.fill('[data-testid=sign-up-birthDate]', '1995-04-02');
    await page.click('[data-testid=sign-up-submit]');
    await page.waitForSelector('[data-testid=verify-code]');

    await expect.poll(async () => (await messageTo(email))?.template).toBe('verification_code');
    const code = /\b(\d{6})\b/.exec((await messageTo(email))?.text ?? '')?.[1] ?? '';
    await page.fill('[data-testid=verify-code]', code);
    await page.click('[data-testid=verify-submit]');

    await page.goto(`${runtime.url}/sign-in`);
    await page.fill('[data-testid=sign-in-identifier]', email);
    await page.fill('[data-testid=sign-in-password]', PASSWORD);
    await page.click('[data-testid=sign-in-submit]');
    await expect
      .poll(() => page.locator('[data-testid=account-display-name]').textContent())
      .toBe('小明');
    await page.screenshot({ path: join(RESULTS, 'client-signed-in.png'), fullPage: true });
    await page.context().close();
  });

  it('makes a counselor enrol TOTP before anything else, then signs them in with it', async () => {
    const email = `counselor.${Date.now()}@example.org`;
    await runtime.ctx.database.db.transaction(async (tx) =>
      createPerson(tx, runtime.ctx.vault, orgId, {
        email,
        realName: '林医生',
        displayName: '林老师',
        roles: ['counselor'],
        passwordHash: await hashPassword(PASSWORD),
        isDemo: false,
        meta: null,
      }),
    );
    const page = await newPage();
    await page.goto(`${runtime.url}/sign-in`);
    await page.fill('[data-testid=sign-in-identifier]', email);
    await page.fill('[data-testid=sign-in-password]', PASSWORD);
    await page.click('[data-testid=sign-in-submit]');
    await page.waitForSelector('[data-testid=mfa-start-submit]');
    await page.click('[data-testid=mfa-start-submit]');
    const secret = (await page.locator('[data-testid=totp-secret]').textContent())?.trim() ?? '';
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(secret),
      digits: 6,
      period: 30,
    });
    await page.fill('[data-testid=mfa-setup-code]', totp.generate());
    await page.click('[data-testid=mfa-setup-submit]');
    await page.waitForSelector('[data-testid=backup-codes]');
    expect(await page.locator('[data-testid=backup-code]').count()).toBe(10);
    await page.screenshot({ path: join(RESULTS, 'counselor-backup-codes.png'), fullPage: true });
    await page.click('[data-testid=mfa-setup-done]');
    await expect
      .poll(() => page.locator('[data-testid=account-display-name]').textContent())
      .toBe('林老师');
    await page.context().close();
  });
});
