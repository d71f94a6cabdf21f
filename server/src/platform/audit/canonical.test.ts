import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    const one = {
      status: { old: 'draft', new: 'signed' },
      note: { old: null, new: '[sensitive]' },
    };
    const two = {
      note: { new: '[sensitive]', old: null },
      status: { new: 'signed', old: 'draft' },
    };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('is unchanged by a JSON round trip, which is what jsonb does to `changes`', () => {
    const value = { 名前: '张三', n: 0.1 + 0.2, big: 1e21, tiny: 1e-7, list: [true, false, null] };
    expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
  });

  it('orders keys by UTF-16 code unit, as JavaScript compares strings', () => {
    expect(canonicalJson({ b: 1, B: 2, ä: 3, a: 4 })).toBe('{"B":2,"a":4,"b":1,"ä":3}');
  });

  it('drops undefined members and writes undefined and non-finite values as null', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson([undefined, NaN, Infinity])).toBe('[null,null,null]');
  });

  it('escapes strings exactly as JSON.stringify does', () => {
    expect(canonicalJson({ k: 'a"b\\c\n\u2028' })).toBe(
      `{"k":${JSON.stringify('a"b\\c\n\u2028')}}`,
    );
  });
});
