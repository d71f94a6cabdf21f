import { existsSync, rmSync } from 'node:fs';
import { isNull } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { dataKeys } from '../db/schema/index.ts';
import {
  addMasterKey,
  buildKeyring,
  createKeyringFile,
  decodeKey,
  keyId,
  KeyringError,
  readKeyringFile,
  writeKeyringFile,
  type KeyringFile,
} from './keyring.ts';
import { Vault } from './vault.ts';

export interface RotationInput {
  keyringFile: string;
  /** ANXIN_MASTER_KEY: set means the operator supplies the new key; none is generated. */
  masterKey: string | undefined;
  /** ANXIN_PREVIOUS_MASTER_KEY, split: the keys being rotated away from. */
  previousMasterKeys: readonly string[];
  /** Remove master keys from the file that no data key uses any more. */
  retire: boolean;
}

export interface RotationReport {
  source: 'file' | 'environment';
  currentMasterKeyId: string;
  /** Set when a new master key was generated into the keyring file. */
  generatedMasterKeyId: string | undefined;
  rewrapped: number;
  /** Live data keys per master key after the rotation. */
  usage: ReadonlyMap<string, number>;
  destroyed: number;
  /** Master keys removed from the file by `retire`. */
  retired: string[];
  /** Keys from ANXIN_PREVIOUS_MASTER_KEY that data keys still need. */
  previousStillUsed: string[];
}

/** Where a rotation keeps its new keyring until the database has committed (see below). */
export const stagingPath = (keyringFile: string) => `${keyringFile}.next`;

/**
 * Rotates the master key: a new current key (generated into the file, or ANXIN_MASTER_KEY), every
 * data key re-wrapped in one transaction, then the keyring file replaced atomically.
 *
 * The order protects against losing keys. The new keyring is first written beside the old one as
 * `keyring.json.next`: after the commit the data keys need the new master key, so it must already
 * be on disk if the process dies between the commit and the final write. A rolled-back
 * transaction removes it; a leftover one means an interrupted rotation and stops the next.
 *
 * `database` is undefined when there is none yet (nothing to re-wrap).
 */
export async function rotateMasterKey(
  database: Database | undefined,
  input: RotationInput,
): Promise<RotationReport> {
  if (!existsSync(input.keyringFile)) {
    throw new KeyringError(`No keyring at ${input.keyringFile}: nothing to rotate.`);
  }
  const staging = stagingPath(input.keyringFile);
  if (existsSync(staging)) {
    throw new KeyringError(
      `${staging} exists: an earlier rotation was interrupted. If the server reports a missing ` +
        `master key, move it over ${input.keyringFile}; otherwise delete it. Then run this again.`,
    );
  }
  const fromEnv = input.masterKey !== undefined;
  if (input.masterKey !== undefined) {
    assertNewKeyDiffers(input.masterKey, input.previousMasterKeys);
  }
  const oldFile = readKeyringFile(input.keyringFile);
  const rotated = fromEnv ? undefined : addMasterKey(oldFile);
  let file = rotated?.file ?? oldFile;
  const vault = new Vault(
    buildKeyring(file, {
      masterKey: input.masterKey,
      previousMasterKeys: input.previousMasterKeys,
    }),
  );

  if (rotated && !createKeyringFile(staging, file)) {
    throw new KeyringError(`${staging} appeared while rotating: is another rotation running?`);
  }
  const withTable = database && (await hasDataKeyTable(database)) ? database : undefined;
  let rewrapped = 0;
  try {
    if (withTable) rewrapped = await withTable.db.transaction((tx) => vault.rewrapAll(tx));
  } catch (err) {
    rmSync(staging, { force: true });
    throw err;
  }
  if (rotated) {
    try {
      writeKeyringFile(input.keyringFile, file);
    } catch {
      throw new KeyringError(
        `The data keys were re-wrapped but ${input.keyringFile} could not be replaced. The new ` +
          `keyring is in ${staging}: move it over ${input.keyringFile} before starting the server.`,
      );
    }
    rmSync(staging, { force: true });
  }

  const usage = withTable ? await vault.masterKeyUsage(withTable.db) : new Map<string, number>();
  let retired: string[] = [];
  if (input.retire) {
    ({ file, retired } = retireUnused(file, vault.keyring.currentMasterKeyId, usage));
    if (retired.length > 0) writeKeyringFile(input.keyringFile, file);
  }
  return {
    source: fromEnv ? 'environment' : 'file',
    currentMasterKeyId: vault.keyring.currentMasterKeyId,
    generatedMasterKeyId: rotated?.id,
    rewrapped,
    usage,
    destroyed: withTable ? await withTable.db.$count(dataKeys, isNull(dataKeys.wrappedKey)) : 0,
    retired,
    previousStillUsed: input.previousMasterKeys
      .map((k) => keyId(decodeKey(k, 'ANXIN_PREVIOUS_MASTER_KEY')))
      .filter((id) => usage.has(id)),
  };
}

/** Forgetting to change ANXIN_MASTER_KEY would make the "rotation" a silent no-op. */
function assertNewKeyDiffers(masterKey: string, previous: readonly string[]): void {
  const current = keyId(decodeKey(masterKey, 'ANXIN_MASTER_KEY'));
  for (const p of previous) {
    if (keyId(decodeKey(p, 'ANXIN_PREVIOUS_MASTER_KEY')) === current) {
      throw new RotationUsageError(
        'ANXIN_PREVIOUS_MASTER_KEY is the same key as ANXIN_MASTER_KEY: put the new key in ' +
          'ANXIN_MASTER_KEY and the old one in ANXIN_PREVIOUS_MASTER_KEY.',
      );
    }
  }
}

/** The operator asked for something that cannot be a rotation (exit status 2 in the CLI). */
export class RotationUsageError extends KeyringError {
  override readonly name = 'RotationUsageError';
}

/**
 * Drops master keys no live data key uses. The current key always stays; in environment mode the
 * file may end with no master key at all, which is what we want (the key lives in the env).
 */
function retireUnused(
  file: KeyringFile,
  currentId: string,
  usage: ReadonlyMap<string, number>,
): { file: KeyringFile; retired: string[] } {
  const keep = (id: string) => id === currentId || usage.has(id);
  const ids = Object.keys(file.masterKeys);
  const { current, masterKeys, ...rest } = file;
  return {
    retired: ids.filter((id) => !keep(id)),
    file: {
      ...rest,
      ...(current !== undefined && keep(current) ? { current } : {}),
      masterKeys: Object.fromEntries(Object.entries(masterKeys).filter(([id]) => keep(id))),
    },
  };
}

/** A database the server has never migrated has no data keys (and no table to query). */
async function hasDataKeyTable(database: Database): Promise<boolean> {
  const rows = await database.query<{ t: string | null }>(
    `SELECT to_regclass('public.data_keys')::text AS t`,
  );
  return typeof rows[0]?.t === 'string';
}
