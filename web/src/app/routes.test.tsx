import type { Locale } from '@anxin/common';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/i18n.ts';
import { ErrorScreen } from './error-page.tsx';
import { AppProviders } from './providers.tsx';
import type { ShellData } from './shell-data.ts';
import { FULL_MFA, buildActor, buildMeta } from './test-fixtures.ts';
import { renderPath } from './test-render.tsx';

const render = (path: string, locale: Locale = 'zh-CN', initial?: ShellData) =>
  renderPath(path, initial, locale);

describe('the shell', () => {
  it('renders the home page in Chinese by default', () => {
    const html = render('/');
    expect(html).toContain('欢迎来到安心</h1>');
    expect(html).toContain('<main id="main" tabindex="-1"');
    expect(html).toContain('href="#main"');
    expect(html).toContain('跳到主要内容');
    expect(html).toContain('aria-label="主导航"');
    expect(html).toMatch(/<select[^>]*name="locale"[^>]*data-testid="language-switch"/);
    expect(html).toContain('在线咨询');
    expect(html).toContain('心理支持热线');
    expect(html).toContain('保密承诺');
  });

  it('renders the home page in English', () => {
    const html = render('/', 'en');
    expect(html).toContain('Welcome to Anxin</h1>');
    expect(html).toContain('Skip to main content');
    expect(html).toContain('Online counseling');
  });

  it('offers a collapsible menu button', () => {
    const html = render('/');
    expect(html).toMatch(/<button[^>]*aria-expanded="false"[^>]*aria-controls="site-nav-panel"/);
    expect(html).toContain('id="site-nav-panel"');
  });

  it('shows the crisis line in the footer and the crisis numbers on the help page', () => {
    const html = render('/help');
    expect(html).toContain('危机求助</h1>');
    for (const tel of ['110', '120', '12356']) expect(html).toContain(`href="tel:${tel}"`);
  });

  it('answers unknown paths with the 404 page inside the layout', () => {
    const html = render('/my/records', 'en');
    expect(html).toContain('We could not find this page</h1>');
    expect(html).toContain('<footer');
  });

  it('shows a notice and the static content when the server could not be reached', () => {
    const html = render('/', 'zh-CN', { status: 'degraded', meta: null, actor: null });
    expect(html).toContain('data-testid="shell-notice"');
    expect(html).toContain('欢迎来到安心</h1>');
  });

  it('builds the navigation from the actor roles and shows the version', () => {
    const html = render('/', 'en', {
      status: 'ready',
      meta: buildMeta({ version: '9.8.7' }),
      actor: buildActor({ roles: ['counselor'], mfa: FULL_MFA }),
    });
    expect(html).toContain('href="/schedule"');
    expect(html).toContain('Version 9.8.7');
    expect(html).not.toContain('data-testid="shell-notice"');
  });

  it('marks one menu link as current: the shortfall report, not also the counselors list', () => {
    const html = render('/admin/counselors/development', 'en', {
      status: 'ready',
      meta: buildMeta(),
      actor: buildActor({
        roles: ['administrator'],
        mfa: FULL_MFA,
        abilities: ['counselor.list', 'counselor.development.report'],
      }),
    });
    const nav = /<nav[^>]*data-testid="site-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
    const current = [...nav.matchAll(/<a [^>]*aria-current="page"[^>]*>/g)].map((m) => m[0]);
    expect(current).toHaveLength(1);
    expect(current[0]).toContain('href="/admin/counselors/development"');
  });

  it('renders a friendly error screen without details', () => {
    const html = renderToString(
      <AppProviders i18n={createI18n('en')}>
        <ErrorScreen />
      </AppProviders>,
    );
    expect(html).toContain('Sorry, something went wrong on this page</h1>');
    expect(html).toContain('Reload</button>');
    expect(html).toContain('href="/"');
  });
});
