import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { UPLOAD_MAX_BYTES } from '@anxin/common';
import type { VaultScope } from '../crypto/vault.ts';
import type { Db } from '../db/database.ts';
import { storedFiles } from '../db/schema/index.ts';
import { AppError } from '../http/app-error.ts';

export type FilePurpose = (typeof storedFiles.$inferSelect)['purpose'];

export interface StoredFileInfo {
  id: string;
  mediaType: string;
  sizeBytes: number;
}

const LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/**
 * What the bytes are, from their magic numbers (the name and the declared Content-Type are the
 * uploader's claims, so neither is believed). Refuses anything outside `allowed` with a problem
 * that says what was found and what is accepted.
 */
export async function sniffAllowed(bytes: Buffer, allowed: readonly string[]): Promise<string> {
  if (bytes.length === 0) {
    throw new AppError('validation_failed', 'The file is empty.', [
      { path: 'body', message: 'The file is empty', code: 'too_small' },
    ]);
  }
  if (bytes.length > UPLOAD_MAX_BYTES) throw new AppError('payload_too_large');
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !allowed.includes(found.mime)) {
    const accepted = allowed.map((m) => LABELS[m] ?? m).join(', ');
    throw new AppError(
      'file_type_not_allowed',
      `The content of this file is ${found ? found.mime : 'not a recognised type'}, whatever its name says. Accepted: ${accepted}.`,
    );
  }
  return found.mime;
}

const contentRef = (id: string) => ({ table: 'stored_files', field: 'content', recordId: id });
const nameRef = (id: string) => ({ table: 'stored_files', field: 'name', recordId: id });

/**
 * Stores an upload sealed under its owner's data key, on the caller's transaction (`vault` must
 * be scoped on the same `tx`), so the file exists only if the change that refers to it commits.
 */
export async function storeFile(
  tx: Db,
  vault: VaultScope,
  input: {
    ownerId: string;
    purpose: FilePurpose;
    bytes: Buffer;
    name?: string | null;
    allowed: readonly string[];
  },
): Promise<StoredFileInfo> {
  const mediaType = await sniffAllowed(input.bytes, input.allowed);
  const id = randomUUID(); // made here: the ciphertext is bound to it
  const owner = { type: 'person', id: input.ownerId } as const;
  await tx.insert(storedFiles).values({
    id,
    organizationId: vault.organizationId,
    ownerId: input.ownerId,
    purpose: input.purpose,
    mediaType,
    sizeBytes: input.bytes.length,
    nameEnc: await vault.encryptOrNull(owner, nameRef(id), input.name?.slice(0, 255) ?? null),
    contentEnc: await vault.encryptBytes(owner, contentRef(id), input.bytes),
  });
  return { id, mediaType, sizeBytes: input.bytes.length };
}

/** Size and type without the bytes (for listings). */
export async function fileInfo(
  db: Db,
  organizationId: string,
  fileId: string | null,
): Promise<StoredFileInfo | null> {
  if (!fileId) return null;
  const row = (
    await db
      .select({
        id: storedFiles.id,
        mediaType: storedFiles.mediaType,
        sizeBytes: storedFiles.sizeBytes,
      })
      .from(storedFiles)
      .where(and(eq(storedFiles.organizationId, organizationId), eq(storedFiles.id, fileId)))
  )[0];
  return row ?? null;
}

/**
 * The file decrypted, or null when it does not exist in this organisation or its owner's key was
 * shredded. The caller decides who may read it and audits the read first.
 */
export async function readFile(
  db: Db,
  vault: VaultScope,
  fileId: string,
): Promise<{ mediaType: string; bytes: Buffer; name: string | null; ownerId: string } | null> {
  const row = (
    await db
      .select()
      .from(storedFiles)
      .where(and(eq(storedFiles.organizationId, vault.organizationId), eq(storedFiles.id, fileId)))
  )[0];
  if (!row) return null;
  const owner = { type: 'person', id: row.ownerId } as const;
  const name = await vault.decryptOrNull(owner, nameRef(row.id), row.nameEnc);
  try {
    const bytes = await vault.decryptBytes(owner, contentRef(row.id), row.contentEnc);
    return { mediaType: row.mediaType, bytes, name, ownerId: row.ownerId };
  } catch (err) {
    if (err instanceof Error && err.name === 'DataKeyDestroyedError') return null;
    throw err;
  }
}

export async function deleteFile(tx: Db, organizationId: string, fileId: string): Promise<void> {
  await tx
    .delete(storedFiles)
    .where(and(eq(storedFiles.organizationId, organizationId), eq(storedFiles.id, fileId)));
}
