/**
 * Reading one cell of an imported workbook or CSV file as what its column
 * holds — text, a list, a number, one of a set of values — with a Swedish
 * message when it cannot be. Numbers may be real spreadsheet numbers or text
 * written the Swedish way ("1 800,9", "−9,8").
 */

/** A cell as read from a workbook (exceljs) or a CSV file (always text). */
export type CellValue = string | number | boolean | Date | null;

export type Read<T> = { value: T } | { problem: string };

/** Markers a report prints in a table for a missing figure; kept as printed, never read as 0. */
export const MISSING_MARKERS = ['-', '–', '..', 'i.u', 'i.u.'] as const;

const SPACES = /[ \u00a0\u202f\u2009]/;
const SWEDISH_NUMBER = /^[+\-\u2212\u2013]?(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+|\d+)(?:,\d+)?$/;
const DOT_DECIMAL = /^[+\-\u2212\u2013]?\d{1,3}(?:[.,]\d{3})*\.\d+$|^[+\-\u2212\u2013]?\d+\.\d+$/;

/** "1 800,9" → 1800.9, "−9,8" → -9.8; undefined if the text is not a number written the Swedish way. */
export function parseSwedishNumber(text: string): number | undefined {
  const t = text.trim();
  if (!SWEDISH_NUMBER.test(t)) return undefined;
  const negative = /^[-\u2212\u2013]/.test(t);
  const n = Number(t.replace(/^[+\-\u2212\u2013]/, '').replace(new RegExp(SPACES.source, 'g'), '').replace(',', '.'));
  return negative ? -n : n;
}

export function isEmpty(c: CellValue): boolean {
  return c === null || (typeof c === 'string' && c.trim() === '');
}

/** Text as the controller sees it: trimmed; a number with a decimal comma; a date as ÅÅÅÅ-MM-DD. */
export function cellText(c: CellValue): string | undefined {
  if (isEmpty(c)) return undefined;
  if (typeof c === 'string') return c.trim();
  if (typeof c === 'number') return String(c).replace('.', ',');
  if (typeof c === 'boolean') return c ? 'SANT' : 'FALSKT';
  return isoDate(c as Date);
}

/**
 * A day, month or period as text: a spreadsheet date is read as the day, or
 * as the month where only a month fits (Excel makes a date of "2024-03").
 * The form is the schema's to check; the calendar is checked here, so that
 * "2024-13" is an error in the cell and not in the store.
 */
export function cellCalendar(c: CellValue, as: 'day' | 'month'): Read<string> {
  const text = c instanceof Date ? isoDate(c).slice(0, as === 'day' ? 10 : 7) : cellText(c) ?? '';
  for (const [part, y, m, d] of text.matchAll(/(\d{4})-(\d{2})(?:-(\d{2}))?/g)) {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, d === undefined ? 1 : Number(d)));
    if (date.getUTCMonth() !== Number(m) - 1 || (d !== undefined && date.getUTCDate() !== Number(d))) {
      return { problem: `'${part}' är ${d === undefined ? 'ingen giltig månad' : 'inget giltigt datum'}` };
    }
  }
  return { value: text };
}

/** Several values in one cell, separated by semicolons. */
export function cellList(c: CellValue): string[] | undefined {
  const items = (cellText(c) ?? '').split(/;|\n/).map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
}

export function cellNumber(c: CellValue): Read<number> {
  if (typeof c === 'number') return { value: c };
  const text = cellText(c) ?? '';
  const n = typeof c === 'string' ? parseSwedishNumber(c) : undefined;
  if (n !== undefined) return { value: n };
  if (DOT_DECIMAL.test(text.trim())) return { problem: `'${text}' är inte ett tal skrivet på svenska — skriv decimaler med komma och tusental med mellanslag (t.ex. 1 800,9)` };
  return { problem: `'${text}' är inte ett tal` };
}

export function cellInteger(c: CellValue): Read<number> {
  const n = cellNumber(c);
  if ('problem' in n) return n;
  return Number.isInteger(n.value) ? n : { problem: `'${cellText(c)}' är inte ett heltal` };
}

/** A table cell: a number, null when empty, or one of the report's markers for a missing figure. */
export function cellAmount(c: CellValue): Read<number | string | null> {
  if (isEmpty(c)) return { value: null };
  const text = cellText(c)!;
  const marker = MISSING_MARKERS.find((m) => m === text.toLowerCase());
  if (marker) return { value: text };
  const n = cellNumber(c);
  if ('problem' in n) {
    return { problem: `${n.problem} (lämna cellen tom om beloppet saknas, eller skriv ${MISSING_MARKERS.map((m) => `"${m}"`).join(', ')} som rapporten)` };
  }
  return n;
}

/** One of a fixed set of values; case and surrounding spaces do not matter. */
export function cellChoice(c: CellValue, options: readonly string[], unknown?: string): Read<string> {
  const text = cellText(c) ?? '';
  const match = options.find((o) => o.toLowerCase() === text.toLowerCase());
  if (match) return { value: match };
  const list = options.join(', ');
  return { problem: unknown ? `${unknown} '${text}' — välj en av: ${list}` : `'${text}' är inget tillåtet värde — välj en av: ${list}` };
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
