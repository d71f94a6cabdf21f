import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, open, openBytes, seal, sealBytes } from './aead.ts';

const key = randomBytes(32);
const AAD = 'sessions.notes:7f1c0d3e-0000-4000-8000-000000000001';
const SECRET = '来访者说：我最近总是睡不着';

/** Runs `fn`, expects a DecryptionError, and checks its message reveals nothing. */
function expectDecryptionError(fn: () => unknown, ...secrets: (string | Buffer)[]): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(DecryptionError);
  const text = `${String(caught)} ${(caught as Error).stack ?? ''}`;
  for (const s of [SECRET, key, ...secrets]) {
    const forms = typeof s === 'string' ? [s] : [s.toString('base64'), s.toString('hex')];
    for (const form of forms) expect(text).not.toContain(form);
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/';

/** The envelope with the character at `i` replaced by each other character it could hold. */
function variantsAt(envelope: string, i: number): string[] {
  return Array.from(ALPHABET)
    .filter((c) => c !== envelope[i])
    .map((c) => envelope.slice(0, i) + c + envelope.slice(i + 1));
}

describe('seal / open (AES-256-GCM)', () => {
  it('round-trips text, including an empty value and binary data', () => {
    expect(open(key, seal(key, Buffer.from(SECRET), AAD), AAD).toString()).toBe(SECRET);
    expect(open(key, seal(key, Buffer.alloc(0), AAD), AAD)).toHaveLength(0);
    const binary = randomBytes(4096);
    expect(open(key, seal(key, binary, AAD), AAD).equals(binary)).toBe(true);
  });

  it('writes a v1 envelope of four base64url parts with a 12-byte nonce and 16-byte tag', () => {
    const parts = seal(key, Buffer.from(SECRET), AAD).split('.');
    expect(parts).toHaveLength(4);
    expect(parts[0]).toBe('v1');
    expect(Buffer.from(parts[1] ?? '', 'base64url')).toHaveLength(12);
    expect(Buffer.from(parts[3] ?? '', 'base64url')).toHaveLength(16);
    expect(parts.join('.')).not.toContain(Buffer.from(SECRET).toString('base64url'));
  });

  it('fails with a wrong key', () => {
    const envelope = seal(key, Buffer.from(SECRET), AAD);
    const other = randomBytes(32);
    expectDecryptionError(() => open(other, envelope, AAD), other);
  });

  it('fails with other associated data (another record id, field or table)', () => {
    const envelope = seal(key, Buffer.from(SECRET), AAD);
    for (const aad of [
      'sessions.notes:7f1c0d3e-0000-4000-8000-000000000002',
      'sessions.summary:7f1c0d3e-0000-4000-8000-000000000001',
      'contacts.notes:7f1c0d3e-0000-4000-8000-000000000001',
      '',
    ]) {
      expectDecryptionError(() => open(key, envelope, aad));
    }
  });

  it('fails when any character of the envelope is changed, even to one decoding the same', () => {
    // The last character of a part carries spare bits a lenient decoder ignores.
    const envelope = seal(key, Buffer.from(SECRET), AAD);
    for (let i = 0; i < envelope.length; i++) {
      for (const variant of variantsAt(envelope, i)) {
        expectDecryptionError(() => open(key, variant, AAD));
      }
    }
  });

  it('fails when any bit of the nonce, ciphertext or tag is flipped', () => {
    const [v, ...parts] = seal(key, Buffer.from(SECRET), AAD).split('.');
    for (let p = 0; p < parts.length; p++) {
      const bytes = Buffer.from(parts[p] ?? '', 'base64url');
      for (let bit = 0; bit < bytes.length * 8; bit += 7) {
        const flipped = Buffer.from(bytes);
        flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        const copy = [...parts];
        copy[p] = flipped.toString('base64url');
        expectDecryptionError(() => open(key, [v, ...copy].join('.'), AAD));
      }
    }
  });

  it('fails on truncated, extended or malformed envelopes', () => {
    const envelope = seal(key, Buffer.from(SECRET), AAD);
    const [v, nonce, ct, tag] = envelope.split('.') as [string, string, string, string];
    const shortTag = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    const cases = [
      '',
      'v1',
      envelope.slice(0, -1),
      envelope.slice(0, envelope.lastIndexOf('.')),
      `${envelope}.AAAA`,
      `${envelope}=`,
      [v, nonce, ct, shortTag].join('.'), // a 4-byte tag Node would otherwise accept
      [v, nonce.slice(0, 8), ct, tag].join('.'),
      [v, nonce, ct.slice(0, -2), tag].join('.'),
      [v, nonce, `${ct}!`, tag].join('.'),
      ['v2', nonce, ct, tag].join('.'),
    ];
    for (let i = 1; i < envelope.length; i += 3) cases.push(envelope.slice(0, i));
    for (const bad of cases) expectDecryptionError(() => open(key, bad, AAD));
  });

  it('uses a fresh nonce for every seal', () => {
    const nonces = new Set<string>();
    const envelopes = new Set<string>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const envelope = seal(key, Buffer.from('same text'), AAD);
      envelopes.add(envelope);
      nonces.add(envelope.split('.')[1] ?? '');
    }
    expect(nonces.size).toBe(n);
    expect(envelopes.size).toBe(n);
  });

  it('refuses keys of the wrong size without echoing them', () => {
    const short = randomBytes(16);
    expect(() => seal(short, Buffer.from(SECRET), AAD)).toThrow(RangeError);
    expect(() => seal(short, Buffer.from(SECRET), AAD)).not.toThrow(short.toString('hex'));
    expect(() => open(randomBytes(31), seal(key, Buffer.from(SECRET), AAD), AAD)).toThrow(
      /32-byte key/,
    );
  });
});

describe('binary envelopes (uploaded files)', () => {
  const bytes = randomBytes(4096);

  it('round-trips the bytes under the same key and associated data', () => {
    expect(openBytes(key, sealBytes(key, bytes, AAD), AAD).equals(bytes)).toBe(true);
  });

  it('refuses another associated data, a flipped bit anywhere and a truncated envelope', () => {
    const env = sealBytes(key, bytes, AAD);
    expect(() => openBytes(key, env, `${AAD}x`)).toThrow(DecryptionError);
    for (const i of [0, 1, 13, 2000, env.length - 1]) {
      const tampered = Buffer.from(env);
      tampered[i] = (tampered[i] ?? 0) ^ 1;
      expect(() => openBytes(key, tampered, AAD)).toThrow(DecryptionError);
    }
    expect(() => openBytes(key, env.subarray(0, 20), AAD)).toThrow(DecryptionError);
  });

  it('holds no run of the plaintext', () => {
    const env = sealBytes(key, bytes, AAD);
    expect(env.includes(bytes.subarray(100, 132))).toBe(false);
  });
});
