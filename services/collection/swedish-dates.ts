/**
 * Dates the way a Swedish controller writes and reads them — "5 september",
 * "fredag 5 september 2025", "augusti 2025" — and times of day in
 * Europe/Stockholm (reminders go out at working hours, summer time or not).
 */
export const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** Month words and abbreviations, Swedish and English, as a regex alternative. */
export const MONTH_WORD = String.raw`jan(?:uari|uary)?|feb(?:ruari|ruary)?|mars?|march|apr(?:il)?|maj|may|jun[ie]?|jul[iy]?|aug(?:usti|ust)?|sep(?:t|tember)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?`;

/** "aug", "augusti", "August" → 8. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  const starts = ['jan', 'feb', 'mar', 'apr', 'ma', 'jun', 'jul', 'aug', 'sep', 'o', 'nov', 'dec'];
  if (w === 'maj' || w === 'may') return 5;
  if (w.startsWith('mar')) return 3;
  if (w.startsWith('ok') || w.startsWith('oc')) return 10;
  const i = starts.findIndex((s) => s.length > 2 && w.startsWith(s));
  return i < 0 ? undefined : i + 1;
}

export const monthName = (m: number) => MONTHS[m - 1] ?? String(m);

/** "2025-08" → "augusti 2025". */
export function periodName(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return `${monthName(m)} ${y}`;
}

/** "2025-08" → "Augusti 2025" (as a report labels a point in time). */
export function periodLabel(period: string): string {
  const name = periodName(period);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

const WEEKDAYS = ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'];

/** "2025-09-05" → "fredag 5 september 2025". */
export function dateName(iso: string, withWeekday = true): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${withWeekday ? `${weekday} ` : ''}${d} ${monthName(m)} ${y}`;
}

export const STOCKHOLM = 'Europe/Stockholm';

const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: STOCKHOLM, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

function stockholmParts(at: Date): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), min: Number(p.minute), s: Number(p.second) };
}

/** The calendar date in Stockholm at an instant: "2025-09-05". */
export function stockholmDate(at: Date): string {
  const p = stockholmParts(at);
  return `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** "5 sep kl. 09.00" in Stockholm. */
export function stockholmTimeName(at: Date): string {
  const p = stockholmParts(at);
  return `${p.d} ${monthName(p.m).slice(0, 3)} kl. ${String(p.h).padStart(2, '0')}.${String(p.min).padStart(2, '0')}`;
}

/** The instant it is `hour`:00 in Stockholm on a date ("2025-09-05"). */
export function atStockholmHour(iso: string, hour: number): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour);
  // Stockholm is UTC+1 or +2: correct the guess by the offset there at that time (twice, across a DST change)
  let t = guess;
  for (let i = 0; i < 2; i++) {
    const p = stockholmParts(new Date(t));
    const shown = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
    t += guess - shown;
  }
  return new Date(t);
}

/** A date moved by whole days: addDays("2025-09-05", -2) = "2025-09-03". */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const weekday = (iso: string) => new Date(`${iso}T12:00:00Z`).getUTCDay();

/** A weekend day moved to the working day before (before a deadline) or after (after it). */
export function workingDay(iso: string, direction: 'before' | 'after'): string {
  let day = iso;
  while (weekday(day) === 0 || weekday(day) === 6) day = addDays(day, direction === 'before' ? -1 : 1);
  return day;
}

/** The next working day after the Stockholm date of `now`, at `hour` ("påminn mig i morgon"). */
export function nextWorkingMorning(now: Date, hour: number): Date {
  return atStockholmHour(workingDay(addDays(stockholmDate(now), 1), 'after'), hour);
}
