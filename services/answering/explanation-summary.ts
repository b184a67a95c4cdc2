/**
 * An optional short summary of the passages a "varför" answer quotes, written
 * by a language model (services/llm/). The passages stay in the card so the
 * reader can check; the message says it is AI-generated and cites them.
 */
import type { AiCitation } from './reply.js';

export interface SummaryRequest {
  /** what is explained: "569 Barn och ungdomsvård" */
  topic: string;
  /** "SoN delårsrapport per 31 mars 2024" */
  report: string;
  /** the passages exactly as quoted in the card, cited as [1], [2] … in this order */
  passages: Array<{ heading?: string; text: string }>;
  /** the figures exactly as shown in the card */
  figures: string[];
}

export interface ExplanationSummarizer {
  /**
   * A short Swedish summary citing the passages as [n], in which every number
   * is one of the passages' or figures' own — or undefined, and the passages
   * are quoted as they are.
   */
  summarize(request: SummaryRequest): Promise<{ text: string; cited: number[] } | undefined>;
}

/** Teams' limits: a citation's name at most 80 characters, its abstract at most 160. */
const fit = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function citationsFor(request: SummaryRequest, cited: number[]): AiCitation[] {
  return cited.flatMap((position) => {
    const p = request.passages[position - 1];
    return p ? [{ position, name: fit(`${request.report}${p.heading ? ` — ${p.heading}` : ''}`, 80), abstract: fit(p.text.replace(/\s+/g, ' '), 160) }] : [];
  });
}

export const SUMMARY_NOTE = 'Sammanfattningen i meddelandet är skriven av en språkmodell utifrån citaten ovan; varje siffra i den finns i citaten eller bland siffrorna.';
