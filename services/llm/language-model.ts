/**
 * The optional language model as the rest of the bot sees it: help for
 * answering (a question interpreter and an explanation summarizer, bound to
 * the asker for the per-user limit) and a reader of free-text reports.
 * Without configuration there is none, and the bot works as without it.
 */
import type { AnswerContext, AnswerHelp } from '../answering/answer-context.js';
import type { Logger } from '../logging/logger.js';
import { ModelExplanationSummarizer } from './explanation-summarizer.js';
import { LlmClient } from './llm-client.js';
import { describeSettings, llmSettings, type LlmSettings } from './llm-config.js';
import { ModelQuestionInterpreter } from './question-interpreter.js';
import { parseReportText, type ProposedValue, type ReportItem } from './report-text-parser.js';

export class LanguageModel implements AnswerHelp {
  private readonly llm: LlmClient;

  constructor(
    settings: Exclude<LlmSettings, { mode: 'none' }>,
    private readonly log: Logger,
  ) {
    this.llm = new LlmClient(settings, log);
  }

  /** userKey: who asks, only to count their calls (it is never sent to the model). */
  forUser(userKey: string): Pick<AnswerContext, 'interpreter' | 'summarizer'> {
    return { interpreter: new ModelQuestionInterpreter(this.llm, userKey, this.log), summarizer: new ModelExplanationSummarizer(this.llm, userKey, this.log) };
  }

  /** Proposed values for a manager's items from their own words; undefined when the model could not help. */
  readReport(userKey: string, text: string, items: ReportItem[]): Promise<ProposedValue[] | undefined> {
    return parseReportText(this.llm, this.log, userKey, text, items);
  }
}

/** The configured model, or undefined; either way one log line says which mode is on. */
export function createLanguageModel(config: Parameters<typeof llmSettings>[0], log: Logger): LanguageModel | undefined {
  const settings = llmSettings(config);
  log.info({ event: 'språkmodell', ...describeSettings(settings) }, 'språkmodell');
  return settings.mode === 'none' ? undefined : new LanguageModel(settings, log);
}
