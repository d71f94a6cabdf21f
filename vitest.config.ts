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
    // Files share a worker's module cache: each file still opens its own database, and loading
    // the server's modules once per worker instead of once per file halves the project's time.
    isolate: false,
  },
});

export default defineConfig({
  test: {
    // Both cores (vitest's default leaves one free): the files are independent, each with its
    // own database, and the slowest wait on the database or the browser, not on the CPU.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{common,server,web}/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          env: { TZ: 'UTC' },
          isolate: false,
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
