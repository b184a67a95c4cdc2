/**
 * Numbers the Swedish way: "1 800,9", "−9,8" (a real minus sign, a no-break
 * space between thousands), amounts with their unit as the report prints it.
 */
import { fromTkr } from '../reports/amount.js';
import type { Unit } from '../reports/report-file.js';

const NBSP = '\u00a0';
const MINUS = '\u2212';

export function formatNumber(n: number, decimals = 0): string {
  const fixed = Math.abs(n).toFixed(decimals);
  const [int = '0', frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const body = frac ? `${grouped},${frac}` : grouped;
  return n < 0 && Number(fixed) !== 0 ? `${MINUS}${body}` : body;
}

/** Decimals a value needs to be shown as printed (at least `min`). */
export function decimalsOf(n: number, min = 0): number {
  const s = String(n);
  const i = s.indexOf('.');
  return Math.max(min, i < 0 ? 0 : s.length - i - 1);
}

export function formatAmount(tkr: string, unit: Unit, decimals: number): string {
  return `${formatNumber(fromTkr(tkr, unit), decimals)} ${unit}`;
}

/** tkr amounts also in mnkr, which is how leaders talk about them: "−62 500 tkr (−62,5 mnkr)". */
export function formatAmountWithMnkr(tkr: string, unit: Unit, decimals: number): string {
  const main = formatAmount(tkr, unit, decimals);
  if (unit === 'mnkr') return main;
  const mnkr = fromTkr(tkr, 'mnkr');
  return `${main} (${formatNumber(mnkr, 1)} mnkr)`;
}

/** "1 754", "8,0 %", "120 dagar" — indicator values with their unit. */
/** An indicator's value in its unit; `decimals`: as many as the series it belongs to is printed with ("8,0 %" beside "8,3 %"). */
export function formatIndicator(value: number, unit: string, decimals = 0): string {
  const n = formatNumber(value, Math.min(decimalsOf(value, decimals), 2));
  if (unit === '%') return `${n} %`;
  // "ej angiven (i rapporten)": the store says the report names no unit, which is no unit to print
  if (unit === 'antal' || unit === '' || /^ej angiven/.test(unit)) return n;
  return `${n} ${unit}`;
}

/** The word for a deviation: negative = underskott. */
export function deviationWord(avvikelse: number): 'underskott' | 'överskott' | 'i balans' {
  return avvikelse < 0 ? 'underskott' : avvikelse > 0 ? 'överskott' : 'i balans';
}
