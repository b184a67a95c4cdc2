/**
 * Choosing among the items a question's words fit: a line or an indicator,
 * whether one reading is clearly meant, the count before a cost, and the
 * indicators a question names together.
 */
import type { Catalogue } from '../catalogue/catalogue.js';
import type { Match } from '../catalogue/name-matcher.js';
import type { Query } from '../understanding/query.js';
import { words } from '../understanding/swedish-text.js';
import type { Found } from './item-finder.js';
import { MONEY } from './answer-caveats.js';

/** "hur många hushåll fick försörjningsstöd": the count before the cost per household, when both fit the words */
export function countFirst(c: Catalogue, found: Found): Found {
  const money = (m: Match) => MONEY.test(c.indicator(found.report.id, m.entity.key)?.unit ?? '');
  if (!money(found.match)) return found;
  const count = [...found.rivals, ...found.kin].find((m) => !money(m));
  if (!count) return found;
  return { ...found, match: count, rivals: [found.match, ...found.rivals.filter((m) => m !== count)], kin: found.kin.filter((m) => m !== count) };
}

/** How many indicators one answer shows when the question names what they share. */
const MAX_FAMILY = 4;

/** Other indicators than the found one, none the same measure printed in a second table ("Personalavgångar externt (%)"); too many: none. */
export function distinctFrom(found: Match, kin: Match[]): Match[] {
  const measure = (m: Match) => words(m.entity.label.replace(/\([^)]*\)/g, ' ')).join(' ');
  const others = kin.filter((m, i) => measure(m) !== measure(found) && kin.findIndex((x) => measure(x) === measure(m)) === i);
  return others.length < MAX_FAMILY ? others : [];
}

/** A line or an indicator: the better name match, nudged by what kind of figure is asked. */
export function chooseKind(q: Query, line?: Found, indicator?: Found): 'line' | 'indicator' | undefined {
  if (!line) return indicator ? 'indicator' : undefined;
  if (!indicator) return 'line';
  // a deviation from budget is a line's: indicators have none
  if (q.measure === 'avvikelse' && !q.count) return 'line';
  let ls = line.match.score;
  let is = indicator.match.score;
  // a count is never an amount ("fler eller färre vuxna placerade")
  if (q.intent === 'indikator' || q.count) is += 0.15;
  if (q.measure === 'utfall' || q.measure === 'avvikelse' || q.measure === 'budget') ls += 0.15;
  if (q.measure === 'prognos' && line.match.subjectCoverage >= indicator.match.subjectCoverage) ls += 0.1;
  return is > ls ? 'indicator' : 'line';
}

/** One reading clearly fits best when the name matches fully and the rivals cover less of it. */
export function isConfident(found: Found): boolean {
  const best = found.match;
  return best.nameCoverage >= 0.99 && found.rivals.every((r) => r.nameCoverage < 0.7);
}
