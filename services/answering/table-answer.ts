/**
 * Answers read from one whole table: the action plan's effects per year
 * (åtgärdsplan) and the investments.
 */
import type { CatalogueLine, CatalogueReport, CatalogueTable } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { tableAmounts, type AmountRow } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import type { AnswerContext } from './answer-context.js';
import { amountText, isFullYear, periodText, reportName, sourceLine, unitNotes, yearOf } from './describe.js';
import { lineLabel } from './describe.js';
import { rankPassages } from './explanation-answer.js';
import { clip } from './goal-answer.js';
import type { AnswerView, Reply } from './reply.js';

/** The row the question is about: the named one, else the table's sum row. */
function focusRow(ctx: AnswerContext, report: CatalogueReport, table: CatalogueTable, named?: CatalogueLine): CatalogueLine | undefined {
  if (named) return named;
  const lines = ctx.catalogue.lines.filter((l) => l.reportId === report.id && l.available.some((a) => a.table === table.key));
  return lines.find((l) => l.kind === 'delsumma' || l.kind === 'total') ?? lines[lines.length - 1];
}

/** A short column heading a narrow card can show: "Prognos netto 2024", "Utfall utgifter jan–aug 2020". */
function heading(col: AmountRow): string {
  const measure = { utfall: 'Utfall', budget: 'Budget', prognos: 'Prognos', avvikelse: 'Avvikelse', plan: 'Plan', förändring: 'Förändring', effekt: 'Effekt' }[col.measure];
  const part = col.component === 'netto' ? '' : ` ${col.component}`;
  const when = !col.period_from ? ' (helår)' : isFullYear(col) ? ` ${yearOf(col)}` : ` ${periodText(col.period_from, col.period_to)}`;
  return `${measure}${part}${when}`;
}

/**
 * The table as figures per row. Wide tables (investments print utgifter,
 * inkomster and netto for two periods) keep only the columns a reader needs:
 * netto where there is one, and at most six.
 */
function grid(rows: AmountRow[], table: CatalogueTable, ctx: AnswerContext, report: CatalogueReport): AnswerView['table'] {
  let columns = [...new Map(rows.map((r) => [r.column_key, r])).values()].sort((a, b) => a.ordinal - b.ordinal);
  if (columns.length > 4) {
    const netto = columns.filter((c) => c.component === 'netto' || !columns.some((o) => o !== c && o.measure === c.measure && o.period_to === c.period_to && o.component === 'netto'));
    columns = (netto.length ? netto : columns).filter((c) => rows.some((r) => r.column_key === c.column_key && r.value_tkr !== null)).slice(-6);
  }
  const lines = [...new Set(rows.map((r) => r.line_key))];
  return {
    columns: [{ title: '', width: 'stretch' }, ...columns.map((col) => ({ title: heading(col), width: 'auto' as const, align: 'right' as const }))],
    rows: lines.map((key) => {
      const l = ctx.catalogue.line(report.id, key);
      return {
        cells: [
          { text: l ? lineLabel(l) : key },
          ...columns.map((col) => {
            const cell = rows.find((r) => r.line_key === key && r.column_key === col.column_key);
            return { text: cell ? amountText(cell, table).replace(/ \(.*\)$/, '') : '' };
          }),
        ],
      };
    }),
  };
}

export async function answerActionPlan(
  ctx: AnswerContext,
  q: Query,
  report: CatalogueReport,
  table: CatalogueTable,
  named: CatalogueLine | undefined,
  questionWords: string[],
  /** other lines the question names (the area an åtgärd concerns), for the report's comments */
  related: CatalogueLine[] = [],
): Promise<Reply> {
  const c = ctx.catalogue;
  const rows = await tableAmounts(ctx.db, report.id, table.key);
  const focus = focusRow(ctx, report, table, named);
  const effects = rows.filter((r) => r.line_key === focus?.key && r.measure === 'effekt');
  const wanted = q.year !== undefined ? effects.find((r) => yearOf(r) === q.year) : undefined;
  const name = focus ? lineLabel(focus) : table.title;
  const perYear = effects.filter((r) => r.period_to).map((r) => `${yearOf(r)}: ${amountText(r, table)}`).join(', ');
  const text = wanted
    ? `${name} ska ge ${amountText(wanted, table)} ${yearOf(wanted)} (effekt per år: ${perYear}).`
    : `${name} — effekt per år: ${perYear || 'uppgift saknas'}.`;
  const full = effects.find((r) => !r.period_to);
  const planLines = c.lines.filter((l) => l.reportId === report.id && l.available.some((a) => a.table === table.key));
  // the named area's own text first ("åtgärdsplanen inom LSS"), else the plan's
  const about = related.length ? [...(named ? [named] : []), ...related] : named ? [named] : planLines;
  const comments = rankPassages(c.passagesOf(report.id), about, [...questionWords, 'åtgärdsplan']).slice(0, 2);
  const view: AnswerView = {
    title: name,
    subtitle: `${table.title} · ${reportName(c, report)}`,
    headline: wanted ? { label: `Effekt ${yearOf(wanted)}`, value: amountText(wanted, table), color: 'good' } : undefined,
    sections: full ? [{ facts: [{ title: full.column_label, value: amountText(full, table) }] }] : [],
    table: grid(rows, table, ctx, report),
    quotes: comments.map(({ passage }) => ({ heading: `Rapportens text (${passage.section})`, text: clip(passage.text, 700) })),
    notes: unitNotes([table]),
    source: sourceLine(c, report, [table]),
    actions: [],
  };
  return { text: `${text} (${reportName(c, report)})`, card: renderCard('answer', view), context: { query: q } };
}

export async function answerInvestments(ctx: AnswerContext, q: Query, report: CatalogueReport, table: CatalogueTable, named?: CatalogueLine): Promise<Reply> {
  const c = ctx.catalogue;
  const rows = await tableAmounts(ctx.db, report.id, table.key);
  const focus = focusRow(ctx, report, table, named);
  const mine = rows.filter((r) => r.line_key === focus?.key && r.value_tkr !== null);
  const year = q.year ?? report.year;
  const pickBy = (measure: string, scope?: 'period' | 'helår') =>
    mine.find((r) => r.measure === measure && yearOf(r) === year && (r.component === 'netto' || r.component === 'utgifter') && (!scope || (scope === 'helår') === isFullYear(r))) ??
    mine.find((r) => r.measure === measure && (!scope || (scope === 'helår') === isFullYear(r)));
  const measure = q.measure ?? (q.scope === 'period' ? 'utfall' : 'prognos');
  const head = pickBy(measure === 'avvikelse' ? 'avvikelse' : measure, measure === 'utfall' ? q.scope : undefined) ?? pickBy('prognos') ?? pickBy('budget') ?? mine[0];
  const name = focus ? lineLabel(focus) : 'Investeringar';
  const budget = pickBy('budget', 'helår');
  // (a label that names its component or period already, "Redovisat jan-mars 2024 Utgifter", is not told them twice)
  const describe = (r: AmountRow) => {
    const label = r.column_label.toLowerCase().replace(/[–—]/g, '-');
    const period = isFullYear(r) || !r.period_from ? '' : periodText(r.period_from, r.period_to);
    return `${r.column_label}${r.component !== 'netto' && !label.includes(r.component) ? ` (${r.component})` : ''}${period && !label.includes(period.replace(/[–—]/g, '-')) ? ` ${period}` : ''}`;
  };
  const text = head
    ? `${name}: ${describe(head).toLowerCase()} ${amountText(head, table)}${budget && budget !== head ? `, budget/investeringsram ${amountText(budget, table)}` : ''}.`
    : `${reportName(c, report)} har inga investeringsbelopp för ${name}.`;
  const view: AnswerView = {
    title: name,
    subtitle: `${table.title} · ${reportName(c, report)}`,
    headline: head ? { label: describe(head), value: amountText(head, table) } : undefined,
    sections: [],
    table: grid(rows, table, ctx, report),
    quotes: c.passagesOf(report.id).filter((p) => /investering/i.test(`${p.section} ${p.heading ?? ''}`)).slice(0, 1).map((p) => ({ heading: 'Analys och kommentar', text: p.text })),
    notes: unitNotes([table]),
    source: sourceLine(c, report, [table]),
    actions: [],
  };
  return { text: `${text} (${reportName(c, report)})`, card: renderCard('answer', view), context: { query: q } };
}
