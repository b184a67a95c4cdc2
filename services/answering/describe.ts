/**
 * Names of reports, periods and sources as a Swedish reader expects them.
 */
import { fromTkr } from '../reports/amount.js';
import type { Catalogue, CatalogueReport, CatalogueTable } from '../catalogue/catalogue.js';
import type { AmountRow } from '../reports/report-queries.js';
import { formatAmountWithMnkr, formatNumber } from '../format/swedish-number.js';
import type { Tone } from './reply.js';

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const SHORT = ['jan', 'feb', 'mars', 'april', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'];

export function lineLabel(l: { code?: string; name: string }): string {
  return l.code && !l.name.startsWith(l.code) ? `${l.code} ${l.name}` : l.name;
}

export function monthName(m: number): string {
  return MONTHS[m - 1] ?? String(m);
}

export function boardShort(c: Catalogue, report: CatalogueReport): string {
  return c.boards.find((b) => b.id === report.board)?.shortName ?? report.board;
}

export function boardName(c: Catalogue, report: CatalogueReport): string {
  return c.boards.find((b) => b.id === report.board)?.name ?? report.board;
}

/** "SoN delårsrapport per 31 mars 2024", "SoN internbudget 2024". */
export function reportName(c: Catalogue, r: CatalogueReport): string {
  const board = boardShort(c, r);
  if (r.kind === 'internbudget') return `${board} internbudget ${r.year}`;
  const [y, m, d] = r.periodEnd.split('-').map(Number) as [number, number, number];
  return `${board} ${r.kind} per ${d} ${monthName(m)} ${y}`;
}

/** "jan–mars 2024", "helår 2024", "2025". */
export function periodText(from: string | null, to: string | null): string {
  if (!from || !to) return 'helår (full effekt)';
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  if (fm === 1 && tm === 12 && fy === ty) return `helår ${ty}`;
  if (fy === ty) return `${SHORT[fm - 1]}–${SHORT[tm - 1]} ${ty}`;
  return `${SHORT[fm - 1]} ${fy}–${SHORT[tm - 1]} ${ty}`;
}

export const isFullYear = (a: { period_from: string | null; period_to: string | null }) =>
  !!a.period_from && !!a.period_to && a.period_from.endsWith('-01-01') && a.period_to.endsWith('-12-31') && a.period_from.slice(0, 4) === a.period_to.slice(0, 4);

export const yearOf = (a: { period_to: string | null }) => (a.period_to ? Number(a.period_to.slice(0, 4)) : undefined);

/** "Källa: SoN delårsrapport per 31 mars 2024 — Driftsammandrag för prognos för helår 2024 (mnkr)." */
export function sourceLine(c: Catalogue, r: CatalogueReport, tables: Array<CatalogueTable | undefined> = []): string {
  const names = [...new Set(tables.filter((t): t is CatalogueTable => !!t).map((t) => t.title))];
  return `Källa: ${reportName(c, r)}${names.length ? ` — ${names.join('; ')}` : ''}.`;
}

/** An amount as printed, with mnkr alongside tkr. */
export function amountText(row: Pick<AmountRow, 'value_tkr' | 'missing'>, table: CatalogueTable): string {
  if (row.value_tkr === null) return row.missing ? `${row.missing} (saknas i rapporten)` : 'uppgift saknas';
  return formatAmountWithMnkr(row.value_tkr, table.unit, table.decimals);
}

export function amountValue(row: Pick<AmountRow, 'value_tkr'>, table: CatalogueTable): number | undefined {
  return row.value_tkr === null ? undefined : fromTkr(row.value_tkr, table.unit);
}

/** Negative avvikelse = underskott (attention), positive = överskott (good). */
export function deviationTone(value: number | undefined): Tone {
  return value === undefined || value === 0 ? 'default' : value < 0 ? 'attention' : 'good';
}

/** "underskott på 9,8 mnkr", "överskott på 2,4 mnkr", "ingen avvikelse". */
export function deviationPhrase(row: Pick<AmountRow, 'value_tkr'>, table: CatalogueTable): string {
  const v = amountValue(row, table);
  if (v === undefined) return 'avvikelse saknas';
  if (v === 0) return 'ingen avvikelse mot budget';
  const abs = { value_tkr: row.value_tkr!.replace(/^-/, '') };
  return `${v < 0 ? 'underskott' : 'överskott'} på ${formatAmountWithMnkr(abs.value_tkr, table.unit, table.decimals)}`;
}

/** What a reader must know about the tables' units and signs — said once, whichever tables it concerns. */
export function unitNotes(tables: CatalogueTable[]): string[] {
  const distinct = [...new Map(tables.map((t) => [t.key, t])).values()];
  const notes: string[] = [];
  const relabelled = distinct.filter((t) => t.statedUnit && t.statedUnit !== t.unit);
  if (relabelled.length) {
    const t = relabelled[0]!;
    notes.push(`Rapporten anger ${t.statedUnit} i ${relabelled.length > 1 ? 'tabellerna' : 'tabellen'}, men beloppen är ${t.unit}; här visas de som ${t.unit}.`);
  }
  if (distinct.some((t) => t.sign === 'resultat' && (t.kind === 'driftsammandrag' || t.kind === 'ekonomi'))) {
    notes.push('Beloppen är resultat: negativt belopp = underskott, avvikelse = prognos/utfall − budget.');
  }
  return notes;
}

export function percentChange(now: number, before: number): string | undefined {
  if (before === 0) return undefined;
  return `${formatNumber(((now - before) / Math.abs(before)) * 100, 1)} %`;
}
