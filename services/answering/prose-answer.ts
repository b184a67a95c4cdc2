/**
 * A figure the reports give only in their text ("I nuläget prognostiseras 17
 * bemanningssköterskor vid årets slut", "Genomsnittstiden för en
 * barnutredning har minskat … till 98 dagar i maj"):
 * when no table names what is asked, the sentences of the text that do,
 * quoted with their report and said to be text, not a table's figure.
 */
import type { CataloguePassage, CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { STOPWORDS, fold, stem, words } from '../understanding/swedish-text.js';
import type { AnswerContext } from './answer-context.js';
import { reportName, sourceLine } from './describe.js';
import type { Reply } from './reply.js';

/** Shorter words are too common in the text to stand for what is asked (verbs, "reviderade", "utvecklats"); long compounds name things. */
const LONG = 12;
const MAX_SENTENCES = 2;
/** The start two spellings of a word share at least (spelledAlike), as a word and its stem do: sentences are looked up by it. */
const HEAD = 6;

/** Another spelling of the same word: a long shared start and end ("bemanningssjuksköterskor", "bemanningssköterskor"). */
function spelledAlike(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  let start = 0;
  while (start < n && a[start] === b[start]) start++;
  let end = 0;
  while (end < n - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return start >= HEAD && start + end >= 0.75 * n;
}

/** A word asked that names no item, read as two words that do ("skyddsplacerades": "skydd", "placerades"); `head` the first one's length. */
export interface Compound {
  word: string;
  head: number;
}

/** The same compound in another form: the same start well into its second word ("skyddsplacerades", "skyddsplaceringar"; not "verksamheten" for "verksamhetschef"). */
function sameCompound(c: Compound, used: string): boolean {
  let start = 0;
  while (start < Math.min(c.word.length, used.length) && c.word[start] === used[start]) start++;
  return start === c.word.length || start >= c.head + 5;
}

/** A passage's sentences, whitespace collapsed. */
export const sentencesOf = (text: string) => text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=\p{Lu}|\d)/u);

/** A sentence with a figure, its words worked out once per catalogue (the same passages are searched on every turn). */
interface FigureSentence {
  passage: CataloguePassage;
  text: string;
  stems: Set<string>;
  /** its long words, with their stems */
  long: Array<{ word: string; stem: string }>;
}

/** Per report's passages: its sentences with a figure, by the start of each of their long words. */
const indexes = new WeakMap<CataloguePassage[], Map<string, FigureSentence[]>>();
function sentencesStarting(passages: CataloguePassage[], head: string): FigureSentence[] {
  let index = indexes.get(passages);
  if (!index) {
    index = new Map();
    for (const passage of passages) {
      for (const text of sentencesOf(passage.text)) {
        if (!/\d/.test(text)) continue;
        const used = words(text);
        const sentence = { passage, text, stems: new Set(used.map(stem)), long: used.filter((w) => w.length >= LONG).map((w) => ({ word: w, stem: stem(w) })) };
        for (const h of new Set(sentence.long.map((w) => w.word.slice(0, HEAD)))) {
          const list = index.get(h);
          if (list) list.push(sentence);
          else index.set(h, [sentence]);
        }
      }
    }
    indexes.set(passages, index);
  }
  return index.get(head) ?? [];
}

/** How close a word of the text comes to a word asked: 1 the same word or stem, less for another spelling of it, 0 none. */
function closeness(asked: { word: string; stem: string }, used: { word: string; stem: string }): number {
  if (asked.word === used.word || asked.stem === used.stem) return 1;
  return spelledAlike(asked.word, used.word) ? 0.8 : 0;
}

/**
 * The sentences with a figure that use the long words of the question (the
 * other words of the question deciding between them), from the report whose
 * sentences fit best — the newest among equals.
 */
export function proseMention(ctx: AnswerContext, reports: CatalogueReport[], subject: string[], context: string[], asked: string, options: { compounds?: Compound[] } = {}): Reply | undefined {
  const must = options.compounds?.filter((c) => c.word.length >= LONG);
  const wanted = [...subject, ...(must ?? []).map((c) => c.word)].filter((w) => w.length >= LONG && !/\d/.test(w)).map((w) => ({ word: w, stem: stem(w) }));
  if (wanted.length === 0 || must?.length === 0) return undefined;
  // the other long words asked count only as the text writes them (no "verksamheten" for "verksamhetschef")
  const near = (w: { word: string; stem: string }, u: { word: string; stem: string }) => {
    if (!must) return closeness(w, u);
    const compound = must.find((c) => c.word === w.word);
    return compound ? Number(sameCompound(compound, u.word)) : Math.floor(closeness(w, u));
  };
  const others = [...new Set(context.filter((w) => w.length >= 3 && !wanted.some((x) => x.word === w) && !STOPWORDS.has(w)).map(stem))];
  const found: Array<{ report: CatalogueReport; sentence: FigureSentence; score: number }> = [];
  for (const report of reports) {
    const passages = ctx.catalogue.passagesOf(report.id);
    for (const sentence of new Set((must ?? wanted).flatMap((w) => sentencesStarting(passages, w.word.slice(0, HEAD))))) {
      const named = wanted.reduce((sum, w) => sum + Math.max(0, ...sentence.long.map((u) => near(w, u))), 0);
      if (named > 0 && (!must || must.some((c) => sentence.long.some((u) => sameCompound(c, u.word))))) found.push({ report, sentence, score: named + 0.5 * others.filter((o) => sentence.stems.has(o)).length });
    }
  }
  if (found.length === 0) return undefined;
  // the best-fitting sentences, of the newest report among equals (the sort keeps the reports' order)
  found.sort((a, b) => b.score - a.score);
  const report = found[0]!.report;
  const quoted = found.filter((f) => f.report === report && f.score === found[0]!.score).slice(0, MAX_SENTENCES);
  // the words as the user wrote them, else as the report does ("agency nurses" → "bemanningssköterskor")
  const asWritten = (text: string, near: (w: { word: string; stem: string }, x: string) => boolean) =>
    text.split(/[^\p{L}\p{N}-]+/u).filter((t) => t && wanted.some((w) => words(t).some((x) => near(w, x)))).join(' ').toLowerCase();
  const written = asWritten(asked, (w, x) => w.word === x) || asWritten(quoted[0]!.sentence.text, (w, x) => x.length >= LONG && closeness(w, { word: x, stem: stem(x) }) > 0);
  const text = `Rapporterna har ingen tabell om "${written}", men texten i ${reportName(ctx.catalogue, report)} nämner det: ${quoted.map((q) => `"${q.sentence.text}"`).join(' ')}`;
  const card = renderCard('answer', {
    title: `"${written}" i rapportens text`,
    subtitle: `Ur texten · ${reportName(ctx.catalogue, report)}`,
    sections: [],
    quotes: quoted.map(({ sentence: { passage, text } }) => ({ heading: [passage.section, passage.heading].filter(Boolean).join(' — '), text })),
    notes: ['Siffran står bara i rapportens text, inte i någon tabell.'],
    source: sourceLine(ctx.catalogue, report),
    actions: [],
  });
  return { text, card };
}

/**
 * "Hur många hushåll … i snitt per månad?": the report's sentences giving an
 * average of what an item counts, which its table gives only in total ("Antal
 * hushåll i snitt är i år 2 061 st per månad och snittutbetalningen …"),
 * quoted as the answer shows them.
 */
export function averageInText(ctx: AnswerContext, report: CatalogueReport, itemWords: string[]): string | undefined {
  const asked = new Set(itemWords.filter((w) => !AVERAGE_WORD.test(w)).map(stem));
  const found: Array<{ text: string; shared: number }> = [];
  for (const passage of ctx.catalogue.passagesOf(report.id)) {
    for (const text of sentencesOf(passage.text)) {
      if (!/\d/.test(text) || !AVERAGE_WORD.test(text.toLowerCase())) continue;
      const shared = new Set(words(text).map(stem).filter((s) => asked.has(s))).size;
      if (shared) found.push({ text, shared });
    }
  }
  // the sentences sharing most of the words asked ("hushåll … per månad", not only "månad")
  const most = Math.max(0, ...found.map((f) => f.shared));
  const best = found.filter((f) => f.shared === most).slice(0, MAX_SENTENCES);
  return best.length ? best.map((f) => `"${f.text}"`).join(' ') : undefined;
}

const AVERAGE_WORD = /snitt|medelv/;

/** a sum in kronor or a share, or a change, as the text writes it ("10-15 mkr", "-3,1 miljoner kronor", "20 %", "från 23 till 13") */
const TEXT_SUM = /\d[\d\s,.–-]*\s*(?:mkr|mnkr|tkr|miljoner|miljon|kronor|kr\b|%|procent)|från \d[\d\s,]* till \d/u;

/**
 * "vad kostar de nya reglerna om dygnsvila för äldreomsorgen?": a word no
 * table has, beside an item one does — the report's sentences that give a sum
 * with that word (at most two), from the item's report. Only a rare word
 * counts: one the report uses in at most RARE sentences.
 */
export function sumBesideItem(ctx: AnswerContext, report: CatalogueReport, unknownWords: string[]): { word: string; text: string } | undefined {
  // (a verb or participle — "förändrades", "övergripande" — names nothing)
  const candidates = unknownWords.filter((w) => w.length >= 8 && !STOPWORDS.has(w) && !/(?:ade|ades|ats|ande|ende)$/.test(w));
  if (candidates.length === 0) return undefined;
  const passages = ctx.catalogue.passagesOf(report.id).map((p) => sentencesOf(p.text));
  for (const word of candidates) {
    const head = stem(word);
    // (the sum may follow in the next sentence: "Införandet av dygnsvila from 1 oktober. Bedömd kostnadsökning … 10-15 mkr")
    let uses = 0;
    const hits = passages.flatMap((sentences) =>
      sentences.flatMap((t, i) => {
        if (!fold(t.toLowerCase()).includes(head) || !words(t).some((w) => w.startsWith(head))) return [];
        uses++;
        const next = sentences[i + 1];
        return TEXT_SUM.test(t) ? [t] : next && TEXT_SUM.test(next) ? [`${t} ${next}`] : [];
      }),
    );
    // a rare word: the report uses it a few times ("förvaltningen", "kommunen" are everywhere)
    if (hits.length >= 1 && hits.length <= 2 && uses <= RARE) return { word, text: hits.map((t) => `"${t}"`).join(' ') };
  }
  return undefined;
}

/** at most this many sentences of a report use a word that names something only its text has */
const RARE = 4;

/** a sentence that sums up ("LSS verksamhetsområde har alltså totalt −13,1 miljoner kronor") */
const SUMMING = /totalt|sammantaget|sammanlagt|inklusive|inkl\b/;

/**
 * "LSS inklusive egen regi": the report's sentence that adds what the
 * question includes to the item — naming the item, summing up with a figure,
 * and (itself or the sentence before it) naming what is included. The
 * tables keep the two apart; only the text adds them.
 */
export function totalInText(ctx: AnswerContext, report: CatalogueReport, itemWords: string[], included: string[]): string | undefined {
  const item = new Set(itemWords.map(stem));
  const added = new Set(included.map(stem).filter((w) => !item.has(w)));
  if (added.size === 0) return undefined;
  const has = (text: string, set: Set<string>) => words(text).some((w) => set.has(stem(w)));
  for (const passage of ctx.catalogue.passagesOf(report.id)) {
    const sentences = sentencesOf(passage.text);
    for (let i = 0; i < sentences.length; i++) {
      const text = sentences[i]!;
      if (!/\d/.test(text) || !SUMMING.test(text.toLowerCase()) || !has(text, item)) continue;
      if (has(text, added)) return `"${text}"`;
      // "Till det ska adderas … LSS funktionsstöd -7,3 miljoner kronor. LSS verksamhetsområde har alltså totalt -13,1 …"
      const before = sentences[i - 1];
      if (before && (has(before, added) || /adderas|läggas till|tillkommer/.test(before.toLowerCase()))) return `"${before} ${text}"`;
    }
  }
  return undefined;
}

