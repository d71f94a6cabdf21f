import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Role } from '@anxin/common';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { createPerson } from '../../server/src/modules/identity/setup.service.ts';
import { hashPassword } from '../../server/src/platform/auth/passwords.ts';
import { loadConfig } from '../../server/src/platform/config.ts';
import { startRuntime, type Runtime } from '../../server/src/runtime.ts';
import { launchChromium } from './browser.ts';

/** Where screenshots go. */
export const RESULTS = join(import.meta.dirname, '../../test-results');

/** The whole product on a fresh embedded data dir (demo seeded, jobs off), and Chromium. */
export interface Product {
  runtime: Runtime;
  browser: Browser;
  orgId: string;
  stop(): Promise<void>;
}

export async function startProduct(name: string): Promise<Product> {
  mkdirSync(RESULTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), `anxin-browser-${name}-`));
  const config = loadConfig({
    ANXIN_DATA_DIR: dataDir,
    PORT: '0',
    ANXIN_JOBS: 'off',
    ANXIN_DEMO: '1',
  });
  const runtime = await startRuntime(config, pino({ level: 'silent' }));
  const rows = await runtime.ctx.database.query<{ id: string }>(
    'SELECT id FROM organizations LIMIT 1',
  );
  const browser = await launchChromium();
  return {
    runtime,
    browser,
    orgId: rows[0]?.id ?? '',
    async stop() {
      await browser.close();
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A staff member written straight to the database, to be signed in through the pages. */
export async function createStaff(
  product: Product,
  person: { role: Role; email: string; displayName: string; password: string },
): Promise<void> {
  const { runtime, orgId } = product;
  await runtime.ctx.database.db.transaction(async (tx) =>
    createPerson(tx, runtime.ctx.vault, orgId, {
      email: person.email,
      realName: `${person.displayName}（测试）`,
      displayName: person.displayName,
      roles: [person.role],
      passwordHash: await hashPassword(person.password),
      isDemo: false,
      meta: null,
    }),
  );
}

/** Signs in on the page and enrols TOTP as a new staff member must, until the app shows. */
export async function signInEnrollingTotp(
  page: Page,
  url: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.fill('[data-testid=sign-in-identifier]', email);
  await page.fill('[data-testid=sign-in-password]', password);
  await page.click('[data-testid=sign-in-submit]');
  await page.click('[data-testid=mfa-start-submit]');
  const secret = (await page.locator('[data-testid=totp-secret]').textContent())?.trim() ?? '';
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    digits: 6,
    period: 30,
  });
  await page.fill('[data-testid=mfa-setup-code]', totp.generate());
  await page.click('[data-testid=mfa-setup-submit]');
  await page.click('[data-testid=mfa-setup-done]');
  await page.waitForSelector('[data-testid=account-menu-button]');
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');

/** axe-core's violations on a loaded page (whose context must bypass the CSP to inject it). */
export async function axeViolationsOn(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run();
    // The rule, how many nodes, and which: enough to find the element from a failing run.
    return result.violations.map(
      (v) =>
        `${v.id} (${String(v.nodes.length)}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}

/** A real, minimal PDF (one empty page): its bytes start with %PDF, as the server sniffs. */
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n' +
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** A 1×1 PNG, for a portrait. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
