/**
 * Finds the items a question names — lines, indicators, goals, assignments —
 * the way people write them: abbreviations and everyday names (aliases),
 * codes ("569"), inflected and compound forms ("barn- och ungdomsvården",
 * "hemtjänsttimmar"), partial names and small typos.
 *
 * A match is scored on how much of the question's subject it explains
 * (weighted by how distinctive each word is) and, less, on how much of the
 * item's name the question covers.
 */
import { STOPWORDS, editDistance, stem, typoAllowance, words } from '../understanding/swedish-text.js';
import type { Catalogue } from './catalogue.js';

export type EntityType = 'line' | 'indicator' | 'goal' | 'assignment';

export interface Entity {
  type: EntityType;
  reportId: string;
  key: string;
  /** the name to show */
  label: string;
  variants: Variant[];
}

interface Token {
  word: string;
  stem: string;
}

interface Variant {
  tokens: Token[];
  /** how much a match on this variant counts (a description counts less than the name) */
  weight: number;
}

export interface Match {
  entity: Entity;
  score: number;
  /** share of the question's subject the item explains */
  subjectCoverage: number;
  /** share of the item's name the question covers */
  nameCoverage: number;
}

const tokens = (text: string): Token[] =>
  words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map((w) => ({ word: w, stem: stem(w) }));

/** How well a question word matches a name word: 1 same word, less for compounds, typos, shared heads. */
function wordMatch(q: Token, t: Token): number {
  if (q.word === t.word || q.stem === t.stem) return 1;
  if (/\d/.test(q.word) || /\d/.test(t.word)) return 0;
  if (q.stem.length >= 4 && t.stem.length >= 4) {
    // compounds: "hemtjänst" in "hemtjänsttimmar" names the thing; "placering" in "dygnsplaceringar" is vaguer
    if (contains(t.word, q.stem)) return 0.8;
    const allowed = typoAllowance(t.stem);
    if (allowed && editDistance(q.stem, t.stem, allowed) <= allowed) return 0.75;
    if (contains(q.word, t.stem)) return 0.6;
    let p = 0;
    while (p < q.word.length && q.word[p] === t.word[p]) p++;
    if (p >= 6) return 0.5;
  }
  return 0;
}

/** A compound part: long enough, and a fair share of the word, to be more than a coincidence. */
function contains(word: string, part: string): boolean {
  return part.length >= 5 && part.length / word.length >= 0.4 && word.includes(part);
}

export class NameIndex {
  private readonly idf = new Map<string, number>();
  private readonly vocabulary: Token[];

  constructor(readonly entities: Entity[]) {
    const df = new Map<string, number>();
    for (const e of entities) {
      for (const s of new Set(e.variants.flatMap((v) => v.tokens.map((t) => t.stem)))) df.set(s, (df.get(s) ?? 0) + 1);
    }
    for (const [s, n] of df) this.idf.set(s, Math.log(1 + entities.length / n));
    this.vocabulary = [...new Map(entities.flatMap((e) => e.variants.flatMap((v) => v.tokens)).map((t) => [t.word, t])).values()];
  }

  private weight(t: Token): number {
    return this.idf.get(t.stem) ?? Math.log(1 + this.entities.length);
  }

  /** Whether a question word names anything in the catalogue at all. */
  knows(word: string): boolean {
    const q = { word, stem: stem(word) };
    return this.vocabulary.some((t) => wordMatch(q, t) >= 0.75);
  }

  /**
   * Items matching the subject words, best first. Context words (the rest of
   * the question) may raise an item's name coverage but never stand in for
   * the subject.
   */
  match(subjectWords: string[], contextWords: string[] = [], accept: (e: Entity) => boolean = () => true): Match[] {
    const subject = subjectWords.map((w) => ({ word: w, stem: stem(w) })).filter((q) => this.knows(q.word));
    if (subject.length === 0) return [];
    const context = contextWords.map((w) => ({ word: w, stem: stem(w) }));
    const subjectWeight = subject.reduce((s, q) => s + this.weight(q), 0);
    const matches: Match[] = [];
    const all = [...subject, ...context];
    for (const entity of this.entities) {
      if (!accept(entity)) continue;
      const variants = entity.variants.filter((v) => v.tokens.length > 0);
      // all of an item's names refer to it: a subject word counts if any of them has it
      const explained = subject.reduce((sum, q) => sum + this.weight(q) * Math.max(0, ...variants.map((v) => v.weight * Math.max(0, ...v.tokens.map((t) => wordMatch(q, t))))), 0);
      if (explained === 0) continue;
      // how much of its best-covered name the question mentions
      const nameCoverage = Math.max(
        ...variants.map((v) => {
          const nameWeight = v.tokens.reduce((sum, t) => sum + this.weight(t), 0);
          return (v.weight * v.tokens.reduce((sum, t) => sum + this.weight(t) * Math.max(0, ...all.map((q) => wordMatch(q, t))), 0)) / nameWeight;
        }),
      );
      const subjectCoverage = explained / subjectWeight;
      matches.push({ entity, score: 0.65 * subjectCoverage + 0.35 * nameCoverage, subjectCoverage, nameCoverage });
    }
    return matches.sort((a, b) => b.score - a.score);
  }
}

/** Every nameable item of the catalogue, with the names it goes by. */
export function buildNameIndex(c: Catalogue): NameIndex {
  const entities: Entity[] = [];
  const variant = (text: string | undefined, weight = 1): Variant[] => (text ? [{ tokens: tokens(text), weight }] : []);
  for (const l of c.lines) {
    const parent = l.parentKey ? c.line(l.reportId, l.parentKey) : undefined;
    const own = [l.name, ...l.aliases];
    const parentNames = parent ? [parent.name, ...parent.aliases] : [];
    entities.push({
      type: 'line',
      reportId: l.reportId,
      key: l.key,
      label: l.code && !l.name.startsWith(l.code) ? `${l.code} ${l.name}` : l.name,
      variants: [
        ...own.flatMap((n) => variant(n)),
        ...(l.code ? variant(l.code) : []),
        ...own.flatMap((n) => parentNames.flatMap((p) => variant(`${n} ${p}`))),
        ...variant(l.description, 0.6),
      ],
    });
  }
  for (const i of c.indicators) {
    entities.push({
      type: 'indicator',
      reportId: i.reportId,
      key: i.key,
      label: i.name,
      variants: [...[i.name, ...i.aliases].flatMap((n) => variant(n)), ...variant(i.target, 0.5)],
    });
  }
  for (const g of c.goals) {
    entities.push({ type: 'goal', reportId: g.reportId, key: g.key, label: g.name, variants: [g.name, ...g.aliases].flatMap((n) => variant(n)) });
  }
  for (const a of c.assignments) {
    entities.push({
      type: 'assignment',
      reportId: a.reportId,
      key: a.key,
      label: a.number ? `${a.number}. ${a.text}` : a.text,
      variants: [...variant(a.text), ...(a.number ? variant(`uppdrag ${a.number}`) : [])],
    });
  }
  return new NameIndex(entities);
}
