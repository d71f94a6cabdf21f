import { sql } from 'drizzle-orm';
import type { KeyOwner, VaultScope } from '../../../platform/crypto/vault.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { SealSource } from './erasure-source.ts';

type Values = Record<string, string | null>;

/** The encrypted columns of some rows of a sealable table, by id (names come from the registry). */
export async function readSealedColumns(
  tx: Db,
  source: SealSource,
  ids: readonly string[],
): Promise<Map<string, Values>> {
  if (ids.length === 0) return new Map();
  const columns = sql.join(
    source.fields.map((f) => sql.identifier(f.column)),
    sql`, `,
  );
  const idList = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const result = await tx.execute(
    sql`SELECT id::text AS id, ${columns} FROM ${sql.identifier(source.table)} WHERE id IN (${idList})`,
  );
  const { rows } = result as { rows: (Values & { id: string })[] };
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Re-encrypts the sealed fields of each row from `from` to `to` (same place, so the associated
 * data is unchanged). Runs before `from` is destroyed, in the same transaction.
 */
export async function reencryptRows(
  tx: Db,
  vault: VaultScope,
  source: SealSource,
  ids: readonly string[],
  from: KeyOwner,
  to: KeyOwner,
): Promise<void> {
  const rows = await readSealedColumns(tx, source, ids);
  // Tables whose content may never change otherwise (signed record versions) let their sealed
  // columns be re-encrypted only inside a transaction that says it is re-sealing.
  await tx.execute(sql`SELECT set_config('anxin.resealing', 'on', true)`);
  for (const [id, row] of rows) {
    const sets = [];
    for (const f of source.fields) {
      const value = row[f.column];
      if (value === null || value === undefined) continue;
      const ref = { table: source.table, field: f.field, recordId: id };
      const plain = await vault.decrypt(from, ref, value);
      sets.push(sql`${sql.identifier(f.column)} = ${await vault.encrypt(to, ref, plain)}`);
    }
    if (sets.length === 0) continue;
    await tx.execute(
      sql`UPDATE ${sql.identifier(source.table)} SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`,
    );
  }
}

/** The sealed fields of some rows in clear (break-glass reading of a seal). */
export async function decryptSealedRows(
  tx: Db,
  vault: VaultScope,
  source: SealSource,
  ids: readonly string[],
  owner: KeyOwner,
) {
  const rows = await readSealedColumns(tx, source, ids);
  const out: { table: string; id: string; fields: Values }[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    if (!row) continue;
    const fields: Values = {};
    for (const f of source.fields) {
      const ref = { table: source.table, field: f.field, recordId: id };
      fields[f.field] = await vault.decryptOrNull(owner, ref, row[f.column] ?? null);
    }
    out.push({ table: source.table, id, fields });
  }
  return out;
}
