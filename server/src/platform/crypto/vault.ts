import { createHmac, randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { dataKeys } from '../db/schema/index.ts';
import { DecryptionError, open, seal } from './aead.ts';
import type { Keyring } from './keyring.ts';

export interface KeyOwner {
  type: 'person' | 'organization';
  id: string;
}

/** Where a ciphertext belongs: binding it here stops a value being moved to another row or field. */
export interface FieldRef {
  table: string;
  field: string;
  recordId: string;
}

const aadOf = (ref: FieldRef) => `${ref.table}.${ref.field}:${ref.recordId}`;
const wrapAad = (owner: KeyOwner) => `data-key:${owner.type}:${owner.id}`;

export class DataKeyDestroyedError extends Error {
  constructor(readonly owner: KeyOwner) {
    super(`the data key of ${owner.type} ${owner.id} was destroyed`);
  }
}

/**
 * Envelope encryption of sensitive fields (B6). Every owner has a random AES-256 data key, stored
 * wrapped by the current master key; fields are sealed with AES-256-GCM under the owner's data
 * key with the field's place as associated data. Destroying the wrapped key (crypto-shredding)
 * makes every field of that owner unreadable, including in backups.
 *
 * Keys are cached only within a `VaultScope` (one request or transaction): a process-wide cache
 * could keep a key created in a transaction that then rolled back, or one shredded elsewhere.
 */
export class Vault {
  constructor(readonly keyring: Keyring) {}

  /** Encryption and decryption on `db` (usually a transaction) for one organisation. */
  scope(db: Db, organizationId: string): VaultScope {
    return new VaultScope(this, db, organizationId);
  }

  /** A keyed, deterministic digest for look-ups (e-mail, phone) without storing them in clear. */
  blindIndex(kind: string, normalized: string): string {
    return createHmac('sha256', this.keyring.indexKey)
      .update(`${kind}:${normalized}`)
      .digest('base64url');
  }

  /** Digest of a secret token (session, reset link, code) for storage and comparison. */
  tokenDigest(purpose: string, token: string): string {
    return createHmac('sha256', this.keyring.tokenKey)
      .update(`${purpose}:${token}`)
      .digest('base64url');
  }

  /** Re-wraps every data key under the current master key; returns how many changed. */
  async rewrapAll(db: Db): Promise<number> {
    const current = this.keyring.currentMasterKeyId;
    const master = this.masterKey(current);
    const rows = await db.select().from(dataKeys);
    let changed = 0;
    for (const row of rows) {
      if (!row.wrappedKey || !row.masterKeyId || row.masterKeyId === current) continue;
      const owner: KeyOwner = { type: row.ownerType, id: row.ownerId };
      const key = open(this.masterKey(row.masterKeyId), row.wrappedKey, wrapAad(owner));
      await db
        .update(dataKeys)
        .set({ wrappedKey: seal(master, key, wrapAad(owner)), masterKeyId: current })
        .where(eq(dataKeys.id, row.id));
      changed++;
    }
    return changed;
  }

  /** @internal */
  masterKey(id: string): Buffer {
    const key = this.keyring.masterKeys.get(id);
    if (!key) throw new DecryptionError();
    return key;
  }
}

export class VaultScope {
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly vault: Vault,
    private readonly db: Db,
    readonly organizationId: string,
  ) {}

  async encrypt(owner: KeyOwner, ref: FieldRef, value: string): Promise<string> {
    return seal(await this.dataKey(owner, true), Buffer.from(value, 'utf8'), aadOf(ref));
  }

  async encryptOrNull(owner: KeyOwner, ref: FieldRef, value: string | null | undefined) {
    return value === null || value === undefined ? null : this.encrypt(owner, ref, value);
  }

  async decrypt(owner: KeyOwner, ref: FieldRef, envelope: string): Promise<string> {
    return open(await this.dataKey(owner, false), envelope, aadOf(ref)).toString('utf8');
  }

  /** Like decrypt, but an absent value or a shredded owner reads as `null`. */
  async decryptOrNull(owner: KeyOwner, ref: FieldRef, envelope: string | null) {
    if (envelope === null) return null;
    try {
      return await this.decrypt(owner, ref, envelope);
    } catch (err) {
      if (err instanceof DataKeyDestroyedError) return null;
      throw err;
    }
  }

  /** Crypto-shredding: the primitive that deletion builds on. Irreversible once committed. */
  async destroyDataKey(owner: KeyOwner): Promise<boolean> {
    this.keys.delete(cacheKey(owner));
    const rows = await this.db
      .update(dataKeys)
      .set({ wrappedKey: null, masterKeyId: null, destroyedAt: new Date() })
      .where(ownerWhere(this.organizationId, owner))
      .returning({ id: dataKeys.id });
    return rows.length > 0;
  }

  private async dataKey(owner: KeyOwner, create: boolean): Promise<Buffer> {
    const ck = cacheKey(owner);
    const hit = this.keys.get(ck);
    if (hit) return hit;
    const where = ownerWhere(this.organizationId, owner);
    let row = (await this.db.select().from(dataKeys).where(where).limit(1))[0];
    if (!row && create) {
      const current = this.vault.keyring.currentMasterKeyId;
      await this.db
        .insert(dataKeys)
        .values({
          organizationId: this.organizationId,
          ownerType: owner.type,
          ownerId: owner.id,
          wrappedKey: seal(this.vault.masterKey(current), randomBytes(32), wrapAad(owner)),
          masterKeyId: current,
        })
        .onConflictDoNothing();
      // Another transaction may have won the insert: use whichever key is stored.
      row = (await this.db.select().from(dataKeys).where(where).limit(1))[0];
    }
    if (!row) throw new DecryptionError();
    if (!row.wrappedKey || !row.masterKeyId) throw new DataKeyDestroyedError(owner);
    const key = open(this.vault.masterKey(row.masterKeyId), row.wrappedKey, wrapAad(owner));
    this.keys.set(ck, key);
    return key;
  }
}

const cacheKey = (owner: KeyOwner) => `${owner.type}:${owner.id}`;

function ownerWhere(organizationId: string, owner: KeyOwner) {
  return and(
    eq(dataKeys.organizationId, organizationId),
    eq(dataKeys.ownerType, owner.type),
    eq(dataKeys.ownerId, owner.id),
  );
}
