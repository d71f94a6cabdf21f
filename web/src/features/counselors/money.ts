/**
 * Money is kept in fen (1/100 yuan) as integers everywhere; people read and type yuan. These
 * conversions never go through floating point, so ¥299.90 is exactly 29990 fen.
 */

const YUAN = /^(\d{1,6})(?:\.(\d{1,2}))?$/;

/**
 * Yuan as typed ("300", "299.9", "1,280.50", "¥ 80") to fen, or null when it is not an amount
 * with at most two decimals. Empty input is null too; callers decide whether that is allowed.
 */
export function yuanToFen(text: string): number | null {
  const cleaned = text.replace(/[\s,，¥￥]/g, '').replace(/。/g, '.');
  const match = YUAN.exec(cleaned);
  if (!match) return null;
  const whole = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + cents;
}

/** Fen as an editable yuan value: 30000 → "300", 29990 → "299.90". */
export function fenToYuanText(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  return cents === 0 ? String(whole) : `${whole}.${String(cents).padStart(2, '0')}`;
}

/** Fen shown as yuan in the page's language: "¥300" or "¥299.90". */
export function formatYuan(fen: number, locale: string): string {
  const whole = fen % 100 === 0;
  const format = (currencyDisplay: 'narrowSymbol' | 'symbol') =>
    new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(fen / 100);
  try {
    return format('narrowSymbol');
  } catch {
    // Engines without narrowSymbol still know the currency.
    return format('symbol');
  }
}
