/** What every answer is computed from: the store and its catalogue. */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { NameIndex } from '../catalogue/name-matcher.js';
import type { Queryable } from '../store/database.js';
import type { QuestionInterpreter } from '../understanding/interpreter.js';
import type { ExplanationSummarizer } from './explanation-summary.js';

export interface AnswerContext {
  db: Queryable;
  catalogue: Catalogue;
  names: NameIndex;
  /** optional language-model help (services/llm/); absent = the deterministic answer alone */
  interpreter?: QuestionInterpreter;
  summarizer?: ExplanationSummarizer;
}

/** Language-model help bound to one asker (for the per-user limit); undefined = none configured. */
export interface AnswerHelp {
  forUser(userKey: string): Pick<AnswerContext, 'interpreter' | 'summarizer'>;
}
