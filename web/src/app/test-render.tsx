import type { Locale } from '@anxin/common';
import { renderToString } from 'react-dom/server';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createI18n } from '../i18n/i18n.ts';
import { AppProviders } from './providers.tsx';
import { routes } from './routes.tsx';
import type { ShellData } from './shell-data.ts';
import { buildMeta } from './test-fixtures.ts';

/** For tests: the shell as an anonymous visitor sees it. */
export const VISITOR: ShellData = { status: 'ready', meta: buildMeta(), actor: null };

/** For tests: the whole app at `path`, rendered to HTML (no shell data: it is still loading). */
export function renderPath(path: string, shell?: ShellData, locale: Locale = 'zh-CN'): string {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return renderToString(
    <AppProviders i18n={createI18n(locale)} initial={shell}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
}
