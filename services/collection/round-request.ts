/**
 * A controller's request to start a round, read deterministically:
 * "starta insamling för SoN delår augusti 2025, sista dag 5 september" →
 * board, period, report kind and deadline (and "med godkännande" when the
 * values wait for the controller's approval before they reach the store).
 */
import type { BoardId } from '../reports/report-file.js';
import { MONTH_WORD, addDays, dateName, monthNumber, periodName } from './swedish-dates.js';

export interface BoardName {
  id: BoardId;
  shortName: string;
  name: string;
  aliases: string[];
}

export interface RoundRequest {
  board: BoardId;
  /** YYYY-MM */
  period: string;
  kind: 'delårsrapport' | 'verksamhetsberättelse';
  /** "delår augusti 2025", "helår 2025" */
  label: string;
  /** YYYY-MM-DD */
  deadline: string;
  requiresApproval: boolean;
}

export const START_EXAMPLE = 'starta insamling för SoN delår augusti 2025, sista dag 5 september';

const norm = (s: string) => s.toLowerCase().replace(/[\u2010-\u2015\u2212]/g, '-').replace(/\s+/g, ' ');

/** Which board the text names (by short name, name or alias), if exactly one. */
export function boardIn(text: string, boards: BoardName[]): BoardId | 'flera' | undefined {
  const t = ` ${norm(text).replace(/[^\p{L}\p{N}\- ]/gu, ' ')} `;
  const found = new Set<BoardId>();
  for (const b of boards) {
    const names = [b.shortName, b.name, ...b.aliases].map(norm).filter((n) => n.length >= 2 && n !== 'nämnden');
    if (names.some((n) => t.includes(` ${n} `))) found.add(b.id);
  }
  return found.size > 1 ? 'flera' : [...found][0];
}

/** The period a text names: "delår augusti 2025", "per mars 2026", "delår 2 2025", "helår 2025", "bokslut 2025". */
export function periodIn(text: string): Pick<RoundRequest, 'period' | 'kind' | 'label'> | undefined {
  const t = norm(text);
  const full = t.match(/\b(?:helår|helåret|bokslut|årsbokslut|verksamhetsberättelse|år)\s+(20\d\d)\b/);
  if (full) return { period: `${full[1]}-12`, kind: 'verksamhetsberättelse', label: `helår ${full[1]}` };
  const numbered = t.match(/\bdelår\s*(1|2)\s+(20\d\d)\b/);
  if (numbered) {
    const month = numbered[1] === '1' ? 3 : 8;
    return { period: `${numbered[2]}-${String(month).padStart(2, '0')}`, kind: 'delårsrapport', label: `delår ${periodName(`${numbered[2]}-${month}`)}` };
  }
  const month = t.match(new RegExp(String.raw`\b(?:delår|per|t\.?o\.?m\.?|för)?\s*(${MONTH_WORD})\s+(20\d\d)\b`));
  if (month) {
    const m = monthNumber(month[1]!)!;
    const period = `${month[2]}-${String(m).padStart(2, '0')}`;
    return m === 12 ? { period, kind: 'verksamhetsberättelse', label: `helår ${month[2]}` } : { period, kind: 'delårsrapport', label: `delår ${periodName(period)}` };
  }
  return undefined;
}

/**
 * The deadline: "sista dag 5 september", "senast 2025-09-05", "deadline 5/9".
 * Without a year: the first such date after the period's start.
 */
export function deadlineIn(text: string, period: string): string | undefined {
  const t = norm(text);
  const lead = String.raw`(?:sista (?:dag(?:en)?|svarsdag(?:en)?|datum)|senast|deadline|svar senast)(?: är| den)?\s*`;
  const iso = t.match(new RegExp(`${lead}(20\\d\\d)-(\\d\\d)-(\\d\\d)`));
  const named = t.match(new RegExp(String.raw`${lead}(\d{1,2})(?::e|:a)?\s+(${MONTH_WORD})(?:\s+(20\d\d))?\b`));
  const numeric = t.match(new RegExp(String.raw`${lead}(\d{1,2})/(\d{1,2})(?:\s+(20\d\d))?\b`));
  let y: number | undefined, m: number | undefined, d: number | undefined;
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (named) [d, m, y] = [Number(named[1]), monthNumber(named[2]!), named[3] ? Number(named[3]) : undefined];
  else if (numeric) [d, m, y] = [Number(numeric[1]), Number(numeric[2]), numeric[3] ? Number(numeric[3]) : undefined];
  if (!m || !d) return undefined;
  const [py, pm] = period.split('-').map(Number) as [number, number];
  const year = y ?? (m >= pm ? py : py + 1);
  const date = new Date(Date.UTC(year, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined; // 31 september
  return date.toISOString().slice(0, 10);
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Reads the whole request; `today` (Stockholm, YYYY-MM-DD) bounds the deadline. */
export function readRoundRequest(text: string, boards: BoardName[], today: string): Parsed<RoundRequest> {
  const board = boardIn(text, boards);
  // the deadline's month must not be read as the period
  const period = periodIn(text.replace(/(sista (dag|svarsdag|datum)|senast|deadline)[^,;]*/gi, ' '));
  const missing: string[] = [];
  if (board === 'flera') return { ok: false, problem: 'Texten nämner flera nämnder — starta en insamling per nämnd.' };
  if (!board) missing.push(`vilken nämnd (${boards.map((b) => b.shortName).join(', ')})`);
  if (!period) missing.push('vilken period (t.ex. "delår augusti 2025" eller "helår 2025")');
  const deadline = period ? deadlineIn(text, period.period) : undefined;
  if (period && !deadline) missing.push('sista dag (t.ex. "sista dag 5 september")');
  if (missing.length || !board || !period || !deadline) {
    return { ok: false, problem: `Jag behöver veta ${missing.join(', ')}. Skriv till exempel: "${START_EXAMPLE}".` };
  }
  if (deadline <= today) return { ok: false, problem: `Sista dagen (${dateName(deadline)}) har redan passerat. Ange en dag efter i dag.` };
  if (deadline > addDays(today, 366)) return { ok: false, problem: `Sista dagen (${dateName(deadline)}) ligger mer än ett år bort. Stämmer datumet?` };
  const requiresApproval = /\b(med|kräver|efter)\s+(godkännande|attest)|\bgodkänn(s|as)? (före|innan)|\butkast\b/.test(norm(text));
  return { ok: true, value: { board, ...period, deadline, requiresApproval } };
}
