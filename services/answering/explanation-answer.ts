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
import { toFigures } from './figures.js';
import { clip } from './goal-answer.js';
import { action, type AnswerView, type Reply } from './reply.js';

const MAX_QUOTES = 3;

/** Passages of a report ranked for the lines (or indicators) and words of a question. */
export function rankPassages(
  passages: CataloguePassage[],
  lines: CatalogueLine[],
  questionWords: string[],
  indicatorKeys: string[] = [],
): Array<{ passage: CataloguePassage; score: number }> {
  const keys = new Set(lines.flatMap((l) => [l.key, ...(l.parentKey ? [l.parentKey] : [])]));
  const indicators = new Set(indicatorKeys);
  const childKeys = new Set(lines.map((l) => l.key));
  const wanted = questionWords.filter((w) => !STOPWORDS.has(w));
  const stems = new Set(wanted.filter((w) => !/^\d/.test(w)).map(stem));
  const numbers = new Set(wanted.filter((w) => /^\d/.test(w)));
  const names = new Set(lines.flatMap((l) => words([l.name, ...l.aliases].join(' ')).filter((w) => !STOPWORDS.has(w)).map(stem)));
  return passages
    .map((p) => {
      const text = words(`${p.heading ?? ''} ${p.text}`);
      const textStems = new Set(text.map(stem));
      let score = 0;
      if (p.lineKeys.some((k) => childKeys.has(k)) || p.indicatorKeys.some((k) => indicators.has(k))) score += 4;
      else if (p.lineKeys.some((k) => keys.has(k))) score += 2;
      for (const s of stems) if (textStems.has(s) || [...textStems].some((t) => t.length > 5 && s.length > 4 && t.includes(s))) score += 1;
      for (const s of names) if (textStems.has(s)) score += 0.5;
      for (const n of numbers) if (text.includes(n)) score += 1.5;
      // analysis explains; lists of events and goals explain less
      if (/analys|kommentar|avvikelse|händelser|bedömning/i.test(p.section)) score += 0.5;
      return { passage: p, score };
    })
    .filter((x) => x.score >= 2)
    .sort((a, b) => b.score - a.score);
}

export async function answerExplanation(
  ctx: AnswerContext,
  q: Query,
  report: CatalogueReport,
  lines: CatalogueLine[],
  questionWords: string[],
  indicatorKeys: string[] = [],
): Promise<Reply> {
  const c = ctx.catalogue;
  const ranked = rankPassages(c.passages.filter((p) => p.reportId === report.id), lines, questionWords, indicatorKeys).slice(0, MAX_QUOTES);
  const figures = lines.length ? toFigures(c, report, await lineAmounts(ctx.db, report.id, lines.map((l) => l.key))) : [];
  const deviations = figures.filter((f) => f.measure === 'avvikelse' && f.component === 'netto' && f.value !== undefined);
  const indicatorNames = indicatorKeys.map((k) => c.indicators.find((i) => i.reportId === report.id && i.key === k)?.name).filter(Boolean);
  const name = lines.length ? lines.map(lineLabel).join(', ') : indicatorNames.length ? indicatorNames.join(', ') : reportName(c, report);
  const facts = deviations
    .filter((f, i, all) => all.findIndex((x) => x.line_key === f.line_key && x.period_to === f.period_to && x.period_from === f.period_from) === i)
    .map((f) => ({
      title: `${lines.length > 1 ? `${lineLabel(lines.find((l) => l.key === f.line_key)!)} — ` : ''}avvikelse ${isFullYear(f) ? `helår ${f.period_to!.slice(0, 4)}` : periodText(f.period_from, f.period_to)}`,
      value: `${amountText(f, f.table)}${f.value ? ` (${f.value < 0 ? 'underskott' : 'överskott'})` : ''}`,
    }));
  const ref = lines[0] ? { type: 'line' as const, reportId: report.id, key: lines[0].key } : undefined;
  const view: AnswerView = {
    title: `Varför? ${name}`,
    subtitle: `Rapportens egen analys · ${reportName(c, report)}`,
    sections: facts.length ? [{ facts }] : [],
    quotes: ranked.map(({ passage }) => ({ heading: [passage.section, passage.heading].filter(Boolean).join(' — '), text: clip(passage.text) })),
    notes: ranked.length ? unitNotes(figures.map((f) => f.table)) : ['Rapporten har ingen analystext om detta.'],
    source: sourceLine(c, report),
    actions: ref ? [action('Siffrorna', 'visa', { ref })] : [],
  };
  const first = ranked[0]?.passage;
  const text = first
    ? `Rapporten förklarar (${reportName(c, report)}): "${clip(first.text, 700)}"${ranked[1] ? ` Också: "${clip(ranked[1].passage.text, 400)}"` : ''}`
    : `${reportName(c, report)} har ingen analystext som förklarar ${name}.${facts.length ? ` Siffrorna: ${facts.map((f) => `${f.title} ${f.value}`).join('; ')}.` : ''}`;
  return { text, card: renderCard('answer', view), context: { query: q, ref } };
}
