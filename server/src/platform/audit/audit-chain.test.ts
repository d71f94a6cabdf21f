import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalEvent, chainHash, genesisHash, type ChainedEvent } from './audit-chain.ts';

const key = randomBytes(32);
const event: ChainedEvent = {
  id: '0b5c6f0e-8a4b-4c39-9a3e-2f0f7d8f1a11',
  organizationId: '5d2f4a8e-1c3b-4e6f-8a9b-0c1d2e3f4a5b',
  seq: 7,
  createdAt: new Date('2026-11-22T04:05:06.789Z'),
  actorId: null,
  actorRole: 'counselor',
  action: 'record.read',
  entityType: 'record',
  entityId: 'r-1',
  subjectId: null,
  requestId: 'req-1',
  ip: '10.0.0.1',
  reason: null,
  changes: { status: { old: 'draft', new: 'signed' } },
};
const prev = genesisHash(key, event.organizationId);

describe('audit chain hashing', () => {
  it('covers every field: changing any one changes the hash', () => {
    const base = chainHash(key, prev, event);
    const variants: Partial<ChainedEvent>[] = [
      { id: '0b5c6f0e-8a4b-4c39-9a3e-2f0f7d8f1a12' },
      { organizationId: '5d2f4a8e-1c3b-4e6f-8a9b-0c1d2e3f4a5c' },
      { seq: 8 },
      { createdAt: new Date('2026-11-22T04:05:06.790Z') },
      { actorId: '5d2f4a8e-1c3b-4e6f-8a9b-0c1d2e3f4a5b' },
      { actorRole: 'supervisor' },
      { action: 'record.update' },
      { entityType: 'session' },
      { entityId: 'r-2' },
      { subjectId: '5d2f4a8e-1c3b-4e6f-8a9b-0c1d2e3f4a5b' },
      { requestId: 'req-2' },
      { ip: '10.0.0.2' },
      { reason: 'break glass' },
      { changes: { status: { old: 'draft', new: 'void' } } },
    ];
    for (const change of variants) {
      expect({ change, same: chainHash(key, prev, { ...event, ...change }) === base }).toEqual({
        change,
        same: false,
      });
    }
  });

  it('links to the previous hash and depends on the key', () => {
    const base = chainHash(key, prev, event);
    expect(chainHash(key, 'f'.repeat(64), event)).not.toBe(base);
    expect(chainHash(randomBytes(32), prev, event)).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the same event read back from the database the same way', () => {
    const fromDb: ChainedEvent = {
      ...event,
      createdAt: new Date(event.createdAt.getTime()),
      changes: JSON.parse('{"status": {"new": "signed", "old": "draft"}}') as unknown,
    };
    expect(chainHash(key, prev, fromDb)).toBe(chainHash(key, prev, event));
  });

  it('writes the event with sorted keys and the time in milliseconds', () => {
    const text = canonicalEvent(event);
    expect(text.startsWith('{"action":"record.read","actorId":null,')).toBe(true);
    expect(text).toContain('"createdAt":"2026-11-22T04:05:06.789Z"');
  });

  it('starts each organisation at its own genesis so chains cannot be spliced', () => {
    const other = genesisHash(key, '5d2f4a8e-1c3b-4e6f-8a9b-0c1d2e3f4a5c');
    expect(prev).not.toBe(other);
    expect(genesisHash(key, event.organizationId)).toBe(prev);
  });
});
