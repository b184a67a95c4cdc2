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

function grid(rows: AmountRow[], table: CatalogueTable, ctx: AnswerContext, report: CatalogueReport): AnswerView['table'] {
  const columns = [...new Map(rows.map((r) => [r.column_key, r])).values()].sort((a, b) => a.ordinal - b.ordinal);
  const lines = [...new Set(rows.map((r) => r.line_key))];
  return {
    columns: [{ title: '', width: 'stretch' }, ...columns.map((col) => ({ title: col.column_label, width: 'auto' as const, align: 'right' as const }))],
    rows: lines.map((key) => {
      const l = ctx.catalogue.line(report.id, key);
      return {
        cells: [
          { text: l ? lineLabel(l) : key },
          ...columns.map((col) => {
            const cell = rows.find((r) => r.line_key === key && r.column_key === col.column_key);
            return { text: cell ? amountText(cell, table).replace(/ \(.*\)$/, '') : '', align: 'right' as const };
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
  const comments = rankPassages(c.passages.filter((p) => p.reportId === report.id), [...(named ? [named] : planLines), ...related], [...questionWords, 'åtgärdsplan']).slice(0, 2);
  const view: AnswerView = {
    title: name,
    subtitle: `${table.title} · ${reportName(c, report)}`,
    headline: wanted ? { label: `Effekt ${yearOf(wanted)}`, value: amountText(wanted, table), color: 'good' } : undefined,
    sections: full ? [{ facts: [{ title: full.column_label, value: amountText(full, table) }] }] : [],
    table: grid(rows, table, ctx, report),
    quotes: comments.map(({ passage }) => ({ heading: `Rapportens text (${passage.section})`, text: clip(passage.text, 700) })),
    notes: [...unitNotes([table]), ...(table.note ? [table.note] : [])],
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
  const describe = (r: AmountRow) => `${r.column_label}${r.component !== 'netto' ? ` (${r.component})` : ''}${isFullYear(r) || !r.period_from ? '' : ` ${periodText(r.period_from, r.period_to)}`}`;
  const text = head
    ? `${name}: ${describe(head).toLowerCase()} ${amountText(head, table)}${budget && budget !== head ? `, budget/investeringsram ${amountText(budget, table)}` : ''}.`
    : `${reportName(c, report)} har inga investeringsbelopp för ${name}.`;
  const view: AnswerView = {
    title: name,
    subtitle: `${table.title} · ${reportName(c, report)}`,
    headline: head ? { label: describe(head), value: amountText(head, table) } : undefined,
    sections: [],
    table: grid(rows, table, ctx, report),
    quotes: c.passages.filter((p) => p.reportId === report.id && /investering/i.test(`${p.section} ${p.heading ?? ''}`)).slice(0, 1).map((p) => ({ heading: 'Analys och kommentar', text: p.text })),
    notes: [...unitNotes([table]), ...(table.note ? [table.note] : [])],
    source: sourceLine(c, report, [table]),
    actions: [],
  };
  return { text: `${text} (${reportName(c, report)})`, card: renderCard('answer', view), context: { query: q } };
}
