/**
 * Exact unit conversion for amounts. Figures are stored in tkr as decimal
 * strings; converting by moving the decimal point never goes through float
 * multiplication (1800.9 mnkr is exactly "1800900" tkr).
 */
import type { Unit } from './report-file.js';

const EXPONENT: Record<Unit, number> = { kr: -3, tkr: 0, mnkr: 3 };

/** A printed value in `unit` as an exact decimal string in tkr. */
export function toTkr(value: number, unit: Unit): string {
  return shift(decimalString(value), EXPONENT[unit]);
}

/** A stored tkr decimal string as a number in `unit` (exact for the reports' precision). */
export function fromTkr(tkr: string, unit: Unit): number {
  return Number(shift(tkr, -EXPONENT[unit]));
}

function decimalString(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`inte ett tal: ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/\.?0+$/, '');
}

/** Moves the decimal point of a decimal string `by` places (positive = multiply by 10^by). */
function shift(s: string, by: number): string {
  const negative = s.startsWith('-');
  const [int = '0', frac = ''] = (negative ? s.slice(1) : s).split('.');
  let digits = int + frac;
  let point = int.length + by;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fraction = digits.slice(point).replace(/0+$/, '');
  const out = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(out) ? `-${out}` : out;
}
