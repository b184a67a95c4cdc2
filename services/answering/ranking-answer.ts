/**
 * "Var är underskottet störst?": the lines of a driftsammandrag ranked by
 * their avvikelse, for the year so far or the full-year forecast.
 */
import type { Catalogue, CatalogueReport, CatalogueTable } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { tableAmounts, type AmountRow } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import type { AnswerContext } from './answer-context.js';
import { formatNumber } from '../format/swedish-number.js';
import { amountText, amountValue, deviationTone, isFullYear, periodText, reportName, sourceLine, unitNotes } from './describe.js';
import { lineLabel } from './describe.js';
import { action, type AnswerView, type Reply } from './reply.js';

interface Ranked {
  line: string;
  deviation: AmountRow;
  basis?: AmountRow;
  budget?: AmountRow;
  value: number;
}

/** Driftsammandrag tables of a report with an avvikelse column, full-year first. */
export function deviationTables(c: Catalogue, report: CatalogueReport): Array<{ table: string; column: string; fullYear: boolean }> {
  const out: Array<{ table: string; column: string; fullYear: boolean }> = [];
  for (const t of report.tables.filter((x) => x.kind === 'driftsammandrag')) {
    const lines = c.lines.filter((l) => l.reportId === report.id);
    const avail = lines.flatMap((l) => l.available).find((a) => a.table === t.key && a.measure === 'avvikelse' && a.component === 'netto');
    if (avail) out.push({ table: t.key, column: avail.column, fullYear: isFullYear({ period_from: avail.from, period_to: avail.to }) });
  }
  return out.sort((a, b) => Number(b.fullYear) - Number(a.fullYear));
}

export interface RankingOptions {
  by: 'avvikelse' | 'förändring' | 'budget' | 'utfall' | 'prognos' | 'plan';
  year?: number;
  /** förändring between two years' full-year figures ("2024 jämfört med budget 2023"), not against the same period last year */
  compareYear?: number;
  /** rank this line's "varav" lines instead of the top-level lines */
  within?: string;
}

export async function answerRanking(ctx: AnswerContext, q: Query, report: CatalogueReport, options: RankingOptions = { by: 'avvikelse' }): Promise<Reply> {
  if (options.by === 'förändring' && options.year !== undefined && options.compareYear !== undefined) return answerYearChangeRanking(ctx, q, report, options.year, options.compareYear, options.within);
  if (options.by === 'förändring') return answerChangeRanking(ctx, q, report, options);
  if (options.by !== 'avvikelse') return answerSizeRanking(ctx, q, report, options);
  const c = ctx.catalogue;
  const candidates = deviationTables(c, report);
  const loaded = await Promise.all(candidates.map(async (t) => ({ ...t, rows: await tableAmounts(ctx.db, report.id, t.table) })));
  const wantYear = q.scope === 'helår' || q.measure === 'prognos' ? true : q.scope === 'period' ? false : undefined;
  const ranked = loaded.map((t) => ({ ...t, ranked: rank(c, report, t.table, t.column, t.rows, q.direction ?? 'underskott', options.within) }));
  const choice =
    ranked.find((t) => wantYear !== undefined && t.fullYear === wantYear) ??
    ranked.find((t) => t.ranked.some((r) => r.value !== 0)) ??
    ranked[0];
  const table = choice && c.table(report.id, choice.table);
  if (!choice || !table) {
    return { text: `${reportName(c, report)} har ingen tabell med avvikelser per verksamhet.`, context: { query: q } };
  }
  const overskott = q.direction === 'överskott';
  const interesting = choice.ranked.filter((r) => (overskott ? r.value > 0 : r.value < 0));
  const period = choice.ranked[0] ? periodText(choice.ranked[0].deviation.period_from, choice.ranked[0].deviation.period_to) : '';
  const label = choice.fullYear ? `helårsprognosen ${period.replace('helår ', '')}` : `utfallet ${period}`;
  const top = interesting.slice(0, 3).map((r) => `${name(c, report, r.line)} ${amountText(r.deviation, table)}`).join(', ');
  const text = interesting.length
    ? `Störst ${overskott ? 'överskott' : 'underskott'} mot budget i ${label}: ${top}. (${reportName(c, report)})`
    : `Inga verksamheter visar ${overskott ? 'överskott' : 'underskott'} mot budget i ${label}. (${reportName(c, report)})`;
  const other = ranked.find((t) => t !== choice);
  const notes = [...unitNotes([table])];
  if (other && other.ranked.every((r) => r.value === 0)) notes.push(`Helårsprognosen visar ingen avvikelse för någon verksamhet (prognos = budget).`);
  const basisLabel = choice.ranked[0]?.basis?.column_label ?? (choice.fullYear ? 'Prognos' : 'Utfall');
  const view: AnswerView = {
    title: `${overskott ? 'Överskott' : 'Underskott'} per verksamhet`,
    subtitle: `${capital(label)} · ${reportName(c, report)}`,
    sections: [],
    table: {
      columns: [
        { title: 'Verksamhet', width: 'stretch' },
        { title: basisLabel, width: 'auto', align: 'right' },
        { title: 'Budget', width: 'auto', align: 'right' },
        { title: 'Avvikelse', width: 'auto', align: 'right' },
      ],
      rows: choice.ranked.map((r) => ({
        cells: [
          { text: name(c, report, r.line) },
          { text: r.basis ? cell(r.basis, table) : '' },
          { text: r.budget ? cell(r.budget, table) : '' },
          { text: cell(r.deviation, table), color: deviationTone(r.value) },
        ],
      })),
    },
    quotes: [],
    notes,
    source: sourceLine(c, report, [table]),
    actions: interesting.slice(0, 3).map((r) => action(`Varför? ${shortName(c, report, r.line)}`, 'varför', { ref: { type: 'line', reportId: report.id, key: r.line } })),
  };
  return { text, card: renderCard('answer', view), context: { query: q } };
}

/** Top-level lines (no totals, no "varav") — or one line's "varav" lines — ranked by deviation, worst first. */
function rank(c: Catalogue, report: CatalogueReport, tableKey: string, column: string, rows: AmountRow[], direction: 'underskott' | 'överskott', within?: string): Ranked[] {
  const table = c.table(report.id, tableKey)!;
  const out: Ranked[] = [];
  for (const row of rows.filter((r) => r.column_key === column)) {
    const line = c.line(report.id, row.line_key);
    if (!line || line.kind !== 'verksamhet' || line.parentKey !== within) continue;
    const value = amountValue(row, table);
    if (value === undefined) continue;
    const same = rows.filter((r) => r.line_key === row.line_key && r.period_to === row.period_to && r.period_from === row.period_from);
    out.push({
      line: row.line_key,
      deviation: row,
      basis: same.find((r) => r.measure === 'prognos') ?? same.find((r) => r.measure === 'utfall'),
      budget: same.find((r) => r.measure === 'budget'),
      value,
    });
  }
  return out.sort((a, b) => (direction === 'underskott' ? a.value - b.value : b.value - a.value));
}

/** An amount as a table cell: in the report's unit only (the text gives mnkr beside tkr). */
const cell = (row: AmountRow, table: CatalogueTable) => amountText(row, table).replace(/ \(.*\)$/, '');

/** A line's figure now and before, and the change between them (as the report printed it, when it did). */
interface Change {
  line: string;
  now: AmountRow;
  before: AmountRow;
  printed?: AmountRow;
  value: number;
}

/** The card of a change ranking: every line's two figures, in the report's column order, and the change. */
function changeView(
  c: Catalogue,
  report: CatalogueReport,
  table: CatalogueTable,
  changes: Change[],
  o: { title: string; subtitle: string; earlierFirst: boolean; change: (x: Change) => string },
): AnswerView {
  const [first] = changes;
  const columns = [
    { title: first?.now.column_label ?? 'Nu', width: 'auto' as const, align: 'right' as const },
    { title: first?.before.column_label ?? 'Före', width: 'auto' as const, align: 'right' as const },
  ];
  const figures = (x: Change) => [{ text: cell(x.now, table) }, { text: cell(x.before, table) }];
  const ordered = <T,>(pair: T[]) => (o.earlierFirst ? [...pair].reverse() : pair);
  return {
    title: o.title,
    subtitle: o.subtitle,
    sections: [],
    table: {
      columns: [{ title: 'Verksamhet', width: 'stretch' }, ...ordered(columns), { title: 'Förändring', width: 'auto', align: 'right' }],
      rows: changes.map((x) => ({ cells: [{ text: name(c, report, x.line) }, ...ordered(figures(x)), { text: o.change(x) }] })),
    },
    quotes: [],
    notes: unitNotes([table]),
    source: sourceLine(c, report, [table]),
    actions: [],
  };
}

const name = (c: Catalogue, report: CatalogueReport, key: string) => {
  const l = c.line(report.id, key);
  return l ? lineLabel(l) : key;
};
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A button-sized name: the line's name (without its code) cut at a word. */
function shortName(c: Catalogue, report: CatalogueReport, key: string): string {
  const n = c.line(report.id, key)?.name ?? key;
  return n.length <= 24 ? n : `${n.slice(0, 24).replace(/\s+\S*$/, '').replace(/[,;:]$/, '')}…`;
}

/** "Vilket område har störst budget 2024?": lines ranked by the size of one figure. */
async function answerSizeRanking(ctx: AnswerContext, q: Query, report: CatalogueReport, options: RankingOptions): Promise<Reply> {
  const c = ctx.catalogue;
  const year = options.year ?? (options.by === 'utfall' ? undefined : report.year);
  const lines = c.lines.filter((l) => l.reportId === report.id && l.kind === 'verksamhet' && l.parentKey === options.within);
  const columns = lines
    .flatMap((l) => l.available)
    .filter((a) => a.measure === options.by && a.component === 'netto' && c.table(report.id, a.table)?.kind === 'driftsammandrag' && (year === undefined || a.to?.startsWith(String(year))));
  // the year's budget, not the period's, unless the period is asked for ("får mest pengar i år")
  const fullYear = (a: (typeof columns)[number]) => isFullYear({ period_from: a.from, period_to: a.to });
  const column = columns.find((a) => fullYear(a) === (q.scope !== 'period')) ?? columns[0];
  const table = column && c.table(report.id, column.table);
  if (!column || !table) return { text: `${reportName(c, report)} har ingen sådan uppgift per verksamhet.`, context: { query: q } };
  const rows = (await tableAmounts(ctx.db, report.id, table.key)).filter((r) => r.column_key === column.column && lines.some((l) => l.key === r.line_key));
  const lowest = q.order === 'lägst';
  const sorted = rows
    .map((r) => ({ row: r, value: amountValue(r, table) }))
    .filter((x): x is { row: AmountRow; value: number } => x.value !== undefined)
    .sort((a, b) => (lowest ? a.value - b.value : b.value - a.value));
  const label = `${sorted[0]?.row.column_label ?? options.by}`;
  const top = sorted.slice(0, 3).map((x) => `${name(c, report, x.row.line_key)} ${amountText(x.row, table)}`).join(', ');
  const view: AnswerView = {
    title: `Verksamheterna efter ${label.toLowerCase()}`,
    subtitle: reportName(c, report),
    sections: [],
    table: {
      columns: [{ title: 'Verksamhet', width: 'stretch' }, { title: label, width: 'auto', align: 'right' }],
      rows: sorted.map((x) => ({ cells: [{ text: name(c, report, x.row.line_key) }, { text: cell(x.row, table) }] })),
    },
    quotes: [],
    notes: unitNotes([table]),
    source: sourceLine(c, report, [table]),
    actions: [],
  };
  return { text: `${lowest ? 'Lägst' : 'Störst'} ${label.toLowerCase()}: ${top}. (${reportName(c, report)})`, card: renderCard('answer', view), context: { query: q } };
}

/** The full-year figures a year has in a table, the asked measure first ("budget 2023", "plan 2029", "utfall 2022"). */
const YEAR_MEASURES = ['budget', 'plan', 'prognos', 'utfall'] as const;
function yearFigure(rows: AmountRow[], line: string, year: number, measure?: string): AmountRow | undefined {
  const ofYear = rows.filter((r) => r.line_key === line && r.component === 'netto' && isFullYear(r) && r.period_to?.startsWith(String(year)));
  return [measure, ...YEAR_MEASURES].map((m) => ofYear.find((r) => r.measure === m)).find((r) => r !== undefined);
}

/**
 * "Vilket område ökar mest i budget 2024 jämfört med budget 2023?", "minskar
 * mest mellan 2024 och 2029": lines ranked by the change between two years'
 * full-year figures of one table (the internbudget's budget and plan years).
 */
async function answerYearChangeRanking(ctx: AnswerContext, q: Query, report: CatalogueReport, year: number, compareYear: number, within?: string): Promise<Reply> {
  const c = ctx.catalogue;
  const lines = c.lines.filter((l) => l.reportId === report.id && l.kind === 'verksamhet' && l.parentKey === within);
  const tables = report.tables.filter((t) => t.kind === 'driftsammandrag');
  const loaded = await Promise.all(tables.map(async (t) => ({ table: t, rows: await tableAmounts(ctx.db, report.id, t.key) })));
  const both = (rows: AmountRow[], l: string) => !!yearFigure(rows, l, year, q.measure) && !!yearFigure(rows, l, compareYear, q.compareMeasure ?? q.measure);
  const chosen = loaded.find((t) => lines.some((l) => both(t.rows, l.key)));
  if (!chosen) return { text: `${reportName(c, report)} har inte både ${compareYear} och ${year} per verksamhet.`, context: { query: q } };
  const { table, rows } = chosen;
  const changes: Change[] = lines.flatMap((l) => {
    const now = yearFigure(rows, l.key, year, q.measure);
    const before = yearFigure(rows, l.key, compareYear, q.compareMeasure ?? q.measure);
    const a = now && amountValue(now, table);
    const b = before && amountValue(before, table);
    return a === undefined || b === undefined ? [] : [{ line: l.key, now: now!, before: before!, value: a - b }];
  });
  const down = q.change === 'minskning';
  changes.sort((x, y) => (down ? x.value - y.value : y.value - x.value));
  const signed = (v: number) => `${v > 0 ? '+' : ''}${formatNumber(v, table.decimals)} ${table.unit}`;
  const [first] = changes;
  const heading = first ? `${first.now.column_label} mot ${first.before.column_label.toLowerCase()}` : `${year} mot ${compareYear}`;
  // "which areas get less money": only those that do, the card shows them all
  const moving = changes.filter((x) => (down ? x.value < 0 : x.value > 0));
  const top = moving.slice(0, 3).map((x) => `${name(c, report, x.line)} ${signed(x.value)} (${cell(x.before, table)} → ${cell(x.now, table)})`).join(', ');
  // the internbudget's years run from left to right
  const view = changeView(c, report, table, changes, { title: `Förändring ${heading}`, subtitle: reportName(c, report), earlierFirst: true, change: (x) => signed(x.value) });
  const text = moving.length ? `Störst ${down ? 'minskning' : 'ökning'}, ${heading}: ${top}.` : `Ingen verksamhet ${down ? 'minskar' : 'ökar'}, ${heading}.`;
  return { text: `${text} (${reportName(c, report)})`, card: renderCard('answer', view), context: { query: q } };
}

/** "Vilken verksamhet ökade mest jämfört med samma period i fjol?": lines ranked by the change in utfall. */
async function answerChangeRanking(ctx: AnswerContext, q: Query, report: CatalogueReport, options: RankingOptions): Promise<Reply> {
  const c = ctx.catalogue;
  const lines = c.lines.filter((l) => l.reportId === report.id && l.kind === 'verksamhet' && l.parentKey === options.within);
  const table = report.tables.find((t) => t.kind === 'driftsammandrag' && lines.some((l) => l.available.some((a) => a.table === t.key && a.measure === 'utfall' && !isFullYear({ period_from: a.from, period_to: a.to }))));
  if (!table) return { text: `${reportName(c, report)} har inget utfall för perioden att jämföra.`, context: { query: q } };
  const rows = await tableAmounts(ctx.db, report.id, table.key);
  const periods = rows.filter((r) => r.measure === 'utfall' && !isFullYear(r)).map((r) => r.period_to!).sort();
  const latest = periods[periods.length - 1];
  const changes: Change[] = lines.flatMap((l) => {
    const now = rows.find((r) => r.line_key === l.key && r.measure === 'utfall' && r.period_to === latest);
    const before = rows.find((r) => r.line_key === l.key && r.measure === 'utfall' && r.period_to?.slice(5) === latest?.slice(5) && Number(r.period_to?.slice(0, 4)) === Number(latest?.slice(0, 4)) - 1);
    const printed = rows.find((r) => r.line_key === l.key && r.measure === 'förändring');
    const a = now && amountValue(now, table);
    const b = before && amountValue(before, table);
    if (a === undefined || b === undefined) return [];
    return [{ line: l.key, now: now!, before: before!, printed, value: printed ? amountValue(printed, table) ?? a - b : a - b }];
  });
  const down = q.change === 'minskning';
  changes.sort((x, y) => (down ? x.value - y.value : y.value - x.value));
  const fmtChange = (x: Change) => (x.printed ? amountText(x.printed, table) : `${formatNumber(x.value, table.decimals)} ${table.unit}`);
  const first = changes[0];
  const period = first ? periodText(first.now.period_from, first.now.period_to) : '';
  const top = changes.slice(0, 3).map((x) => `${name(c, report, x.line)} ${fmtChange(x)}`).join(', ');
  // the driftsammandrag prints this period before the same period last year
  const view = changeView(c, report, table, changes, { title: 'Förändring mot samma period föregående år', subtitle: `${period} · ${reportName(c, report)}`, earlierFirst: false, change: (x) => fmtChange(x).replace(/ \(.*\)$/, '') });
  return { text: `Störst ${down ? 'minskning' : 'ökning'} ${period} mot samma period föregående år: ${top}. (${reportName(c, report)})`, card: renderCard('answer', view), context: { query: q } };
}
