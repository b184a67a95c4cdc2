/**
 * "Vilken typ av utredning låg längst från sitt målvärde?", "lägst andel
 * klara inom målsatt tid": the indicators a question names together, ranked
 * by their latest value or by how far each is from its target.
 */
import type { CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { formatIndicator } from '../format/swedish-number.js';
import { indicatorValues, indicators, type IndicatorRow, type IndicatorValueRow } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import type { AnswerContext } from './answer-context.js';
import { reportName, sourceLine } from './describe.js';
import { seriesDecimals, valueText } from './indicator-answer.js';
import { targetOf } from './indicator-target.js';
import { COMPLETE } from './item-finder.js';
import type { AnswerView, Reply } from './reply.js';

type Order = NonNullable<Query['order']>;

/** "barnavård, vuxna eller LSS": the question lists the indicators compared, each named in part — those within this score of the best */
const ALTERNATIVES = /(?<![\p{L}])(?:eller|or)(?![\p{L}])/iu;
const LISTED = 0.1;

interface Ranked {
  ind: IndicatorRow;
  value: IndicatorValueRow;
  target?: number;
  /** how far behind its target (negative: ahead of it) */
  gap?: number;
}

/** Behind the target is positive, whichever way the indicator should go (without a direction a target is a level to reach). */
function gapOf(ind: IndicatorRow, value: number, target: number): number {
  if (ind.direction === 'minska' || ind.direction === 'samma eller lägre') return value - target;
  if (ind.direction === 'bibehålla') return Math.abs(value - target);
  return target - value;
}

/**
 * The newest allowed report where the words name at least two indicators in
 * full (or, ranked against their targets, every indicator with a target when
 * no words are left), ranked. Undefined when the words name no such group: the
 * question is then about lines.
 */
export async function rankIndicators(ctx: AnswerContext, q: Query, words: { subject: string[]; context: string[]; asked?: string }, reports: CatalogueReport[], order: Order): Promise<Reply | undefined> {
  const c = ctx.catalogue;
  const listed = ALTERNATIVES.test(words.asked ?? '');
  for (const report of reports) {
    const matches = words.subject.length ? ctx.names.match(words.subject, words.context, (e) => e.type === 'indicator' && e.reportId === report.id) : [];
    const complete = matches.filter((m) => m.subjectCoverage >= COMPLETE);
    const named = complete.length >= 2 || !listed ? complete : matches.filter((m) => m.score >= matches[0]!.score - LISTED);
    const keys = words.subject.length
      ? named.map((m) => m.entity.key)
      : order === 'från målvärdet'
        ? c.indicators.filter((i) => i.reportId === report.id && i.target).map((i) => i.key)
        : [];
    // two readings of one figure ("Total sjukfrånvaro" under Personal and as an indicator) are not a group to rank
    if (new Set(keys.map((k) => c.indicator(report.id, k)?.name.toLowerCase())).size < 2) continue;
    const ranked = await latest(ctx, report, keys, q);
    const usable = order === 'från målvärdet' ? ranked.filter((r) => r.gap !== undefined) : ranked;
    if (usable.length < 2) continue;
    return reply(ctx, q, report, sort(usable, order), order);
  }
  return undefined;
}

async function latest(ctx: AnswerContext, report: CatalogueReport, keys: string[], q: Query): Promise<Ranked[]> {
  const [rows, values] = await Promise.all([indicators(ctx.db, report.id, keys), indicatorValues(ctx.db, report.id, keys)]);
  return rows.flatMap((ind) => {
    // the total's latest outturn (of the asked year, when one is asked)
    const own = values.filter((v) => v.indicator_key === ind.key && v.kind === 'utfall' && v.grp === '' && v.value !== null && (q.year === undefined || v.at.startsWith(String(q.year))));
    const value = own.sort((a, b) => b.period_end.localeCompare(a.period_end))[0];
    if (!value) return [];
    const target = targetOf(ind);
    return [{ ind, value, target, gap: target === undefined ? undefined : gapOf(ind, Number(value.value), target) }];
  });
}

function sort(ranked: Ranked[], order: Order): Ranked[] {
  // indicators in different units: how far behind, as a share of the target
  const relative = (r: Ranked) => r.gap! / Math.max(Math.abs(r.target!), 1e-9);
  if (order === 'från målvärdet') return [...ranked].sort((a, b) => relative(b) - relative(a));
  const sign = order === 'lägst' ? 1 : -1;
  return [...ranked].sort((a, b) => sign * (Number(a.value.value) - Number(b.value.value)));
}

function reply(ctx: AnswerContext, q: Query, report: CatalogueReport, ranked: Ranked[], order: Order): Reply {
  const c = ctx.catalogue;
  const shown = (r: Ranked) => valueText(r.value, r.ind.unit, seriesDecimals([r.value]));
  const gapText = (r: Ranked) => (r.gap === undefined ? '–' : r.gap > 0 ? `${formatIndicator(r.gap, r.ind.unit, seriesDecimals([r.value]))} kvar` : 'nått');
  const [first] = ranked;
  const lead =
    order === 'från målvärdet'
      ? `Längst från sitt målvärde: ${first!.ind.name} ${shown(first!)} mot målvärde ${first!.ind.target}`
      : `${order === 'lägst' ? 'Lägst' : 'Högst'}: ${first!.ind.name} ${shown(first!)}`;
  const rest = ranked.slice(1, 3).map((r) => `${r.ind.name} ${shown(r)}${order === 'från målvärdet' ? ` (målvärde ${r.ind.target})` : ''}`);
  const view: AnswerView = {
    title: order === 'från målvärdet' ? 'Indikatorerna efter avstånd till målvärdet' : `Indikatorerna efter värde, ${order} först`,
    subtitle: `${first!.value.label ?? first!.value.at} · ${reportName(c, report)}`,
    sections: [],
    table: {
      columns: [
        { title: 'Indikator', width: 'stretch' },
        { title: 'Värde', width: 'auto', align: 'right' },
        { title: 'Målvärde', width: 'auto', align: 'right' },
        ...(order === 'från målvärdet' ? [{ title: 'Till målvärdet', width: 'auto' as const, align: 'right' as const }] : []),
      ],
      rows: ranked.map((r) => ({
        cells: [{ text: r.ind.name }, { text: shown(r) }, { text: r.ind.target ?? '–' }, ...(order === 'från målvärdet' ? [{ text: gapText(r) }] : [])],
      })),
    },
    quotes: [],
    notes: [],
    source: sourceLine(c, report),
    actions: [],
  };
  return {
    text: `${lead}${rest.length ? `; därefter ${rest.join(', ')}` : ''}. (${reportName(c, report)})`,
    card: renderCard('answer', view),
    context: { query: q },
  };
}
