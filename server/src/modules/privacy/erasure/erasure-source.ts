import type { RetentionRecordType, RetentionSettings } from '@anxin/common';
import type { VaultScope } from '../../../platform/crypto/vault.ts';
import type { Db } from '../../../platform/db/database.ts';

/** One erasure of one person, inside one transaction. */
export interface ErasureRun {
  tx: Db;
  vault: VaultScope;
  organizationId: string;
  subjectUserId: string;
  now: Date;
  settings: RetentionSettings;
}

/** An encrypted text column and the field name its ciphertexts are bound to (`table.field:id`). */
export interface SealedField {
  column: string;
  field: string;
}

export interface SealableRow {
  id: string;
  /** When the record's retention floor starts counting (e.g. the episode's close). */
  floorFrom: Date;
}

/**
 * How one table takes part in deleting a person (B11). Three ways:
 * - `erase`: removed (rows deleted or fields emptied) at once;
 * - `seal`: rows under a retention floor or a legal hold are re-encrypted under a seal key and
 *   kept until the floor passes; the others are erased at once with `eraseRows`;
 * - `keep`: rows hold no personal content and stay for statistics, linked only to the tombstone.
 */
export type ErasureSource =
  | {
      kind: 'erase';
      category: string;
      /** Returns how many records were destroyed. */
      eraseAll(run: ErasureRun): Promise<number>;
    }
  | {
      kind: 'seal';
      category: string;
      table: string;
      recordType: RetentionRecordType;
      fields: readonly SealedField[];
      /** The person's rows that still hold sealable data. */
      findSealable(run: ErasureRun): Promise<SealableRow[]>;
      /** Destroys the data of these rows (at erasure past the floor, or when a seal ends). */
      eraseRows(tx: Db, organizationId: string, ids: readonly string[]): Promise<number>;
    }
  | {
      kind: 'keep';
      category: string;
      count(run: ErasureRun): Promise<number>;
    };

export type SealSource = Extract<ErasureSource, { kind: 'seal' }>;

export const DAY_MS = 86_400_000;
/** The floor of a record type in milliseconds. */
export const floorMs = (settings: RetentionSettings, type: RetentionRecordType) =>
  settings[type].floorDays * DAY_MS;
