import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { dataKeys } from '../db/schema/index.ts';
import { DecryptionError, KEY_BYTES, open, openBytes, seal, sealBytes } from './aead.ts';
import { hasShare, type KeyShareStore } from './key-shares.ts';
import { MasterKeyMissingError, type Keyring } from './keyring.ts';

export interface KeyOwner {
  type: 'person' | 'organization' | 'seal';
  id: string;
}

/** Where a ciphertext belongs: binding it here stops a value being moved to another row or field. */
export interface FieldRef {
  table: string;
  field: string;
  recordId: string;
}

const aadOf = (ref: FieldRef) => `${ref.table}.${ref.field}:${ref.recordId}`;
/** Binds a wrapped data key to its owner, so a wrapped key copied to another owner's row fails. */
export const dataKeyAad = (owner: KeyOwner) => `data-key:${owner.type}:${owner.id}`;

export class DataKeyDestroyedError extends Error {
  override readonly name = 'DataKeyDestroyedError';
  constructor(readonly owner: KeyOwner) {
    super(`the data key of ${owner.type} ${owner.id} was destroyed`);
  }
}

/**
 * Envelope encryption of sensitive fields (ADR 0004). Every owner has a random AES-256 data key,
 * stored wrapped by the current master key; fields are sealed with AES-256-GCM under the owner's
 * data key with the field's place as associated data. Destroying the wrapped key
 * (crypto-shredding) makes every field of that owner unreadable, including in backups taken after.
 *
 * Keys are cached only within a `VaultScope` (one request or transaction): a process-wide cache
 * could keep a key created in a transaction that then rolled back, or one shredded elsewhere.
 */
export class Vault {
  constructor(
    readonly keyring: Keyring,
    /**
     * Where the shares of shreddable keys live, outside the database (ADR 0008). Tools that only
     * re-wrap keys (rotation) need none; using a person's key without one is refused.
     */
    readonly shares: KeyShareStore = NO_SHARES,
  ) {}

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

  /**
   * Re-wraps every live data key under the current master key; returns how many changed. Run it
   * in one transaction, so a failure (a missing old master key) leaves every row as it was.
   */
  async rewrapAll(db: Db): Promise<number> {
    const current = this.keyring.currentMasterKeyId;
    const master = this.masterKey(current);
    const rows = await db.select().from(dataKeys).where(isNotNull(dataKeys.wrappedKey));
    let changed = 0;
    for (const row of rows) {
      if (!row.wrappedKey || !row.masterKeyId || row.masterKeyId === current) continue;
      const owner: KeyOwner = { type: row.ownerType, id: row.ownerId };
      const key = open(this.masterKey(row.masterKeyId), row.wrappedKey, dataKeyAad(owner));
      // Compare-and-set: a key shredded by a concurrent transaction after our read must stay
      // shredded, not be written back re-wrapped.
      const updated = await db
        .update(dataKeys)
        .set({ wrappedKey: seal(master, key, dataKeyAad(owner)), masterKeyId: current })
        .where(and(eq(dataKeys.id, row.id), eq(dataKeys.wrappedKey, row.wrappedKey)))
        .returning({ id: dataKeys.id });
      key.fill(0);
      changed += updated.length;
    }
    return changed;
  }

  /** How many live data keys each master key wraps (rotation counts, retiring old keys). */
  async masterKeyUsage(db: Db): Promise<Map<string, number>> {
    const rows = await db
      .select({ id: dataKeys.masterKeyId, n: sql`count(*)::int`.mapWith(Number) })
      .from(dataKeys)
      .where(isNotNull(dataKeys.wrappedKey))
      .groupBy(dataKeys.masterKeyId);
    return new Map(rows.flatMap((r) => (r.id ? [[r.id, r.n] as const] : [])));
  }

  /** Master keys that wrap data keys but are not in the keyring: check this at start-up. */
  async missingMasterKeys(db: Db): Promise<string[]> {
    const used = await this.masterKeyUsage(db);
    return [...used.keys()].filter((id) => !this.keyring.masterKeys.has(id));
  }

  /**
   * Erases the shares of keys whose destruction has committed, then records that. Run after the
   * destroying transaction commits (erasing inside it could not be undone by a rollback, leaving
   * data unreadable that the database still holds as live) and by a periodic job, which finishes
   * whatever a crash interrupted. Idempotent; returns how many shares it erased.
   */
  async finishShredding(db: Db): Promise<number> {
    const pending = await db
      .select({ id: dataKeys.id, ownerType: dataKeys.ownerType, ownerId: dataKeys.ownerId })
      .from(dataKeys)
      .where(
        and(
          eq(dataKeys.hasShare, true),
          isNull(dataKeys.wrappedKey),
          isNull(dataKeys.shareDestroyedAt),
        ),
      );
    for (const row of pending) {
      const owner = { type: row.ownerType, id: row.ownerId };
      if (hasShare(owner)) await this.shares.erase(owner);
      await db
        .update(dataKeys)
        .set({ shareDestroyedAt: new Date() })
        .where(eq(dataKeys.id, row.id));
    }
    return pending.length;
  }

  /** @internal */
  masterKey(id: string): Buffer {
    const key = this.keyring.masterKeys.get(id);
    if (!key) throw new MasterKeyMissingError(id);
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

  /** Large binary values (uploaded files): sealed the same way, without text encoding. */
  async encryptBytes(owner: KeyOwner, ref: FieldRef, value: Buffer): Promise<Buffer> {
    return sealBytes(await this.dataKey(owner, true), value, aadOf(ref));
  }

  async decryptBytes(owner: KeyOwner, ref: FieldRef, envelope: Buffer): Promise<Buffer> {
    return openBytes(await this.dataKey(owner, false), envelope, aadOf(ref));
  }

  /**
   * Like decrypt, but an absent value or a shredded owner reads as `null`. Anything else (a
   * tampered value, a missing master key) still throws: it must never pass for deleted data.
   */
  async decryptOrNull(owner: KeyOwner, ref: FieldRef, envelope: string | null) {
    if (envelope === null) return null;
    try {
      return await this.decrypt(owner, ref, envelope);
    } catch (err) {
      if (err instanceof DataKeyDestroyedError) return null;
      throw err;
    }
  }

  /**
   * Crypto-shredding: the primitive that deletion builds on. Irreversible once committed. An owner
   * without a key gets a destroyed one, so nothing can be encrypted for them afterwards either.
   * Returns whether a live key was destroyed.
   */
  async destroyDataKey(owner: KeyOwner): Promise<boolean> {
    this.keys.get(cacheKey(owner))?.fill(0);
    this.keys.delete(cacheKey(owner));
    // The tombstone insert goes first: it waits for a concurrent, uncommitted creation of the
    // same key, so the update below then sees (and destroys) that key instead of missing it.
    const tombstone = await this.db
      .insert(dataKeys)
      .values({ ...this.ownerValues(owner), destroyedAt: new Date() })
      .onConflictDoNothing()
      .returning({ id: dataKeys.id });
    if (tombstone.length > 0) return false;
    const rows = await this.db
      .update(dataKeys)
      .set({ wrappedKey: null, masterKeyId: null, destroyedAt: new Date() })
      .where(and(ownerWhere(this.organizationId, owner), isNotNull(dataKeys.wrappedKey)))
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
      const fresh = randomBytes(KEY_BYTES);
      // The share exists before the row that needs it; a rolled-back creation leaves an unused
      // share behind, which the next creation for this owner simply reuses.
      if (hasShare(owner)) await this.vault.shares.obtain(owner);
      await this.db
        .insert(dataKeys)
        .values({
          ...this.ownerValues(owner),
          wrappedKey: seal(this.vault.masterKey(current), fresh, dataKeyAad(owner)),
          masterKeyId: current,
          hasShare: hasShare(owner),
        })
        // Concurrent first use: the losing insert waits for the winner to commit, then does
        // nothing, and the select below (a new snapshot under READ COMMITTED) reads its key.
        .onConflictDoNothing();
      fresh.fill(0);
      row = (await this.db.select().from(dataKeys).where(where).limit(1))[0];
      // Still nothing: the unique (owner_type, owner_id) row belongs to another organisation.
      if (!row) throw new Error(`${owner.type} ${owner.id} is not an owner in this organisation`);
    }
    if (!row) throw new DecryptionError();
    const key = await this.keyOf(owner, row);
    this.keys.set(ck, key);
    return key;
  }

  /**
   * Loads the live keys of many owners into this scope with one query, so work that touches many
   * people at once (a batch of chat messages from many rooms) does not look them up one by one.
   * Owners without a key, or whose key was destroyed, are left out: using them later behaves as
   * it always does (created on encrypt, refused on decrypt).
   */
  async preload(owners: readonly KeyOwner[]): Promise<void> {
    const missing = owners.filter((o) => !this.keys.has(cacheKey(o)));
    if (missing.length === 0) return;
    const rows = await this.db
      .select()
      .from(dataKeys)
      .where(
        and(
          eq(dataKeys.organizationId, this.organizationId),
          inArray(dataKeys.ownerId, [...new Set(missing.map((o) => o.id))]),
          isNotNull(dataKeys.wrappedKey),
        ),
      );
    const wanted = new Set(missing.map(cacheKey));
    // The shares are files: read them side by side rather than one after another.
    await Promise.all(
      rows.map(async (row) => {
        const owner: KeyOwner = { type: row.ownerType, id: row.ownerId };
        if (!wanted.has(cacheKey(owner))) return;
        try {
          this.keys.set(cacheKey(owner), await this.keyOf(owner, row));
        } catch (err) {
          // A shredded share: leave it to the one-by-one path, which reports it where it is used.
          if (!(err instanceof DataKeyDestroyedError)) throw err;
        }
      }),
    );
  }

  /** The data key a stored row holds for its owner: unwrapped, and joined with its share. */
  private async keyOf(owner: KeyOwner, row: typeof dataKeys.$inferSelect): Promise<Buffer> {
    if (!row.wrappedKey || !row.masterKeyId) throw new DataKeyDestroyedError(owner);
    const wrapped = open(this.vault.masterKey(row.masterKeyId), row.wrappedKey, dataKeyAad(owner));
    if (!row.hasShare) return wrapped;
    const share = hasShare(owner) ? await this.vault.shares.get(owner) : undefined;
    // An erased share is a shredded key, whatever an old copy of the row says.
    if (!share) throw new DataKeyDestroyedError(owner);
    const key = Buffer.from(
      hkdfSync('sha256', wrapped, share, `anxin-data-key:${cacheKey(owner)}`, KEY_BYTES),
    );
    wrapped.fill(0);
    return key;
  }

  private ownerValues(owner: KeyOwner) {
    return { organizationId: this.organizationId, ownerType: owner.type, ownerId: owner.id };
  }
}

const refuse = (): never => {
  throw new Error('this vault has no key-share store: person and seal keys are unavailable');
};
const NO_SHARES: KeyShareStore = { obtain: refuse, get: refuse, erase: refuse };

const cacheKey = (owner: KeyOwner) => `${owner.type}:${owner.id}`;

function ownerWhere(organizationId: string, owner: KeyOwner) {
  return and(
    eq(dataKeys.organizationId, organizationId),
    eq(dataKeys.ownerType, owner.type),
    eq(dataKeys.ownerId, owner.id),
  );
}
