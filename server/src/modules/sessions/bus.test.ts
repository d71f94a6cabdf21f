import { describe, expect, it } from 'vitest';
import { InProcessRoomBus, NOTIFY_PART_BYTES, splitByBytes, type RoomEvent } from './bus.ts';

describe('splitByBytes', () => {
  it('cuts at the byte limit, never inside a character, and joins back to the text', () => {
    const text = `${'a'.repeat(10)}${'心'.repeat(5000)}"\\`;
    const parts = splitByBytes(text, NOTIFY_PART_BYTES);
    expect(parts.join('')).toBe(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(NOTIFY_PART_BYTES);
      // Escaped inside the JSON envelope, a part still fits a NOTIFY payload (< 8000 bytes).
      expect(Buffer.byteLength(JSON.stringify(part), 'utf8')).toBeLessThan(7800);
    }
  });

  it('keeps a short text whole', () => {
    expect(splitByBytes('hello', NOTIFY_PART_BYTES)).toEqual(['hello']);
  });

  it('fits even a part made only of characters JSON escapes', () => {
    const [part] = splitByBytes('"'.repeat(NOTIFY_PART_BYTES * 2), NOTIFY_PART_BYTES);
    expect(Buffer.byteLength(JSON.stringify(part), 'utf8')).toBeLessThan(7800);
  });
});

describe('InProcessRoomBus', () => {
  it('delivers to the room subscribers only, until they unsubscribe', async () => {
    const bus = new InProcessRoomBus();
    const a: RoomEvent[] = [];
    const b: RoomEvent[] = [];
    const stopA = bus.subscribe('room-a', (e) => a.push(e));
    bus.subscribe('room-b', (e) => b.push(e));
    await bus.publish('room-a', { kind: 'message', seq: 1 });
    stopA();
    await bus.publish('room-a', { kind: 'message', seq: 2 });
    expect(a).toEqual([{ kind: 'message', seq: 1 }]);
    expect(b).toEqual([]);
  });
});
