/**
 * A second opinion on a question the deterministic parser is unsure about
 * (optional: a language model, services/llm/). Whatever it says is checked
 * here like any outside input: it must be a valid Query, and a named item must
 * exist in the catalogue. The figures are still read from the store by
 * executing the query.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { ParsedQuestion } from './parse-question.js';
import { query as querySchema, type Query } from './query.js';
import { STOPWORDS, words } from './swedish-text.js';

export interface QuestionInterpreter {
  /** A query for the question, or undefined when there is none to offer (failure, refusal, nothing fits). */
  interpret(question: string, hint: { catalogue: Catalogue; deterministic: Query }): Promise<unknown>;
}

/** What the catalogue's names know (NameIndex). */
export interface Vocabulary {
  knows(word: string): boolean;
  match(subjectWords: string[], contextWords?: string[]): Array<{ subjectCoverage: number }>;
}

/** Subject words that name nothing in the catalogue (numbers aside: codes and years are checked elsewhere). */
export function unknownWords(parsed: ParsedQuestion, names: Vocabulary): string[] {
  return parsed.subjectWords.filter((w) => !/^\d/.test(w) && !names.knows(w));
}

/**
 * Unsure: words are left that name nothing in the catalogue, and either
 * nothing of the question's subject was recognised, or the parser found
 * neither what kind of answer is wanted (intent) nor which figure (measure).
 * A question the parser reads fully — even with a stray unknown word beside a
 * known name and a measure — is answered without the model.
 */
export function isUnsure(parsed: ParsedQuestion, names: Vocabulary): boolean {
  const q = parsed.query;
  if (q.intent === 'hjälp') return false;
  const unknown = unknownWords(parsed, names);
  if (unknown.length === 0) return false;
  const known = parsed.subjectWords.length - unknown.length;
  return known === 0 || (q.intent === 'belopp' && !q.measure);
}

export interface Interpretation {
  query: Query;
  subjectWords: string[];
}

/**
 * The interpreter's answer, if it is a valid query about things the store
 * has: the subject must be made of catalogue words and match an item; another
 * board must be one the municipality has. Anything else: undefined (the
 * caller keeps the deterministic reading).
 */
export function acceptInterpretation(raw: unknown, catalogue: Catalogue, names: Vocabulary): Interpretation | undefined {
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const q = parsed.data;
  if (q.intent === 'hjälp') return undefined;
  if (q.otherBoard && !catalogue.otherBoards.some((b) => b.toLowerCase() === q.otherBoard!.toLowerCase())) return undefined;
  const subjectWords = q.subject ? words(q.subject).filter((w) => !STOPWORDS.has(w)) : [];
  if (q.subject) {
    if (subjectWords.length === 0 || !subjectWords.every((w) => names.knows(w))) return undefined;
    if ((names.match(subjectWords, subjectWords)[0]?.subjectCoverage ?? 0) < 0.8) return undefined;
  }
  return { query: q, subjectWords };
}

/** Asks the interpreter only when the parser is unsure; a failure of any kind means no second opinion. */
export async function secondOpinion(
  interpreter: QuestionInterpreter | undefined,
  catalogue: Catalogue,
  names: Vocabulary,
  question: string,
  parsed: ParsedQuestion,
): Promise<Interpretation | undefined> {
  if (!interpreter || !isUnsure(parsed, names)) return undefined;
  try {
    return acceptInterpretation(await interpreter.interpret(question, { catalogue, deterministic: parsed.query }), catalogue, names);
  } catch {
    return undefined;
  }
}
