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
  // (a singular is its plural's stem where the stemmer cuts the singular shorter: "genomförandeplan" for "genomförandeplaner")
  if (q.word === t.word || q.stem === t.stem || q.word === t.stem || t.word === q.stem || definite(q.word, t.word) || definite(t.word, q.word)) return 1;
  if (/\d/.test(q.word) || /\d/.test(t.word)) return 0;
  if (q.stem.length >= 4 && t.stem.length >= 4) {
    // compounds: "hemtjänst" in "hemtjänsttimmar" names the thing; "placering" in "dygnsplaceringar" is vaguer
    if (contains(t.word, q.stem)) return 0.8;
    // a typo rarely hits the first letter; checking only those keeps this cheap
    const allowed = typoAllowance(t.stem);
    if (allowed && q.stem[0] === t.stem[0] && editDistance(q.stem, t.stem, allowed) <= allowed) return 0.75;
    if (contains(q.word, t.stem)) return 0.6;
    let p = 0;
    while (p < q.word.length && q.word[p] === t.word[p]) p++;
    if (p >= 6) return 0.5;
  }
  return 0;
}

/** "frånvaron" is "frånvaro" with the definite -n (which the stemmer cannot strip without taking "person" apart). */
function definite(word: string, base: string): boolean {
  return word.length === base.length + 1 && word.endsWith('n') && word.startsWith(base) && 'aeiouy'.includes(base[base.length - 1]!);
}

/** A compound part: long enough, and a fair share of the word, to be more than a coincidence. */
function contains(word: string, part: string): boolean {
  return part.length >= 5 && part.length / word.length >= 0.4 && word.includes(part);
}

/** Where a name word occurs: which item, and which of all items' names (an index into `variants`). */
type Posting = { entity: number; variant: number };

export class NameIndex {
  /** every distinct name word, its weight (how rare its stem is) and where it occurs */
  private readonly vocabulary: Token[] = [];
  private readonly weights: number[] = [];
  private readonly postings: Posting[][] = [];
  /** per name word: the items having it, with the weight of their best name that does */
  private readonly items: Array<Array<{ entity: number; weight: number }>>;
  /** every item's every name: whose it is, how much it counts, the weight of all its words */
  private readonly variants: Array<{ entity: number; weight: number; tokenWeight: number }> = [];
  /** per name (index into `variants`): how much of it the question being scored covers; zero between questions */
  private readonly coverage: Float64Array;
  private readonly unseenWeight: number;
  /** a question word's matches (vocabulary index → how well), kept across questions */
  private readonly matchesOf = new Map<string, Map<number, number>>();
  private last?: { key: string; matches: Match[] };
  /** every name word's index in `vocabulary`, and every name word's stem */
  private readonly wordIndex = new Map<string, number>();
  private readonly nameStems = new Set<string>();
  /** every two words that follow each other in a name */
  private readonly pairs = new Set<string>();

  constructor(readonly entities: Entity[]) {
    const df = new Map<string, number>();
    for (const e of entities) {
      for (const s of new Set(e.variants.flatMap((v) => v.tokens.map((t) => t.stem)))) df.set(s, (df.get(s) ?? 0) + 1);
    }
    this.unseenWeight = Math.log(1 + entities.length);
    const index = this.wordIndex;
    entities.forEach((e, entity) => {
      for (const v of e.variants) {
        if (v.tokens.length === 0) continue;
        const variant = this.variants.length;
        let tokenWeight = 0;
        for (const t of v.tokens) {
          let i = index.get(t.word);
          if (i === undefined) {
            i = this.vocabulary.length;
            index.set(t.word, i);
            this.vocabulary.push(t);
            this.nameStems.add(t.stem);
            this.weights.push(Math.log(1 + entities.length / (df.get(t.stem) ?? 1)));
            this.postings.push([]);
          }
          this.postings[i]!.push({ entity, variant });
          tokenWeight += this.weights[i]!;
        }
        this.variants.push({ entity, weight: v.weight, tokenWeight });
        for (let i = 1; i < v.tokens.length; i++) this.pairs.add(`${v.tokens[i - 1]!.word} ${v.tokens[i]!.word}`);
      }
    });
    this.coverage = new Float64Array(this.variants.length);
    this.items = this.postings.map((list) => {
      const best = new Map<number, number>();
      for (const p of list) best.set(p.entity, Math.max(best.get(p.entity) ?? 0, this.variants[p.variant]!.weight));
      return [...best].map(([entity, weight]) => ({ entity, weight }));
    });
  }

  private weightOf(q: Token): number {
    const matches = this.matchesFor(q);
    for (const [i, m] of matches) if (m === 1) return this.weights[i]!;
    return this.unseenWeight;
  }

  private matchesFor(q: Token): Map<number, number> {
    let m = this.matchesOf.get(q.word);
    if (!m) {
      m = new Map();
      this.vocabulary.forEach((t, i) => {
        const score = wordMatch(q, t);
        if (score > 0) m!.set(i, score);
      });
      if (this.matchesOf.size > 50_000) this.matchesOf.clear();
      this.matchesOf.set(q.word, m);
    }
    return m;
  }

  /** Whether a word is a name word as it stands (wordMatch's 1), without scanning the vocabulary: split() asks this of every way to cut a word. */
  exactly(word: string): boolean {
    const has = (w: string) => this.wordIndex.has(w);
    const shorter = word.slice(0, -1);
    return has(word) || this.nameStems.has(stem(word)) || this.nameStems.has(word) || (has(`${word}n`) && definite(`${word}n`, word)) || (has(shorter) && definite(word, shorter));
  }

  /** Two words a name has as one ("äldre omsorgen" for "Äldreomsorg"), and no name has side by side ("egen regi"). */
  compound(left: string, right: string): boolean {
    return this.exactly(left + right) && !this.pairs.has(`${left} ${right}`);
  }

  /**
   * A compound the catalogue does not have, split into two words it does
   * ("brandlarmsbytet" → "brandlarm", "bytet"; the linking s dropped).
   */
  split(word: string): string[] | undefined {
    if (word.length < 8 || /\d/.test(word) || this.exactly(word)) return undefined;
    for (let i = word.length - 3; i >= 4; i--) {
      const right = word.slice(i);
      const left = word.slice(0, i);
      const head = left.endsWith('s') && this.exactly(left.slice(0, -1)) ? left.slice(0, -1) : left;
      if (this.exactly(head) && this.exactly(right)) return [head, right];
    }
    return undefined;
  }

  /** Whether a question word names anything in the catalogue at all. */
  knows(word: string): boolean {
    for (const score of this.matchesFor({ word, stem: stem(word) }).values()) if (score >= 0.75) return true;
    return false;
  }

  /**
   * Items matching the subject words, best first. Context words (the rest of
   * the question) may raise an item's name coverage but never stand in for
   * the subject. One question asks several times (lines, indicators, …), so
   * the scores of the last word set are kept.
   */
  match(subjectWords: string[], contextWords: string[] = [], accept: (e: Entity) => boolean = () => true): Match[] {
    const key = `${subjectWords.join(' ')}|${contextWords.join(' ')}`;
    if (this.last?.key !== key) this.last = { key, matches: this.score(subjectWords, contextWords) };
    return this.last.matches.filter((m) => accept(m.entity));
  }

  private score(subjectWords: string[], contextWords: string[]): Match[] {
    const subject = subjectWords.map((w) => ({ word: w, stem: stem(w) })).filter((q) => this.knows(q.word));
    if (subject.length === 0) return [];
    const subjectMatches = subject.map((q) => this.matchesFor(q));
    const allMatches = [...subjectMatches, ...contextWords.map((w) => this.matchesFor({ word: w, stem: stem(w) }))];
    const subjectWeights = subject.map((q) => this.weightOf(q));
    const subjectWeight = subjectWeights.reduce((a, b) => a + b, 0);
    // how well any word of the question matches each name word
    const best = new Map<number, number>();
    for (const m of allMatches) for (const [i, score] of m) if (score > (best.get(i) ?? 0)) best.set(i, score);

    // only items sharing a word with the subject can match it; all of an item's names refer to it,
    // so a subject word counts as much as the best of its names has it
    const top = new Map<number, number[]>();
    subjectMatches.forEach((m, qi) => {
      for (const [i, score] of m) {
        for (const { entity, weight } of this.items[i]!) {
          let tops = top.get(entity);
          if (!tops) top.set(entity, (tops = new Array<number>(subject.length).fill(0)));
          tops[qi] = Math.max(tops[qi]!, weight * score);
        }
      }
    });
    // how much of each of their names the question mentions (an item may have a hundred: aliases × its parent's)
    const touched: number[] = [];
    for (const [i, score] of best) {
      const w = this.weights[i]! * score;
      for (const p of this.postings[i]!) {
        if (!top.has(p.entity)) continue;
        if (this.coverage[p.variant] === 0) touched.push(p.variant);
        this.coverage[p.variant]! += w;
      }
    }
    // each item's best-covered name
    const nameCoverage = new Map<number, number>();
    for (const vi of touched) {
      const v = this.variants[vi]!;
      const c = (v.weight * this.coverage[vi]!) / v.tokenWeight;
      if (c > (nameCoverage.get(v.entity) ?? 0)) nameCoverage.set(v.entity, c);
      this.coverage[vi] = 0;
    }

    const matches: Match[] = [];
    for (const [ei, tops] of top) {
      let explained = 0;
      tops.forEach((t, qi) => (explained += subjectWeights[qi]! * t));
      if (explained === 0) continue;
      // rounded: a compound's 0.8 summed over weights must still read as 0.8
      const subjectCoverage = Math.round((explained / subjectWeight) * 1e9) / 1e9;
      const covered = nameCoverage.get(ei) ?? 0;
      matches.push({ entity: this.entities[ei]!, score: 0.65 * subjectCoverage + 0.35 * covered, subjectCoverage, nameCoverage: covered });
    }
    return matches.sort((a, b) => b.score - a.score);
  }
}

/** How people refer to the kinds of assignment ("nämndens eget uppdrag", "de gemensamma"). */
const ASSIGNMENT_KIND: Record<string, string> = {
  kommungemensamt: 'kommungemensamt gemensamt gemensamma samtliga nämnder',
  nämndspecifikt: 'nämndspecifikt nämndspecifika',
  'nämndens eget': 'nämndens eget egna från nämnden',
};

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
      variants: [...variant(a.text), ...(a.number ? variant(`uppdrag ${a.number}`) : []), ...variant(ASSIGNMENT_KIND[a.kind], 0.8)],
    });
  }
  return new NameIndex(entities);
}
