/**
 * "Vilka indikatorer går åt fel håll?", "hur många av nämndindikatorerna visar
 * en positiv utveckling?": a report's steered indicators, each judged by its
 * latest outturn against the one before and the direction the report wants
 * (a target alone does not say which side of it is good: "75 %" may be a floor
 * or a ceiling), beside the report's own summary of them where it writes one.
 */
import type { CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { indicatorValues, indicators, type IndicatorRow, type IndicatorValueRow } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import { stem, words } from '../understanding/swedish-text.js';
import type { AnswerContext } from './answer-context.js';
import { reportName, sourceLine } from './describe.js';
import { inWantedDirection, labelOf, previousValue, seriesDecimals, valueText } from './indicator-answer.js';
import type { AnswerView, Reply, Tone } from './reply.js';

/** the tables whose indicators are steered by (volumes and personnel figures are measured) */
const STEERED = new Set(['nämndindikator', 'förvaltningsindikator']);
/** indicators named in the text per way they changed; the card has them all */
const MAX_LISTED = 5;

interface Trend {
  ind: IndicatorRow;
  before: IndicatorValueRow;
  now: IndicatorValueRow;
  /** whether the report gives the direction it should go */
  judged: boolean;
  /** undefined: unchanged (or "bibehålla"), or not judged */
  wanted?: boolean;
  decimals: number;
}

/** The newest allowed report (of the year asked, when one is) with indicators that have a trend, judged; undefined when none has. */
export async function answerIndicatorTrends(ctx: AnswerContext, q: Query, reports: CatalogueReport[], subject: string[]): Promise<Reply | undefined> {
  const ofYear = reports.filter((r) => r.year === q.year);
  for (const report of ofYear.length ? ofYear : reports) {
    const keys = namedOrAll(ctx, report, subject);
    if (keys.length < 2) continue;
    const [rows, values] = await Promise.all([indicators(ctx.db, report.id, keys), indicatorValues(ctx.db, report.id, keys)]);
    const trends = rows.flatMap((ind) => trendOf(ind, values.filter((v) => v.indicator_key === ind.key), q.year) ?? []);
    if (trends.length) return reply(ctx, q, report, trends);
  }
  return undefined;
}

/** "vilka indikatorer för barn går åt fel håll": the ones whose name or area has a word asked, else all the report steers by. */
function namedOrAll(ctx: AnswerContext, report: CatalogueReport, subject: string[]): string[] {
  const steered = ctx.catalogue.indicators.filter((i) => i.reportId === report.id && STEERED.has(i.kind));
  const asked = subject.map(stem);
  // "återaktualisering" names "Ej återaktualiserade …": the same stem, or a long shared start
  const names = (w: string) => asked.some((a) => stem(w) === a || (a.length >= 8 && w.startsWith(a.slice(0, Math.max(8, a.length - 4)))));
  const named = steered.filter((i) => words(`${i.name} ${i.area ?? ''}`).some(names));
  return (named.length >= 2 ? named : steered).map((i) => i.key);
}

function trendOf(ind: IndicatorRow, values: IndicatorValueRow[], year: number | undefined): Trend | undefined {
  const outturns = values.filter((v) => v.kind === 'utfall' && v.grp === '' && v.value !== null && (year === undefined || Number(v.at.slice(0, 4)) <= year));
  const now = outturns.sort((a, b) => b.period_end.localeCompare(a.period_end))[0];
  const before = now && previousValue(values, now, ind.unit);
  if (!now || !before) return undefined;
  return { ind, before, now, decimals: seriesDecimals([before, now]), judged: !!ind.direction, wanted: inWantedDirection(ind.direction, Number(now.value) - Number(before.value)) };
}

/** The report's own count of how its indicators develop ("… visar sex stycken en positiv utveckling …"). */
function ownSummary(ctx: AnswerContext, report: CatalogueReport): string | undefined {
  for (const p of ctx.catalogue.passagesOf(report.id)) {
    const sentence = p.text.split(/(?<=\.)\s+/).find((s) => /indikator/i.test(s) && /(positiv|negativ)\s+utveckling/i.test(s));
    if (sentence) return sentence;
  }
  return undefined;
}

const verdict = (t: Trend) => (!t.judged ? 'ingen riktning angiven' : t.wanted === undefined ? 'oförändrad' : `${t.wanted ? 'i' : 'mot'} önskad riktning`);

/** "Andel … 9 % → 15 %; …": each indicator with its value before and now */
const listed = (ts: Trend[]) => ts.map((t) => `${t.ind.name.replace(/\.$/, '')} ${valueText(t.before, t.ind.unit, t.decimals)} → ${valueText(t.now, t.ind.unit, t.decimals)}`).join('; ');

/** "Minskat: A 84,0 % → 82,5 %. Ökat: B …": changes without a judgement, each way at most MAX_LISTED */
function changes(trends: Trend[]): string {
  const diff = (t: Trend) => Number(t.now.value) - Number(t.before.value);
  const ways: Array<[string, Trend[]]> = [
    ['Minskat', trends.filter((t) => diff(t) < 0)],
    ['Ökat', trends.filter((t) => diff(t) > 0)],
    ['Oförändrat', trends.filter((t) => diff(t) === 0)],
  ];
  return ways
    .filter(([, ts]) => ts.length)
    .map(([way, ts]) => `${way}: ${listed(ts.slice(0, MAX_LISTED))}${ts.length > MAX_LISTED ? ` med flera (${ts.length})` : ''}.`)
    .join(' ');
}

function reply(ctx: AnswerContext, q: Query, report: CatalogueReport, trends: Trend[]): Reply {
  const c = ctx.catalogue;
  const judged = trends.filter((t) => t.judged);
  const up = judged.filter((t) => t.wanted === true);
  const down = judged.filter((t) => t.wanted === false);
  const still = judged.length - up.length - down.length;
  const unjudged = trends.length - judged.length;
  const indikatorer = (n: number) => `${n} ${n === 1 ? 'indikator' : 'indikatorer'}`;
  const counts = judged.length
    ? `Av ${indikatorer(judged.length)} med önskad riktning och ett tidigare värde att jämföra med har ${up.length} utvecklats i önskad riktning och ${down.length} mot${still ? `; ${still} är oförändrade` : ''}.` +
      (unjudged ? ` För ${indikatorer(unjudged)} till anger rapporten ingen önskad riktning, bara värden.` : '')
    : `Rapporten anger ingen önskad riktning för ${trends.length === 1 ? 'indikatorn' : 'indikatorerna'}, så jag kan inte säga om de går åt rätt eller fel håll — bara hur de har ändrats. ${changes(trends)}`;
  const lists = [
    ...(q.trend !== 'rätt håll' && down.length ? [`Mot önskad riktning: ${listed(down)}.`] : []),
    ...(q.trend !== 'fel håll' && up.length ? [`I önskad riktning: ${listed(up)}.`] : []),
  ];
  const own = ownSummary(ctx, report);
  const text = [own && `Rapporten sammanfattar: "${own}" Räknat på tabellens värden:`, counts, ...lists, `(${reportName(c, report)})`].filter(Boolean).join(' ');
  // the side asked about first, then the other, then the unchanged and unjudged
  const rank = (t: Trend) => (t.wanted === (q.trend === 'rätt håll') ? 0 : t.wanted !== undefined ? 1 : t.judged ? 2 : 3);
  const tone = (t: Trend): Tone => (t.wanted === undefined ? 'default' : t.wanted ? 'good' : 'attention');
  const view: AnswerView = {
    title: 'Indikatorernas utveckling',
    subtitle: reportName(c, report),
    headline: judged.length ? { label: 'I önskad riktning', value: `${up.length} av ${judged.length}`, color: down.length > up.length ? 'attention' : 'good' } : undefined,
    sections: [],
    table: {
      columns: [
        { title: 'Indikator', width: 'stretch' },
        { title: 'Före', width: 'auto', align: 'right' },
        { title: 'Senast', width: 'auto', align: 'right' },
        { title: 'Utveckling', width: 'auto' },
      ],
      rows: [...trends].sort((a, b) => rank(a) - rank(b)).map((t) => ({
        cells: [
          { text: t.ind.name },
          { text: `${valueText(t.before, t.ind.unit, t.decimals)} (${labelOf(t.before)})` },
          { text: `${valueText(t.now, t.ind.unit, t.decimals)} (${labelOf(t.now)})` },
          { text: verdict(t), color: tone(t) },
        ],
      })),
    },
    quotes: own ? [{ heading: 'Rapportens sammanfattning', text: own }] : [],
    notes: ['Varje indikators senaste utfall mot värdet före, bedömt mot den riktning rapporten anger; ett målvärde ensamt säger inte om det är ett golv eller ett tak.'],
    source: sourceLine(c, report),
    actions: [],
  };
  return { text, card: renderCard('answer', view), context: { query: q } };
}
