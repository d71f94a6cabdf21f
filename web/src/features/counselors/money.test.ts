import { describe, expect, it } from 'vitest';
import { fenToYuanText, formatYuan, yuanToFen } from './money.ts';

describe('yuanToFen', () => {
  it.each([
    ['300', 30000],
    ['0', 0],
    ['299.9', 29990],
    ['299.90', 29990],
    ['0.01', 1],
    [' 1,280.50 ', 128050],
    ['¥80', 8000],
    ['￥ 80', 8000],
    ['80。5', 8050],
  ])('reads %j as %d fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
  });

  it.each(['', ' ', 'abc', '1.234', '-5', '1e3', '.5', '12.', '1234567'])('refuses %j', (text) => {
    expect(yuanToFen(text)).toBeNull();
  });

  it('never rounds through floating point', () => {
    expect(yuanToFen('0.29')).toBe(29);
    expect(yuanToFen('1.15')).toBe(115);
    expect(yuanToFen('4.35')).toBe(435);
  });
});

describe('fenToYuanText', () => {
  it.each([
    [30000, '300'],
    [29990, '299.90'],
    [1, '0.01'],
    [0, '0'],
  ])('writes %d fen as %j', (fen, text) => {
    expect(fenToYuanText(fen)).toBe(text);
  });

  it('round-trips with yuanToFen', () => {
    for (const fen of [0, 1, 99, 100, 12345, 10_000_000]) {
      expect(yuanToFen(fenToYuanText(fen))).toBe(fen);
    }
  });
});

describe('formatYuan', () => {
  it('shows whole yuan without decimals and cents with two', () => {
    expect(formatYuan(30000, 'zh-CN')).toBe('¥300');
    expect(formatYuan(29990, 'zh-CN')).toBe('¥299.90');
  });

  it('uses the plain ¥ sign in English too', () => {
    expect(formatYuan(128000, 'en')).toBe('¥1,280');
  });
});
