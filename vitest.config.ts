import { defineConfig } from 'vitest/config';

/**
 * Projects: unit tests (pure rules, beside the code); HTTP integration tests against the
 * embedded database and, when DATABASE_URL is set, again against that PostgreSQL server; and
 * browser tests in Debian's Chromium.
 */
const integration = (backend: 'pglite' | 'postgres') => ({
  test: {
    name: `int:${backend}`,
    include: ['server/src/**/*.int.test.ts'],
    globalSetup: [`server/src/test/global-setup.${backend}.ts`],
    env: { TZ: 'UTC', ANXIN_TEST_BACKEND: backend },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{common,server,web}/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          env: { TZ: 'UTC' },
        },
      },
      integration('pglite'),
      ...(process.env.DATABASE_URL ? [integration('postgres')] : []),
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.browser.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
