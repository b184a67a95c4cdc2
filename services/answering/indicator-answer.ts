/**
 * Answers about indicators, volume measures and personnel figures: the latest
 * value (with its breakdown), the history, the target or direction and
 * whether the development goes the wanted way.
 */
import type { CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { decimalsOf, formatIndicator, formatNumber } from '../format/swedish-number.js';
import { indicatorValues, indicators, type IndicatorRow, type IndicatorValueRow } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import type { AnswerContext } from './answer-context.js';
import { withoutSplit } from './answer-caveats.js';
import { targetReached } from './indicator-target.js';
import { monthName, reportName, sourceLine } from './describe.js';
import { action, type AnswerView, type Reply } from './reply.js';

const KIND_WORD: Record<string, string> = { volym: 'Volymmått', personal: 'Personal', nämndindikator: 'Nämndindikator', förvaltningsindikator: 'Förvaltningsindikator' };

/** "Personal", "Nämndindikator": which of the report's tables an indicator is from. */
export const kindWord = (kind: string) => KIND_WORD[kind] ?? kind;

export async function answerIndicators(ctx: AnswerContext, asked: Query, report: CatalogueReport, keys: string[]): Promise<Reply> {
  const c = ctx.catalogue;
  // "utvecklats 2021–2023": the later year leads, the earlier is shown beside it
  const q = asked.year !== undefined && asked.compareYear !== undefined && asked.compareYear > asked.year ? { ...asked, year: asked.compareYear, compareYear: asked.year } : asked;
  const [rows, values] = await Promise.all([indicators(ctx.db, report.id, keys), indicatorValues(ctx.db, report.id, keys)]);
  const ordered = keys.map((k) => rows.find((r) => r.key === k)).filter((r): r is IndicatorRow => !!r);
  const main = ordered[0]!;
  const byKey = (k: string) => values.filter((v) => v.indicator_key === k);
  const sentences = ordered.map((ind) => describeIndicator(ind, byKey(ind.key), q));

  const mainValues = byKey(main.key);
  const decimals = seriesDecimals(mainValues);
  const groups = [...new Set(mainValues.map((v) => v.grp))];
  const periods = [...new Map(mainValues.map((v) => [`${v.period_end}|${v.kind}`, v])).values()];
  const latest = latestValues(mainValues, q);
  const view: AnswerView = {
    title: main.name,
    subtitle: `${kindWord(main.kind)} · ${reportName(c, report)}`,
    headline: latest.length
      ? { label: labelOf(latest[0]!), value: latest.map((v) => (v.grp ? `${v.grp} ${valueText(v, main.unit, decimals)}` : valueText(v, main.unit, decimals))).join(' · ') }
      : undefined,
    sections: [{ facts: factsOf(main) }],
    table: {
      columns: [{ title: 'Period', width: 'stretch' }, ...groups.map((g) => ({ title: g || 'Totalt', width: 'auto' as const, align: 'right' as const }))],
      rows: periods.map((p) => ({
        cells: [
          { text: labelOf(p) },
          ...groups.map((g) => {
            const v = mainValues.find((x) => x.period_end === p.period_end && x.kind === p.kind && x.grp === g);
            return { text: v ? valueText(v, main.unit, decimals) : '–' };
          }),
        ],
      })),
    },
    quotes: [],
    notes: [disagreement(main), main.footnote, ...ordered.slice(1).map((o) => `Även ${describeIndicator(o, byKey(o.key), q)}`)].filter((n): n is string => !!n),
    source: `${sourceLine(c, report)}${main.source ? ` Ursprung: ${main.source}.` : ''}`,
    actions: main.goal_key ? [action('Målet', 'mål', { ref: { type: 'goal', reportId: report.id, key: main.goal_key } })] : [],
  };
  // "sjukfrånvaron bland män", "per avdelning" of a figure the report gives only in total: say so before the total
  const parts = groups.filter((g) => g !== '' && g !== 'Män' && g !== 'Kvinnor');
  const differs = disagreement(main);
  const text = `${sentences.join(' ')} (${reportName(c, report)})${differs ? ` ${differs}` : ''}`;
  const lacking = latest[0] && periodLacking(mainValues, latest[0], q);
  const unsplit = (q.group && !groups.includes(q.group)) || (!q.group && q.breakdown && (q.breakdown === 'kön' ? !groups.includes('Män') : parts.length === 0));
  return {
    text: unsplit ? withoutSplit(text, main.name, q) : lacking ? `Rapporterna har ingen uppgift om ${main.name} för ${lacking} — ${latest[0]!.at === String(q.year) ? 'för helåret finns' : 'det senaste som finns'}: ${text}` : text,
    card: renderCard('answer', view),
    context: { query: q, ref: { type: 'indicator', reportId: report.id, key: main.key } },
  };
}

/** A report whose text gives other figures than its table: both readings, said up front, not left to a footnote. */
function disagreement(ind: IndicatorRow): string | undefined {
  return ind.conflicting_text ? `Obs! Rapportens text anger andra tal än tabellen: ${ind.conflicting_text}. Vilket som stämmer säger rapporten inte.` : undefined;
}

/** Indicators' latest values and the ones before, as card facts (beside the report's explanation of them). */
export async function indicatorFacts(ctx: AnswerContext, q: Query, reportId: string, keys: string[]): Promise<Array<{ title: string; value: string }>> {
  if (keys.length === 0) return [];
  const [rows, values] = await Promise.all([indicators(ctx.db, reportId, keys), indicatorValues(ctx.db, reportId, keys)]);
  return rows.flatMap((ind) => {
    const own = values.filter((v) => v.indicator_key === ind.key);
    const decimals = seriesDecimals(own);
    const [first] = latestValues(own, q);
    if (!first) return [];
    const earlier = previousValue(own, first, ind.unit);
    // what it is expected to be ("Prognos 2023: 221"): often what the explanation is about
    const ahead = own
      .filter((v) => v.kind !== 'utfall' && v.kind !== first.kind && v.grp === first.grp && v.period_end >= first.period_end && v.value !== null)
      .sort((a, b) => a.period_end.localeCompare(b.period_end))[0];
    // one indicator is named in the card's title already
    return [first, ...(earlier ? [earlier] : []), ...(ahead ? [ahead] : [])].map((v) => ({ title: rows.length > 1 ? `${ind.name} — ${labelOf(v)}` : labelOf(v), value: valueText(v, ind.unit, decimals) }));
  });
}

/** The value of the same kind and group before `v`, for the trend: a count only over as long a period (a year's dygn are no trend for March's). */
export function previousValue(values: IndicatorValueRow[], v: IndicatorValueRow, unit: string): IndicatorValueRow | undefined {
  const count = isCount(unit);
  return values
    .filter((x) => x.kind === v.kind && x.grp === v.grp && x.period_end < v.period_end && x.value !== null && (!count || samePeriodLength(x.at, v.at)))
    .sort((a, b) => b.period_end.localeCompare(a.period_end))[0];
}

/** A unit that adds up over a period ("antal", "dygn", "hushåll"), unlike a share, a median or a cost per inhabitant. */
const isCount = (unit: string) => /^(antal|dygn|hushåll|ärenden|personer|st)\b/i.test(unit) && !unit.includes('/');

/** "2023" and "2022", or "2024-03" and "2023-03": periods as long as each other. */
const samePeriodLength = (a: string, b: string) => (/^\d{4}$/.test(a) && /^\d{4}$/.test(b)) || (/^\d{4}-\d{2}$/.test(a) && a.slice(5) === b.slice(5));

/** The values to lead with: the asked period/kind, else the latest utfall. */
function latestValues(values: IndicatorValueRow[], q: Query): IndicatorValueRow[] {
  const wanted = q.measure === 'prognos' ? 'prognos' : q.measure === 'budget' ? 'budget' : q.measure === 'plan' ? 'plan' : 'utfall';
  let pool = values.filter((v) => v.kind === wanted);
  if (pool.length === 0) pool = values.filter((v) => v.kind === 'utfall');
  if (pool.length === 0) pool = values;
  const ofGroup = pool.filter((v) => v.grp === q.group);
  if (ofGroup.length) pool = ofGroup;
  if (q.year !== undefined) {
    const inYear = (vs: IndicatorValueRow[]) => vs.filter((v) => v.at.startsWith(String(q.year)));
    // a year with no outturn yet has its budget or forecast ("hur många … räknar internbudgeten med för 2024")
    const asked = inYear(pool).length ? inYear(pool) : q.measure ? [] : inYear(values);
    if (asked.length) pool = asked;
    // "för helåret": the year's forecast when the outturn so far is all there is
    const fullYear = values.filter((v) => v.at === String(q.year) && v.kind !== 'utfall' && v.grp === (q.group ?? '') && (v.value !== null || !!v.text_value));
    if (q.scope === 'helår' && wanted === 'utfall' && !pool.some((v) => v.at === String(q.year)) && fullYear.length) pool = fullYear;
  }
  const withValue = pool.filter((v) => v.value !== null);
  const end = (withValue.length ? withValue : pool).map((v) => v.period_end).sort().pop();
  const at = pool.filter((v) => v.period_end === end);
  const total = at.filter((v) => v.grp === '');
  // the total first, then the breakdown (IFO/LSS, tätort/glesbygd); a gender split only when there is no total
  return total.length && at.length > 1 && !at.some((v) => !['', 'Män', 'Kvinnor'].includes(v.grp)) && q.breakdown !== 'kön' ? total : at.sort((a, b) => (a.grp === '' ? -1 : b.grp === '' ? 1 : 0));
}

/**
 * The period asked, when the series has others of that year but not it: a
 * month the report does not give ("i september 2023" of a series per
 * augusti), or the full year of a series with only part-year values.
 */
function periodLacking(values: IndicatorValueRow[], shown: IndicatorValueRow, q: Query): string | undefined {
  if (q.year === undefined || shown.kind !== 'utfall' || !shown.at.startsWith(String(q.year))) return undefined;
  // "Delår mars 2024: … för 2023": the month dates the report, not the figure
  if (q.reportYear !== undefined && q.reportYear !== q.year) return undefined;
  const ats = new Set(values.filter((v) => v.kind === 'utfall').map((v) => v.at));
  // a month of a series per month, or of one with the whole year only ("i augusti 2018" of a 2018 figure)
  if (q.month !== undefined && /^\d{4}(-\d{2})?$/.test(shown.at) && !ats.has(`${q.year}-${String(q.month).padStart(2, '0')}`)) return `${monthName(q.month)} ${q.year}`;
  if (q.month === undefined && q.scope === 'helår' && !ats.has(String(q.year))) return `helår ${q.year}`;
  return undefined;
}

function describeIndicator(ind: IndicatorRow, values: IndicatorValueRow[], q: Query): string {
  const latest = latestValues(values, q);
  if (latest.length === 0) return `${ind.name}: inga värden i rapporten.`;
  const decimals = seriesDecimals(values);
  const first = latest[0]!;
  const earlier = previousValue(values, first, ind.unit);
  if (latest.every((v) => v.value === null && !v.text_value)) {
    // "publiceras juni 2024", "-": say there is no figure, then the last one there is
    const printed = first.missing && first.missing !== '-' ? ` (tabellen anger "${first.missing}")` : '';
    // the last period with figures, every group of it (Linköping and R9)
    const known = values.filter((x) => x.kind === first.kind && x.value !== null && x.period_end < first.period_end);
    const lastEnd = known.reduce((end, x) => (x.period_end > end ? x.period_end : end), '');
    const last = known.filter((x) => x.period_end === lastEnd);
    const lastText = last.length ? ` Senaste värdet: ${groupValues(last, ind.unit, decimals)} (${labelOf(last[0]!)}).` : '';
    return `${ind.name}: rapporten har ingen uppgift för ${labelOf(first).replace(/\.$/, '')}${printed}.${lastText}`;
  }
  const now = groupValues(latest, ind.unit, decimals);
  let s = `${ind.name}: ${now} (${labelOf(first)}${first.kind !== 'utfall' && !labelOf(first).toLowerCase().includes(first.kind) ? `, ${first.kind}` : ''}).`;
  if (earlier && first.value !== null && first.kind === 'utfall') {
    const diff = Number(first.value) - Number(earlier.value);
    const trend = diff === 0 ? 'oförändrat' : diff > 0 ? 'ökat' : 'minskat';
    s += ` Jämfört med ${labelOf(earlier)} (${valueText(earlier, ind.unit, decimals)}) har det ${trend}${judge(ind.direction, diff)}.`;
  }
  // "in 2023, and in Q1 2024": a year the question names, though not one to take a trend from ("2016 och 2017, och prognosen för 2018": their outturns)
  for (const year of [q.year, q.compareYear]) {
    const ofYear = (kind: string) => values.find((v) => v.kind === kind && v.grp === first.grp && v.at === String(year) && v.value !== null);
    const named = year !== undefined && ![first, earlier].some((v) => v?.at === String(year)) && (ofYear(first.kind) ?? ofYear('utfall'));
    if (named) s += ` ${labelOf(named)}: ${valueText(named, ind.unit, decimals)}.`;
  }
  const targetBits = [ind.target && `målvärde ${ind.target}`, ind.direction && `riktning ${ind.direction}`].filter(Boolean);
  if (targetBits.length) s += ` ${capital(targetBits.join(', '))}.`;
  // "når vi målet?": a yes or no, where the target says which way is better
  const reached = q.intent === 'måluppfyllelse' && latest.length === 1 && first.value !== null ? targetReached(ind, Number(first.value)) : undefined;
  const partYear = first.kind === 'utfall' && first.at.length > 4; // "2024-03": a value during the year, an annual target
  if (reached !== undefined) s += reached ? ' Värdet når målvärdet.' : partYear ? ` Värdet når ännu inte målvärdet (per ${labelOf(first).toLowerCase()}).` : ' Värdet når inte målvärdet.';
  return s;
}

function judge(direction: string | null, diff: number): string {
  const wanted = inWantedDirection(direction, diff);
  return wanted === undefined ? '' : wanted ? ', i önskad riktning' : ', mot önskad riktning';
}

/** Whether a change goes the way the indicator should; undefined when unchanged or the direction says no way ("bibehålla"). */
export function inWantedDirection(direction: string | null, diff: number): boolean | undefined {
  if (!direction || diff === 0) return undefined;
  if (direction === 'öka') return diff > 0;
  if (direction === 'minska' || direction === 'samma eller lägre') return diff < 0;
  return undefined;
}

function factsOf(ind: IndicatorRow): Array<{ title: string; value: string }> {
  const facts: Array<{ title: string; value: string }> = [];
  if (ind.target) facts.push({ title: 'Målvärde', value: ind.target });
  if (ind.direction) facts.push({ title: 'Önskad riktning', value: ind.direction });
  if (ind.goal_name) facts.push({ title: 'Mål', value: ind.goal_name });
  if (ind.area) facts.push({ title: 'Målområde', value: ind.area });
  facts.push({ title: 'Enhet', value: ind.unit });
  return facts;
}

export function labelOf(v: Pick<IndicatorValueRow, 'label' | 'at' | 'kind'>): string {
  const base = v.label ?? v.at;
  return v.kind !== 'utfall' && !base.toLowerCase().includes(v.kind) ? `${base} (${v.kind})` : base;
}

/** The decimals a series of values is printed with: a report prints "8,0" beside "8,3", the store keeps 8. */
export function seriesDecimals(values: Array<Pick<IndicatorValueRow, 'value'>>): number {
  return Math.max(0, ...values.map((v) => (v.value === null ? 0 : decimalsOf(Number(v.value)))));
}

/** "Linköping 761 kr/inv, R9 1 063 kr/inv": one period's values, each with its group. */
export function groupValues(values: IndicatorValueRow[], unit: string, decimals: number): string {
  return values.map((v) => `${v.grp ? `${v.grp} ` : ''}${valueText(v, unit, decimals)}`).join(', ');
}

export function valueText(v: Pick<IndicatorValueRow, 'value' | 'missing' | 'text_value' | 'share_label' | 'share_percent'>, unit: string, decimals = 0): string {
  if (v.value !== null) {
    const base = formatIndicator(Number(v.value), unit, decimals);
    return v.share_percent !== null ? `${base} (${formatNumber(Number(v.share_percent))} % ${v.share_label})` : base;
  }
  if (v.text_value) return v.text_value;
  return v.missing && v.missing !== '-' ? `ingen uppgift (tabellen anger "${v.missing}")` : 'ingen uppgift';
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
