import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEY_BYTES } from './aead.ts';

/** The owners whose keys carry a share: those that deletion must be able to shred (ADR 0008). */
export type ShareOwner = { type: 'person' | 'seal'; id: string };

/**
 * The second half of a shreddable data key, kept outside the database (ADR 0008). The database
 * holds the wrapped key; the data key is derived from it and the share. Erasing the share makes
 * the key unrecoverable from every dump of the database, earlier ones included, which the master
 * key alone cannot do: it still unwraps the key copy inside an old dump.
 */
export interface KeyShareStore {
  /** The owner's share, created at random if there is none; concurrent callers get the same. */
  obtain(owner: ShareOwner): Promise<Buffer>;
  /** The owner's share, or undefined once erased (or never made). */
  get(owner: ShareOwner): Promise<Buffer | undefined>;
  /** Erases the share; erasing an absent share is not an error (the sweep may repeat). */
  erase(owner: ShareOwner): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Shares as one small file per owner under a directory: the embedded default keeps it in the data
 * directory, beside (not inside) the database. Several server processes must point at the same
 * directory (ANXIN_KEY_SHARE_DIR on shared storage). Creation is atomic: the share is written and
 * synced under a temporary name, then hard-linked into place, which fails if another process won.
 */
export class DirectoryKeyShareStore implements KeyShareStore {
  constructor(readonly dir: string) {}

  private pathOf(owner: ShareOwner): string {
    // The id becomes a file name: refuse anything that is not a uuid rather than trust it.
    if (!UUID.test(owner.id)) throw new Error(`not a key owner id: ${owner.id}`);
    const id = owner.id.toLowerCase();
    return join(this.dir, owner.type, id.slice(0, 2), id);
  }

  async get(owner: ShareOwner): Promise<Buffer | undefined> {
    try {
      const share = await readFile(this.pathOf(owner));
      if (share.length !== KEY_BYTES) throw new Error(`the key share of ${owner.id} is damaged`);
      return share;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async obtain(owner: ShareOwner): Promise<Buffer> {
    const existing = await this.get(owner);
    if (existing) return existing;
    const path = this.pathOf(owner);
    await mkdir(join(path, '..'), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const share = randomBytes(KEY_BYTES);
    const file = await open(temporary, 'wx', 0o600);
    try {
      await file.writeFile(share);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await link(temporary, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await unlink(temporary);
    }
    const stored = await this.get(owner);
    if (!stored) throw new Error(`the key share of ${owner.id} vanished while it was made`);
    return stored;
  }

  async erase(owner: ShareOwner): Promise<void> {
    try {
      await unlink(this.pathOf(owner));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/** A store in a fresh temporary directory: tests and benches that make their own keyring. */
export function temporaryKeyShares(): DirectoryKeyShareStore {
  return new DirectoryKeyShareStore(mkdtempSync(join(tmpdir(), 'anxin-key-shares-')));
}

export const hasShare = (owner: { type: string }): owner is ShareOwner =>
  owner.type === 'person' || owner.type === 'seal';
