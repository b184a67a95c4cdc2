/**
 * A figure the reports give only in their text ("I nuläget prognostiseras 17
 * bemanningssköterskor vid årets slut", "skyddsplacerades 16 personer"):
 * when no table names what is asked, the sentences of the text that do,
 * quoted with their report and said to be text, not a table's figure.
 */
import type { CataloguePassage, CatalogueReport } from '../catalogue/catalogue.js';
import { renderCard } from '../cards/render-card.js';
import { STOPWORDS, stem, words } from '../understanding/swedish-text.js';
import type { AnswerContext } from './answer-context.js';
import { reportName, sourceLine } from './describe.js';
import type { Reply } from './reply.js';

/** Shorter words are too common in the text to stand for what is asked (verbs, "reviderade", "utvecklats"); long compounds name things. */
const LONG = 12;
const MAX_SENTENCES = 2;

/**
 * The same word in another form or spelling: the same stem, or a long shared
 * start and end ("bemanningssjuksköterskor", "bemanningssköterskor").
 */
function sameWord(a: string, b: string): boolean {
  if (a === b || stem(a) === stem(b)) return true;
  const n = Math.min(a.length, b.length);
  let start = 0;
  while (start < n && a[start] === b[start]) start++;
  let end = 0;
  while (end < n - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return start >= 6 && start + end >= 0.75 * n;
}

const sentencesOf = (text: string) => text.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=\p{Lu}|\d)/u);

/** How close a word of the text comes to a word asked: 1 the same word or stem, less for another spelling of it, 0 none. */
function closeness(asked: string, used: string): number {
  if (asked === used || stem(asked) === stem(used)) return 1;
  return sameWord(asked, used) ? 0.8 : 0;
}

/**
 * The sentences with a figure that use the long words of the question (the
 * other words of the question deciding between them), from the report whose
 * sentences fit best — the newest among equals.
 */
export function proseMention(ctx: AnswerContext, reports: CatalogueReport[], subject: string[], context: string[], asked: string): Reply | undefined {
  const wanted = subject.filter((w) => w.length >= LONG && !/\d/.test(w));
  if (wanted.length === 0) return undefined;
  const others = new Set(context.filter((w) => w.length >= 3 && !wanted.includes(w) && !STOPWORDS.has(w)).map(stem));
  const found: Array<{ report: CatalogueReport; passage: CataloguePassage; sentence: string; score: number }> = [];
  for (const report of reports) {
    for (const passage of ctx.catalogue.passagesOf(report.id)) {
      for (const sentence of sentencesOf(passage.text)) {
        if (!/\d/.test(sentence)) continue;
        const used = words(sentence);
        const long = used.filter((w) => w.length >= LONG);
        const named = wanted.reduce((sum, w) => sum + Math.max(0, ...long.map((u) => closeness(w, u))), 0);
        if (named === 0) continue;
        const stems = new Set(used.map(stem));
        found.push({ report, passage, sentence, score: named + 0.5 * [...others].filter((o) => stems.has(o)).length });
      }
    }
  }
  if (found.length === 0) return undefined;
  // the best-fitting sentences, of the newest report among equals (the sort keeps the reports' order)
  found.sort((a, b) => b.score - a.score);
  const report = found[0]!.report;
  const quoted = found.filter((f) => f.report === report && f.score === found[0]!.score).slice(0, MAX_SENTENCES);
  // the words as the user wrote them, else as the report does ("agency nurses" → "bemanningssköterskor")
  const asWritten = (text: string, near: (w: string, t: string) => boolean) =>
    text.split(/[^\p{L}\p{N}-]+/u).filter((t) => t && wanted.some((w) => words(t).some((x) => near(w, x)))).join(' ').toLowerCase();
  const written = asWritten(asked, (w, x) => w === x) || asWritten(quoted[0]!.sentence, (w, x) => x.length >= LONG && closeness(w, x) > 0);
  const text = `Rapporterna har ingen tabell om "${written}", men texten i ${reportName(ctx.catalogue, report)} nämner det: ${quoted.map((q) => `"${q.sentence}"`).join(' ')}`;
  const card = renderCard('answer', {
    title: `"${written}" i rapportens text`,
    subtitle: `Ur texten · ${reportName(ctx.catalogue, report)}`,
    sections: [],
    quotes: quoted.map((q) => ({ heading: [q.passage.section, q.passage.heading].filter(Boolean).join(' — '), text: q.sentence })),
    notes: ['Siffran står bara i rapportens text, inte i någon tabell.'],
    source: sourceLine(ctx.catalogue, report),
    actions: [],
  });
  return { text, card };
}
