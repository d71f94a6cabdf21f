import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new forward-only SQL migration from the schema diff.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/platform/db/schema/index.ts',
  out: './migrations',
  migrations: { prefix: 'timestamp' },
  casing: 'snake_case',
});
