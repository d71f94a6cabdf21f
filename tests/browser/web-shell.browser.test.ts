import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/platform/config.ts';
import { startRuntime, type Runtime } from '../../server/src/runtime.ts';
import { launchChromium } from './browser.ts';

const RESULTS = join(import.meta.dirname, '../../test-results');

/** The real server (embedded database, built web app) and real Chromium. */
describe('the web shell in Chromium', () => {
  let runtime: Runtime;
  let browser: Browser;
  let dataDir: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'anxin-browser-'));
    const config = { ...loadConfig({ ANXIN_DATA_DIR: dataDir, PORT: '0', ANXIN_JOBS: 'off' }) };
    runtime = await startRuntime(config, pino({ level: 'silent' }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(path: string, options: { width?: number; bypassCSP?: boolean } = {}) {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: 800 },
      bypassCSP: options.bypassCSP ?? false,
    });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
    await page.goto(runtime.url + path);
    return page;
  }

  const h1 = (page: Page) => page.locator('h1').first();

  it('opens in zh-CN, switches to English, and remembers the choice', async () => {
    const page = await open('/');
    await expect.poll(() => h1(page).textContent()).toBe('欢迎来到安心');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.screenshot({ path: join(RESULTS, 'home-zh-CN.png'), fullPage: true });

    await page.locator('[data-testid=language-switch]').selectOption('en');
    await expect.poll(() => h1(page).textContent()).toBe('Welcome to Anxin');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(RESULTS, 'home-en.png'), fullPage: true });

    await page.reload();
    await expect.poll(() => h1(page).textContent()).toBe('Welcome to Anxin');
    // The footer shows the version, so the shell did load /api/v1/meta through the real API.
    await expect
      .poll(() => page.locator('[data-testid=app-version]').textContent())
      .toMatch(/Version \d+\.\d+\.\d+/);
    await page.context().close();
  });

  it('shows its own 404 page for an unknown path', async () => {
    const page = await open('/no-such-page');
    await expect
      .poll(() => page.locator('[data-testid=not-found] h1').textContent())
      .toBe('找不到这个页面');
    await page.context().close();
  });

  it('fits a 360 px wide phone and keeps the navigation behind a menu button', async () => {
    const page = await open('/', { width: 360 });
    await expect.poll(() => h1(page).textContent()).toBe('欢迎来到安心');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    const menu = page.locator('[data-testid=menu-button]');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: join(RESULTS, 'home-360.png'), fullPage: true });
    await page.context().close();
  });

  it('starts keyboard navigation at the skip link', async () => {
    const page = await open('/');
    await expect.poll(() => h1(page).textContent()).toBe('欢迎来到安心');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#main');
    await page.context().close();
  });

  it('has no accessibility violations that axe-core can detect', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core'), 'utf8');
    for (const path of ['/', '/help', '/no-such-page']) {
      // axe is injected as a script, which the page's own CSP rightly forbids: bypass it here.
      const page = await open(path, { bypassCSP: true });
      await expect.poll(() => page.locator('h1').count()).toBeGreaterThan(0);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: { run: () => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
          }
        ).axe;
        const result = await axe.run();
        return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect({ path, violations }).toEqual({ path, violations: [] });
      await page.context().close();
    }
  });

  it('violated no Content-Security-Policy rule on any page', () => {
    expect(cspViolations).toEqual([]);
  });
});
