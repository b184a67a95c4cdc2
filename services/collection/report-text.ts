/**
 * A manager's figures written in chat — "sjukfrånvaro 7,9 %, män 6,1,
 * kvinnor 8,2" — read deterministically against the items they answer for:
 * each item named (by name, alias or an inflected form) takes the numbers
 * after it, "män"/"kvinnor" mark the split, "ej aktuellt" marks an item that
 * does not apply, "kommentar:" starts a comment. A month or year other than
 * the round's is a problem, not a value. Questions are left alone.
 */
import { STOPWORDS, stem } from '../understanding/swedish-text.js';
import type { RawAnswer } from './answer-rules.js';
import type { ItemMeta } from './item-facts.js';
import { MONTH_WORD, monthNumber, periodName } from './swedish-dates.js';

export type ChatReading =
  /** not a report (a question, or nothing that names the manager's items) */
  | { kind: 'none' }
  /** values placed on items; problems are things the manager must fix */
  | { kind: 'values'; answers: Map<string, RawAnswer>; problems: string[] }
  /** figures and item names, but not in an order that says which value is whose */
  | { kind: 'unclear'; problem: string };

interface Token {
  kind: 'word' | 'number';
  text: string;
  stem: string;
  start: number;
  end: number;
}

const TOKEN = /[+\-\u2212]?\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d+)?(?!\d)|[+\-\u2212]?\d+(?:[.,]\d+)?|\p{L}+/gu;
const QUESTION_START = /^(hur|vad|vilken|vilket|vilka|när|var|varför|visa|berätta|jämför|kan|finns|har|är|stämmer|how|what|which|why|show)\b/i;
const MEN = new Set(['män', 'man', 'm', 'pojkar']);
const WOMEN = new Set(['kvinnor', 'kvinna', 'k', 'kv', 'flickor']);
const LINKS = new Set(['för', 'bland', 'hos', 'var', 'är']);
/** words that say nothing about which item is meant */
const GENERIC = new Set(['total', 'totalt', 'totala', 'andel', 'andelen', 'antal', 'antalet', 'procent', 'st', 'värde', 'nivå']);
/** words a bare report of one item may contain besides numbers */
const FILLER = new Set([...MEN, ...WOMEN, ...GENERIC, 'ej', 'inte', 'aktuellt', 'aktuell', 'och', 'kommentar', 'dagar', 'timmar', 'kr']);

function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const t = m[0];
    const isNumber = /\d/.test(t);
    const lower = t.toLowerCase();
    return { kind: isNumber ? 'number' : 'word', text: isNumber ? t : lower, stem: isNumber ? t : stem(lower), start: m.index!, end: m.index! + t.length };
  });
}

const sameWord = (text: Token, name: { word: string; stem: string }) =>
  text.text === name.word || text.stem === name.stem || (name.stem.length >= 5 && text.stem.startsWith(name.stem)) || (text.stem.length >= 5 && name.stem.startsWith(text.stem));

interface Mention {
  key: string;
  start: number;
  end: number;
  score: number;
}

/** Where the text names an item: the best-covered of its names, earliest first. */
function mentionOf(item: ItemMeta, tokens: Token[]): Mention | undefined {
  const variants = [item.name, ...item.aliases, item.key.replace(/[-_.]/g, ' ')];
  let best: Mention | undefined;
  for (const v of variants) {
    const names = tokenize(v)
      // "män"/"kvinnor" in a name ("sjukfrånvaro män och kvinnor") mark the split in a message, not the item
      .filter((t) => t.kind === 'word' && !STOPWORDS.has(t.text) && !GENERIC.has(t.text) && !MEN.has(t.text) && !WOMEN.has(t.text))
      .map((t) => ({ word: t.text, stem: t.stem }));
    if (names.length === 0) continue;
    for (let i = 0; i < tokens.length; i++) {
      if (!sameWord(tokens[i]!, names[0]!)) continue;
      // the rest of the name within a short window after its first word
      let end = i;
      let matched = 1;
      for (const n of names.slice(1)) {
        const at = tokens.findIndex((t, j) => j > end && j <= end + 2 && t.kind === 'word' && sameWord(t, n));
        if (at < 0) break;
        end = at;
        matched++;
      }
      if (matched < names.length) continue;
      const m = { key: item.key, start: i, end, score: matched };
      if (!best || m.score > best.score || (m.score === best.score && m.start < best.start)) best = m;
      break;
    }
  }
  return best;
}

/** Cheap first look: a statement with a figure (or "ej aktuellt") in it, not a question. */
export function mightBeReport(text: string): boolean {
  const t = text.trim();
  return !t.endsWith('?') && !QUESTION_START.test(t) && (/\d/.test(t) || /\b(ej|inte) aktuell/i.test(t));
}

/** Nothing but figures (and words like "män", "procent", "ej aktuellt"): a report, whatever item it is for. */
export function onlyFigures(text: string): boolean {
  const tokens = tokenize(text.trim());
  return tokens.some((t) => t.kind === 'number') && tokens.every((t) => t.kind === 'number' || FILLER.has(t.text) || /^(%|procent)$/.test(t.text));
}

/** Reads a chat message against the manager's items for a round with the given period (YYYY-MM). */
export function readReportText(text: string, items: ItemMeta[], period: string): ChatReading {
  const trimmed = text.trim();
  if (!mightBeReport(trimmed)) return { kind: 'none' };
  const tokens = tokenize(trimmed);
  const year = Number(period.slice(0, 4));
  const problems = new Set<string>();
  const periodProblem = otherPeriod(trimmed, period);
  if (periodProblem) problems.add(periodProblem);

  let mentions = items.map((i) => mentionOf(i, tokens)).filter((m): m is Mention => !!m);
  // two items claiming the same words: the fuller name wins; a tie is a question back
  const kept: Mention[] = [];
  for (const m of mentions.sort((a, b) => b.score - a.score || a.start - b.start)) {
    const clash = kept.find((k) => m.start <= k.end && k.start <= m.end);
    if (!clash) kept.push(m);
    else if (clash.score === m.score) {
      const name = (key: string) => items.find((i) => i.key === key)!.name;
      problems.add(`"${tokens.slice(m.start, m.end + 1).map((t) => t.text).join(' ')}" kan vara både ${name(clash.key)} och ${name(m.key)} — skriv hela namnet, eller använd kortet.`);
    }
  }
  mentions = kept.sort((a, b) => a.start - b.start);
  if (mentions.length === 0) {
    // one item and nothing but figures: the figures are for it
    if (items.length !== 1 || !onlyFigures(trimmed)) return { kind: 'none' };
    mentions = [{ key: items[0]!.key, start: -1, end: -1, score: 0 }];
  }

  // figures before the first name: fine for one item named after its value ("7,9 % sjukfrånvaro"), otherwise a guess
  const isValue = (t: Token) => t.kind === 'number' && !(/^(19|20)\d\d$/.test(t.text) && Math.abs(Number(t.text) - year) <= 5);
  const leading = mentions[0]!.start > 0 && tokens.slice(0, mentions[0]!.start).some(isValue);
  const valueFirst = leading && mentions.length === 1 && !tokens.slice(mentions[0]!.end + 1).some(isValue);
  if (leading && !valueFirst) {
    const example = items.slice(0, 2).map((i, n) => `${i.aliases[0] ?? i.name} ${n === 0 ? '7,9' : '81'}`).join(', ');
    return { kind: 'unclear', problem: `Jag ser inte säkert vilket värde som hör till vilken uppgift. Skriv namnet före värdet, t.ex. "${example}", eller fyll i kortet.` };
  }

  const answers = new Map<string, RawAnswer>();
  mentions.forEach((m, n) => {
    const next = mentions[n + 1];
    const from = valueFirst ? 0 : m.end + 1;
    const to = next ? next.start : tokens.length;
    const seg = tokens.slice(from, to).filter((_, i) => !valueFirst || from + i < m.start || from + i > m.end);
    const item = items.find((i) => i.key === m.key)!;
    const raw: RawAnswer = {};
    const commentAt = seg.findIndex((t) => t.text === 'kommentar');
    const values = commentAt >= 0 ? seg.slice(0, commentAt) : seg;
    if (commentAt >= 0) {
      const segEnd = next ? tokens[next.start]!.start : trimmed.length;
      raw.comment = trimmed.slice(seg[commentAt]!.end, segEnd).replace(/^[\s:–-]+/, '').replace(/[\s,;.]+$/, '');
    }
    if (/\b(ej|inte) aktuell/i.test(values.map((t) => t.text).join(' '))) raw.na = true;
    const unlabelled: string[] = [];
    values.forEach((t, i) => {
      if (t.kind !== 'number') return;
      // a year is a period, not a value: the round's year says nothing, another is a problem
      if (/^(19|20)\d\d$/.test(t.text) && Math.abs(Number(t.text) - year) <= 5) {
        if (Number(t.text) !== year) problems.add(`Insamlingen gäller ${periodName(period)} — du skrev ${t.text}. Rapportera värdet för ${periodName(period)}.`);
        return;
      }
      const label = labelOf(values, i);
      if (label === 'men') raw.men = t.text;
      else if (label === 'women') raw.women = t.text;
      else unlabelled.push(t.text);
    });
    if (unlabelled.length > 1) problems.add(`Jag hittar flera värden för ${item.name} (${unlabelled.join(', ')}) — vilket gäller? Skriv ett värde, eller "män …, kvinnor …" för fördelningen.`);
    else if (unlabelled[0] !== undefined) raw.value = unlabelled[0];
    if ((raw.men !== undefined || raw.women !== undefined) && !item.gender) problems.add(`${item.name} rapporteras inte uppdelat på män och kvinnor — skriv bara totalen.`);
    if (item.valueKind === 'text' && !raw.na) problems.add(`${item.name} är en text — fyll i den på kortet.`);
    answers.set(item.key, raw);
  });
  return { kind: 'values', answers, problems: [...problems] };
}

/** Which group a number is for: "män 6,1", "6,1 för män" (not when "män" already has its own number). */
function labelOf(seg: Token[], i: number): 'men' | 'women' | undefined {
  const group = (t: Token | undefined) => (t && MEN.has(t.text) ? 'men' : t && WOMEN.has(t.text) ? 'women' : undefined);
  let j = i - 1;
  while (j >= 0 && seg[j]!.kind === 'word' && (LINKS.has(seg[j]!.text) || seg[j]!.text === 'procent')) j--;
  const before = group(seg[j]);
  if (before) return before;
  let k = i + 1;
  while (k < seg.length && seg[k]!.kind === 'word' && (LINKS.has(seg[k]!.text) || seg[k]!.text === 'procent')) k++;
  const after = group(seg[k]);
  return after && seg[k + 1]?.kind !== 'number' ? after : undefined;
}

/** A month or year in the text that is not the round's period. */
function otherPeriod(text: string, period: string): string | undefined {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const lower = text.toLowerCase();
  const beforeComment = lower.split('kommentar')[0]!;
  for (const match of beforeComment.matchAll(new RegExp(String.raw`\b(${MONTH_WORD})\b(?:\s+((?:19|20)\d\d))?`, 'g'))) {
    const month = monthNumber(match[1]!);
    const year = match[2] ? Number(match[2]) : undefined;
    // "m" in "män 6,1" is no month: only whole month words of three letters or more count
    if (month !== undefined && match[1]!.length >= 3 && (month !== m || (year !== undefined && year !== y))) {
      return `Insamlingen gäller ${periodName(period)} — du skrev ${match[0]}. Rapportera värdet för ${periodName(period)}.`;
    }
  }
  return undefined;
}
