/**
 * The deviation figures of one report version, read from the report document
 * itself (so the figures, line names and explanations always belong to the
 * same version): the driftsammandrag with an avvikelse column — the full-year
 * forecast when the report has one, else the period's result — its total and
 * its top-level lines, each with the report's own one-line explanation.
 */
import { z } from 'zod';
import { rankPassages } from '../answering/explanation-answer.js';
import type { CatalogueLine, CataloguePassage } from '../catalogue/catalogue.js';
import { toTkr } from '../reports/amount.js';
import { signConvention, unit, type ReportFile, type Table } from '../reports/report-file.js';
import { periodBounds } from '../reports/report-writer.js';
import { words } from '../understanding/swedish-text.js';

export const lineFigures = z.object({
  key: z.string(),
  label: z.string(),
  /** prognos (or utfall) in tkr, exact */
  basisTkr: z.string().nullable(),
  budgetTkr: z.string().nullable(),
  avvikelseTkr: z.string().nullable(),
  /** the sentence of the report's analysis that best explains the line */
  explanation: z.string().optional(),
  /** the whole passage it comes from, for "Varför?" */
  quote: z.object({ heading: z.string().optional(), text: z.string() }).optional(),
});
export type LineFigures = z.infer<typeof lineFigures>;

export const deviationFigures = z.object({
  reportId: z.string(),
  contentHash: z.string(),
  table: z.object({
    key: z.string(),
    title: z.string(),
    unit,
    decimals: z.number(),
    sign: signConvention,
    periodFrom: z.string().nullable(),
    periodTo: z.string().nullable(),
    fullYear: z.boolean(),
    /** "Prognos helår", "Redovisat jan-aug 2023" */
    basisLabel: z.string(),
  }),
  total: lineFigures.optional(),
  lines: z.array(lineFigures),
});
export type DeviationFigures = z.infer<typeof deviationFigures>;

const MAX_EXPLANATION = 200;

/** The figures an alert is made of, or undefined when the report has no driftsammandrag with avvikelse. */
export function readDeviationFigures(file: ReportFile, contentHash: string): DeviationFigures | undefined {
  const candidates = file.tables
    .filter((t) => t.kind === 'driftsammandrag')
    .flatMap((t) => {
      const i = t.columns.findIndex((c) => c.measure === 'avvikelse' && c.component === 'netto');
      return i < 0 ? [] : [{ table: t, index: i, fullYear: t.columns[i]!.period !== null && !t.columns[i]!.period!.includes('/') }];
    })
    .sort((a, b) => Number(b.fullYear) - Number(a.fullYear));
  const chosen = candidates[0];
  if (!chosen) return undefined;
  const { table, index } = chosen;
  const column = table.columns[index]!;
  const at = (key: string | undefined, fallback: (c: Table['columns'][number]) => boolean) => {
    const i = key ? table.columns.findIndex((c) => c.key === key) : -1;
    return i >= 0 ? i : table.columns.findIndex((c) => c.period === column.period && c.component === 'netto' && fallback(c));
  };
  const basisIndex = at(column.of?.[0], (c) => c.measure === 'prognos' || c.measure === 'utfall');
  const budgetIndex = at(column.of?.[1], (c) => c.measure === 'budget');
  const [periodFrom, periodTo] = periodBounds(column.period);
  const lineByKey = new Map(file.lines.map((l) => [l.key, l]));
  const passages: CataloguePassage[] = file.passages.map((p) => ({ reportId: file.report.id, key: p.key, section: p.section, heading: p.heading, lineKeys: p.lines, indicatorKeys: p.indicators, text: p.text }));

  const tkr = (v: unknown) => (typeof v === 'number' ? toTkr(v, table.unit) : null);
  const figuresOf = (row: Table['rows'][number]): LineFigures => {
    const line = lineByKey.get(row.line)!;
    const avvikelseTkr = tkr(row.values[index]);
    const explained = explain(passages, { reportId: file.report.id, key: line.key, code: line.code, name: line.name, kind: line.kind, parentKey: line.parent, aliases: line.aliases, available: [] }, avvikelseTkr);
    return {
      key: line.key,
      label: line.code && !line.name.startsWith(line.code) ? `${line.code} ${line.name}` : line.name,
      basisTkr: basisIndex >= 0 ? tkr(row.values[basisIndex]) : null,
      budgetTkr: budgetIndex >= 0 ? tkr(row.values[budgetIndex]) : null,
      avvikelseTkr,
      ...explained,
    };
  };
  const rows = table.rows.filter((r) => lineByKey.has(r.line));
  const totalRow = rows.find((r) => lineByKey.get(r.line)!.kind === 'total');
  return {
    reportId: file.report.id,
    contentHash,
    table: {
      key: table.key,
      title: table.title,
      unit: table.unit,
      decimals: table.decimals,
      sign: table.sign,
      periodFrom,
      periodTo,
      fullYear: chosen.fullYear,
      basisLabel: basisIndex >= 0 ? table.columns[basisIndex]!.label : 'Prognos',
    },
    total: totalRow ? figuresOf(totalRow) : undefined,
    lines: rows.filter((r) => {
      const l = lineByKey.get(r.line)!;
      return l.kind === 'verksamhet' && !l.parent;
    }).map(figuresOf),
  };
}

/**
 * The report's own explanation of a line: among the best-ranked passages, the
 * first with a sentence about money (underskott, prognos, kostnader …), and
 * that sentence; else the best passage's first sentence.
 */
function explain(passages: CataloguePassage[], line: CatalogueLine, avvikelseTkr: string | null): Pick<LineFigures, 'explanation' | 'quote'> {
  const direction = avvikelseTkr === null || Number(avvikelseTkr) === 0 ? [] : Number(avvikelseTkr) < 0 ? ['underskott'] : ['överskott'];
  const ranked = rankPassages(passages, [line], words(['avvikelse', ...direction, line.name].join(' '))).slice(0, 4);
  if (ranked.length === 0) return {};
  const name = words(line.name).filter((w) => w.length > 4).map((w) => w.slice(0, 6));
  const found = ranked.map(({ passage }) => ({ passage, sentence: moneySentence(passage.text, name) })).find((x) => x.sentence);
  const p = found?.passage ?? ranked[0]!.passage;
  const sentence = found?.sentence ?? sentencesOf(p.text)[0] ?? p.text;
  return { explanation: clip(sentence, MAX_EXPLANATION), quote: { heading: [p.section, p.heading].filter(Boolean).join(' — ') || undefined, text: clip(p.text, 1200) } };
}

const MONEY = /underskott|överskott|prognos|budget|kostnad|intäkt|mnkr|mkr|miljoner|resultat|lägre än|högre än/i;

function sentencesOf(text: string): string[] {
  return text
    .split(/\n+|(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9"”])/)
    .map((s) => s.replace(/^[-•]\s*/, '').trim())
    .filter((s) => s.length > 20);
}

/** The sentence that talks about money, preferring one that names the line. */
function moneySentence(text: string, name: string[]): string | undefined {
  const money = sentencesOf(text).filter((s) => MONEY.test(s));
  return money.find((s) => name.some((w) => s.toLowerCase().includes(w))) ?? money[0];
}

function clip(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > n * 0.6 ? cut.slice(0, space) : cut}…`;
}
