import type { VaultScope } from '../../../platform/crypto/vault.ts';
import type { Db } from '../../../platform/db/database.ts';

/** The person an export is about. */
export interface ExportSubject {
  organizationId: string;
  userId: string;
}

/** One plain record of an export: values are strings, numbers, booleans, null or plain JSON. */
export type ExportRecord = Record<string, unknown>;

/**
 * One table's part of a person's export (B3, B11). A module holding personal data adds a file in
 * `sources/` and a line in `sources/index.ts`; the export then covers it, JSON and HTML alike.
 * `collect` reads only the subject's rows and decrypts what is sealed under their key.
 */
export interface ExportSource {
  /** The section's key in the export (also its heading's translation key). */
  name: string;
  collect(tx: Db, vault: VaultScope, subject: ExportSubject): Promise<ExportRecord[]>;
}

/** The person's own key, where their sealed fields are. */
export const personKey = (userId: string) => ({ type: 'person' as const, id: userId });

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
