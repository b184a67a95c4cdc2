/**
 * Answers about goal fulfilment (måluppfyllelse): one goal's assessment with
 * its indicators, or the list of goals and how each is assessed.
 */
import type { CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { goals as goalRows, indicatorValues, indicators as indicatorRows, type GoalRow } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import type { AnswerContext } from './answer-context.js';
import { reportName, sourceLine } from './describe.js';
import { groupValues, seriesDecimals, valueText } from './indicator-answer.js';
import { action, type AnswerView, type Reply, type Tone } from './reply.js';

export const ASSESSMENT_PHRASE: Record<string, string> = {
  uppnås: 'bedöms uppnås',
  delvis: 'bedöms delvis uppnås',
  ej: 'bedöms inte uppnås',
  'kan ej bedömas': 'kan inte bedömas',
};

const TONE: Record<string, Tone> = { uppnås: 'good', delvis: 'warning', ej: 'attention' };

const assessmentLabel = (a: string | null) => (a === null ? 'ingen bedömning' : a === 'ej' ? 'uppnås ej' : a === 'delvis' ? 'delvis' : a);

export async function answerGoal(ctx: AnswerContext, q: Query, report: CatalogueReport, key: string): Promise<Reply> {
  const c = ctx.catalogue;
  const indicators = c.indicators.filter((i) => i.reportId === report.id && i.goalKey === key);
  const [[g], details, values] = await Promise.all([
    goalRows(ctx.db, report.id, [key]),
    indicatorRows(ctx.db, report.id, indicators.map((i) => i.key)),
    indicatorValues(ctx.db, report.id, indicators.map((i) => i.key)),
  ]);
  if (!g) throw new Error(`målet ${key} saknas`);
  // each indicator's latest value (the total, or its breakdown), to judge the assessment by
  const latest = details.map((ind) => {
    const own = values.filter((v) => v.indicator_key === ind.key && v.kind === 'utfall' && (v.value !== null || v.text_value !== null));
    const end = own.map((v) => v.period_end).sort().pop();
    const at = own.filter((v) => v.period_end === end);
    const shown = at.some((v) => v.grp === '') ? at.filter((v) => v.grp === '') : at;
    const decimals = seriesDecimals(values.filter((v) => v.indicator_key === ind.key));
    // the value before, so that "har antalet minskat?" is answered beside the assessment
    const before = shown.length === 1 ? own.filter((v) => v.grp === shown[0]!.grp && v.period_end < end! && v.value !== null).sort((a, b) => b.period_end.localeCompare(a.period_end))[0] : undefined;
    return {
      ind,
      label: shown[0]?.label ?? shown[0]?.at,
      text: groupValues(shown, ind.unit, decimals),
      before: before && `${valueText(before, ind.unit, decimals)} (${before.label ?? before.at})`,
    };
  });
  const verdict = g.assessment ? `Målet "${g.name}" ${ASSESSMENT_PHRASE[g.assessment]}` : `Det finns ingen bedömning av målet "${g.name}" i rapporten`;
  const view: AnswerView = {
    title: g.name,
    subtitle: [g.area && `Målområde ${g.area}`, reportName(c, report)].filter(Boolean).join(' · '),
    headline: { label: 'Bedömning', value: g.assessment ? capital(ASSESSMENT_PHRASE[g.assessment]!) : 'Ingen bedömning', color: g.assessment ? TONE[g.assessment] : 'default' },
    sections: [{ facts: [
      ...(g.municipal_goal ? [{ title: 'Kommunövergripande mål', value: g.municipal_goal }] : []),
      ...(g.description ? [{ title: 'Beskrivning', value: g.description }] : []),
    ] }],
    table: latest.length
      ? {
          columns: [{ title: 'Indikator', width: 'stretch' }, { title: 'Senaste värde', width: 'auto', align: 'right' }, { title: 'Målvärde', width: 'auto', align: 'right' }],
          rows: latest.map((x) => ({ cells: [{ text: x.ind.name }, { text: x.text ? `${x.text} (${x.label})` : '–' }, { text: x.ind.target ?? x.ind.direction ?? '' }] })),
        }
      : undefined,
    quotes: [g.assessment_text, g.text].filter((t): t is string => !!t).map((text) => ({ text: clip(text) })),
    notes: [],
    source: sourceLine(c, report),
    actions: indicators.slice(0, 4).map((i) => action(shorten(i.name), 'visa', { ref: { type: 'indicator', reportId: report.id, key: i.key } })),
  };
  const measured = latest.filter((x) => x.text).map((x) => `${x.ind.name}: ${x.text} (${x.label}${x.before ? `; före: ${x.before}` : ''}${x.ind.target && x.ind.target !== '-' ? `, målvärde ${x.ind.target}` : ''})`);
  return {
    text: `${`${verdict}${g.assessment_text && !g.assessment ? `: ${g.assessment_text}` : ''}`.replace(/\.$/, '')}.${measured.length ? ` Indikatorer: ${measured.slice(0, 3).join('; ')}.` : ''} (${reportName(c, report)})`,
    card: renderCard('answer', view),
    context: { query: q, ref: { type: 'goal', reportId: report.id, key } },
  };
}

/** All goals of a report (optionally only those with one assessment). */
export async function answerGoalList(ctx: AnswerContext, q: Query, report: CatalogueReport, note?: string): Promise<Reply> {
  const c = ctx.catalogue;
  const all = await goalRows(ctx.db, report.id);
  const shown = q.status ? all.filter((g) => g.assessment === q.status) : all;
  // "vilket mål bedömdes inte uppnås, och varför?": the one goal, with the report's account of it
  if (q.status && shown.length === 1) {
    const one = await answerGoal(ctx, q, report, shown[0]!.key);
    return { ...one, text: `${note ? `${note} ` : ''}1 av ${all.length} mål ${ASSESSMENT_PHRASE[q.status] ?? q.status}. ${one.text}` };
  }
  const counts = countBy(all);
  const summary = Object.entries(counts).map(([a, n]) => `${n} ${assessmentLabel(a === 'null' ? null : a)}`).join(', ');
  const intro = q.status
    ? shown.length
      ? `${shown.length} av ${all.length} mål ${ASSESSMENT_PHRASE[q.status] ?? q.status}: ${shown.map((g) => `${g.name}${shown.length <= FEW ? qualified(g.assessment_text) : ''}`).join('; ')}.`
      : `Inget av de ${all.length} målen ${ASSESSMENT_PHRASE[q.status] ?? q.status}.`
    : `Måluppfyllelse för ${all.length} mål: ${summary}.`;
  const view: AnswerView = {
    title: q.status ? `Mål som ${ASSESSMENT_PHRASE[q.status] ?? q.status}` : 'Måluppfyllelse',
    subtitle: reportName(c, report),
    sections: [],
    table: {
      columns: [{ title: 'Mål', width: 'stretch' }, { title: 'Målområde', width: 'auto' }, { title: 'Bedömning', width: 'auto' }],
      rows: (shown.length ? shown : all).map((g) => ({
        cells: [{ text: g.name }, { text: g.area ?? '' }, { text: assessmentLabel(g.assessment), color: g.assessment ? TONE[g.assessment] : undefined }],
      })),
    },
    quotes: [],
    notes: note ? [note] : [],
    source: sourceLine(c, report),
    actions: shown.slice(0, 5).map((g) => action(shorten(g.name), 'mål', { ref: { type: 'goal', reportId: report.id, key: g.key } })),
  };
  return { text: `${note ? `${note} ` : ''}${intro} (${reportName(c, report)})`, card: renderCard('answer', view), context: { query: q } };
}

/** goals few enough to say, beside each name, what the report adds to its assessment */
const FEW = 4;

/** "Målet är ej uppnått beträffande handläggningstider.": what the report adds to the bare verdict, if anything */
function qualified(text: string | null): string {
  const first = text?.split(/(?<=\.)\s+/)[0]?.trim();
  return first && !/^Målet är (?:ej |inte |delvis )?uppnått\.?$/i.test(first) ? ` ("${first.replace(/\.$/, '')}")` : '';
}

function countBy(goals: GoalRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const g of goals) out[String(g.assessment)] = (out[String(g.assessment)] ?? 0) + 1;
  return out;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 38)}…` : s);
export const clip = (s: string, n = 1200) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
