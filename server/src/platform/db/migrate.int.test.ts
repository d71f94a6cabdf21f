import { describe, expect, it } from 'vitest';
import { createEmptyServerDatabase, testBackend } from '../../test/test-database.ts';
import { openDatabase } from './database.ts';
import { appliedMigrationCount, expectedMigrationCount, runMigrations } from './migrate.ts';

describe.runIf(testBackend() === 'postgres')('migrations on a server database', () => {
  it('lets several processes start at once: one migrates, the others wait', async () => {
    const target = await createEmptyServerDatabase();
    const instances = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ kind: 'postgres', url: target.url, poolSize: 2 })),
    );
    try {
      await Promise.all(instances.map((db) => runMigrations(db)));
      for (const db of instances) {
        expect(await appliedMigrationCount(db)).toBe(expectedMigrationCount());
      }
    } finally {
      await Promise.all(instances.map((db) => db.close()));
      await target.drop();
    }
  });
});

describe.runIf(testBackend() === 'pglite')('migrations on the embedded database', () => {
  it('migrates a brand-new database and is idempotent on the second run', async () => {
    const db = await openDatabase({ kind: 'pglite-memory' });
    try {
      await runMigrations(db);
      await runMigrations(db);
      expect(await appliedMigrationCount(db)).toBe(expectedMigrationCount());
    } finally {
      await db.close();
    }
  });
});
