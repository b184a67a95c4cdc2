/**
 * "Varför …?": the report's own analysis, quoted, for the line (or lines)
 * asked about, with the line's deviation figures alongside.
 */
import type { CatalogueLine, CataloguePassage, CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { lineAmounts } from '../reports/report-queries.js';
import type { Query } from '../understanding/query.js';
import { STOPWORDS, stem, words } from '../understanding/swedish-text.js';
import type { AnswerContext } from './answer-context.js';
import { amountText, isFullYear, periodText, reportName, sourceLine, unitNotes } from './describe.js';
import { lineLabel } from './describe.js';
import { citationsFor, SUMMARY_NOTE } from './explanation-summary.js';
import { indicatorFacts } from './indicator-answer.js';
import { fromTkr } from '../reports/amount.js';
import { toFigures, type Figure } from './figures.js';
import { clip } from './goal-answer.js';
import { action, type AnswerView, type Reply } from './reply.js';

const MAX_QUOTES = 3;

interface PassageWords {
  /** the heading's words, then the body's */
  text: string[];
  /** the body's words alone */
  body: string[];
  textStems: Set<string>;
  /** stems long enough to contain another word ("barnavårdsutredning" ⊃ "utredning") */
  longStems: string[];
  /** the amounts it cites, as written ("9,8 miljoner", "19,3 mnkr") */
  amounts: number[];
  /** an analysis or comment section (lists of events and goals explain less) */
  explains: boolean;
  /** it names a cause ("ökar till följd av", "beror på") */
  causal: boolean;
}

const CAUSE = /till följd av|beror (?:\p{L}+ )?på|på grund av|med anledning av|orsak|förklaras (?:\p{L}+ )?av|hänför(?:s|as) (?:\p{L}+ )?till/iu;

const tokenised = new WeakMap<CataloguePassage, PassageWords>();

/** A passage's words, stems and cited amounts, worked out once per catalogue. */
export function passageWords(p: CataloguePassage): PassageWords {
  let t = tokenised.get(p);
  if (!t) {
    const body = words(p.text);
    const text = [...words(p.heading ?? ''), ...body];
    const amounts = [...p.text.matchAll(/(\d+(?:,\d+)?)\s*(?:miljoner|mnkr|mkr|milj)/g)].map((m) => Number(m[1]!.replace(',', '.')));
    const textStems = new Set(text.map(stem));
    const explains = /analys|kommentar|avvikelse|händelser|bedömning/i.test(`${p.section} ${p.heading ?? ''}`);
    const causal = CAUSE.test(p.text);
    t = { text, body, textStems, longStems: [...textStems].filter((x) => x.length > 5), amounts, explains, causal };
    tokenised.set(p, t);
  }
  return t;
}

/** What ranking needs of a selection of passages, worked out once: the same passages are ranked on every turn. */
interface Selection {
  last: CataloguePassage;
  length: number;
  /** how many of the passages use each stem */
  df: Map<string, number>;
  /** per question stem: the passages with a longer word containing it */
  inCompounds: Map<string, Set<CataloguePassage>>;
}

const selections = new WeakMap<CataloguePassage, Selection>();
function selectionOf(passages: CataloguePassage[]): Selection {
  const first = passages[0]!;
  const known = selections.get(first);
  if (known && known.length === passages.length && known.last === passages.at(-1)) return known;
  const df = new Map<string, number>();
  for (const p of passages) for (const st of passageWords(p).textStems) df.set(st, (df.get(st) ?? 0) + 1);
  const selection = { last: passages.at(-1)!, length: passages.length, df, inCompounds: new Map() };
  selections.set(first, selection);
  return selection;
}

function inCompounds(selection: Selection, passages: CataloguePassage[], s: string): Set<CataloguePassage> {
  let found = selection.inCompounds.get(s);
  if (!found) {
    found = new Set(passages.filter((p) => passageWords(p).longStems.some((t) => t.includes(s))));
    if (selection.inCompounds.size > 10_000) selection.inCompounds.clear();
    selection.inCompounds.set(s, found);
  }
  return found;
}

/**
 * Passages of a report ranked for the lines (or indicators) and words of a
 * question. Passages about the asked lines come first; a passage that cites
 * the line's own deviation is its analysis.
 */
/** Stems the reports use for the same thing: what an action plan "ger effekt" it also "får genomslag" and "realiseras". */
const SAME_THING = [
  ['effek', 'genomslag', 'realiser', 'realiserat'],
  // "varför har antalet minskat?" is answered by "Minskningen av antal …"
  ['minsk', 'minskning'],
  ['ok', 'okning'],
  // "prognosen lika med budget" is "prognosen … till samma nivå som budget"
  ['lik', 'samm'],
];

export function rankPassages(
  passages: CataloguePassage[],
  lines: CatalogueLine[],
  questionWords: string[],
  indicatorKeys: string[] = [],
  /** the asked lines' figures in mnkr, to recognise the passage that explains them */
  figures: number[] = [],
  /** the passages to rank, when not all of them (word rarity is still taken over all) */
  candidates: CataloguePassage[] = passages,
  /** a "varför" question: a passage naming a cause explains more */
  why = false,
): Array<{ passage: CataloguePassage; score: number }> {
  if (passages.length === 0) return [];
  const keys = new Set(lines.flatMap((l) => [l.key, ...(l.parentKey ? [l.parentKey] : [])]));
  const indicators = new Set(indicatorKeys);
  const childKeys = new Set(lines.map((l) => l.key));
  const wanted = questionWords.filter((w) => !STOPWORDS.has(w));
  const stems = new Set(wanted.filter((w) => !/^\d/.test(w)).map(stem));
  for (const group of SAME_THING) if (group.some((s) => stems.has(s))) for (const s of group) stems.add(s);
  const numbers = new Set(wanted.filter((w) => /^\d/.test(w)));
  const names = new Set(lines.flatMap((l) => words([l.name, ...l.aliases].join(' ')).filter((w) => !STOPWORDS.has(w)).map(stem)));
  // a word few passages use says more about which passage is meant than a common one
  const selection = selectionOf(passages);
  const { df } = selection;
  const asked = [...stems].map((s) => ({
    stem: s,
    rarity: 0.5 + Math.log((passages.length + 1) / ((df.get(s) ?? 0) + 1)) / 2,
    inCompounds: s.length > 4 ? inCompounds(selection, passages, s) : undefined,
  }));
  const scored = candidates.map((p) => {
    const { text, textStems, amounts, explains, causal } = passageWords(p);
    let score = 0;
    const about = p.lineKeys.some((k) => childKeys.has(k)) || p.indicatorKeys.some((k) => indicators.has(k));
    if (about) score += 4;
    else if (p.lineKeys.some((k) => keys.has(k))) score += 2;
    for (const s of asked) {
      if (textStems.has(s.stem)) score += s.rarity;
      else if (s.inCompounds?.has(p)) score += 0.5;
    }
    for (const s of names) if (textStems.has(s)) score += 0.5;
    for (const n of numbers) if (text.includes(n)) score += 1.5;
    for (const f of figures) if (f !== 0 && amounts.some((a) => Math.abs(a - Math.abs(f)) < 0.051)) score += 2;
    if (explains) score += 0.5;
    if (why && causal) score += 0.5;
    return { passage: p, score, about };
  });
  return scored
    .filter((x) => x.score >= 2)
    .sort((a, b) => Number(b.about) - Number(a.about) || b.score - a.score)
    .map(({ passage, score }) => ({ passage, score }));
}

/** The report's own comment on a line: the best-ranked passage about it (most lines have none or one). */
export function lineComment(passages: CataloguePassage[], line: CatalogueLine, questionWords: string[], figures: number[] = []): CataloguePassage | undefined {
  const about = passages.filter((p) => p.lineKeys.includes(line.key));
  if (about.length <= 1) return about[0];
  return rankPassages(passages, [line], questionWords, [], figures, about)[0]?.passage;
}

export async function answerExplanation(
  ctx: AnswerContext,
  q: Query,
  report: CatalogueReport,
  lines: CatalogueLine[],
  questionWords: string[],
  indicatorKeys: string[] = [],
  /** the passages to quote from, when not all ("the ones that name the action plan") */
  candidates?: CataloguePassage[],
): Promise<Reply> {
  const c = ctx.catalogue;
  const figures = lines.length ? toFigures(c, report, await lineAmounts(ctx.db, report.id, lines.map((l) => l.key))) : [];
  const deviations = figures.filter((f) => f.measure === 'avvikelse' && f.component === 'netto' && f.value !== undefined);
  const inMnkr = deviations.map((f) => Math.round(fromTkr(f.value_tkr!, 'mnkr') * 10) / 10);
  const ranked = rankPassages(c.passagesOf(report.id), lines, questionWords, indicatorKeys, inMnkr, candidates, q.intent === 'förklaring').slice(0, MAX_QUOTES);
  const indicatorNames = indicatorKeys.map((k) => c.indicator(report.id, k)?.name).filter(Boolean);
  const name = lines.length ? lines.map(lineLabel).join(', ') : indicatorNames.length ? indicatorNames.join(', ') : reportName(c, report);
  const facts = deviations
    .filter((f, i, all) => all.findIndex((x) => x.line_key === f.line_key && x.period_to === f.period_to && x.period_from === f.period_from) === i)
    .map((f) => ({
      title: `${lines.length > 1 ? `${lineLabel(lines.find((l) => l.key === f.line_key)!)} — a` : 'A'}vvikelse ${isFullYear(f) ? `helår ${f.period_to!.slice(0, 4)}` : periodText(f.period_from, f.period_to)}`,
      value: `${amountText(f, f.table)}${f.value ? ` (${f.value < 0 ? 'underskott' : 'överskott'})` : ''}`,
    }));
  // "vad låg prognosen på jämfört med bokslut 2019, och vad beror ökningen på?": the two figures beside the analysis
  if (lines.length === 1 && (q.compareWith || q.compareMeasure)) {
    const prognos = figures.find((f) => f.measure === 'prognos' && isFullYear(f) && f.component === 'netto');
    const before = prognos && figures.find((f) => f.measure === 'utfall' && isFullYear(f) && f.component === 'netto' && f.table === prognos.table && Number(f.period_to!.slice(0, 4)) === (q.compareYear ?? Number(prognos.period_to!.slice(0, 4)) - 1));
    for (const f of [before, prognos]) if (f) facts.unshift({ title: `${f === prognos ? 'Prognos helår' : 'Bokslut'} ${f.period_to!.slice(0, 4)}`, value: amountText(f, f.table) });
  }
  // "varför ökar budgeten för SFB 2024?", "B23 mot B24 … varför?": the year's budget (or plan) beside the year before's
  if (lines.length === 1 && (q.measure === 'budget' || q.measure === 'plan') && (!q.compareMeasure || q.compareMeasure === q.measure)) {
    const full = (measure: string, year: number) =>
      figures.find((f) => f.measure === measure && isFullYear(f) && f.component === 'netto' && Number(f.period_to!.slice(0, 4)) === year);
    const year = q.year ?? Math.max(0, ...figures.filter((f) => f.measure === q.measure && isFullYear(f)).map((f) => Number(f.period_to!.slice(0, 4))));
    const now = full(q.measure, year);
    // the year named beside it ("från 2024 fram till 2026"), else the year before
    const other = q.compareYear ?? year - 1;
    const before = now && (full('budget', other) ?? full('plan', other) ?? full('utfall', other));
    const title = (f: Figure) => `${f.measure === 'utfall' ? 'Bokslut' : f.measure === 'plan' ? 'Plan' : 'Budget'} ${f.period_to!.slice(0, 4)}`;
    for (const f of [now, before].sort((a, b) => (b?.period_to ?? '').localeCompare(a?.period_to ?? ''))) if (f) facts.unshift({ title: title(f), value: amountText(f, f.table) });
  }
  const ref = lines[0] ? { type: 'line' as const, reportId: report.id, key: lines[0].key } : undefined;
  const shown = [...facts, ...(await indicatorFacts(ctx, q, report.id, indicatorKeys))];
  const view: AnswerView = {
    title: `Varför? ${name}`,
    subtitle: `Rapportens egen analys · ${reportName(c, report)}`,
    sections: shown.length ? [{ facts: shown }] : [],
    quotes: ranked.map(({ passage }) => ({ heading: [passage.section, passage.heading].filter(Boolean).join(' — '), text: clip(passage.text) })),
    notes: ranked.length ? unitNotes(figures.map((f) => f.table)) : ['Rapporten har ingen analystext om detta.'],
    source: sourceLine(c, report),
    actions: ref ? [action('Siffrorna', 'visa', { ref })] : [],
  };
  const first = ranked[0]?.passage;
  const request = { topic: name, report: reportName(c, report), passages: view.quotes, figures: facts.map((f) => `${f.title}: ${f.value}`) };
  const summary = first && ctx.summarizer ? await ctx.summarizer.summarize(request) : undefined;
  if (summary) {
    view.notes.unshift(SUMMARY_NOTE);
    const text = `Sammanfattning av rapportens analys (${reportName(c, report)}): ${summary.text}`;
    return { text, card: renderCard('answer', view), context: { query: q, ref }, ai: { citations: citationsFor(request, summary.cited) } };
  }
  const text = first
    ? `Rapporten förklarar (${reportName(c, report)}): "${clip(first.text, 700)}"${ranked[1] ? ` Också: "${clip(ranked[1].passage.text, 400)}"` : ''}`
    : `${reportName(c, report)} har ingen analystext som förklarar ${name}.${facts.length ? ` Siffrorna: ${facts.map((f) => `${f.title} ${f.value}`).join('; ')}.` : ''}`;
  return { text, card: renderCard('answer', view), context: { query: q, ref } };
}
