/**
 * An indicator's target read as a number and a way to go, so that "når vi
 * målet?" gets a yes or no where the report makes it unambiguous.
 */
import type { IndicatorRow } from '../reports/report-queries.js';

const LOWER_IS_BETTER = /^\s*(?:max(?:imalt)?|högst|under|lägre än|<|≤)/iu;
const HIGHER_IS_BETTER = /^\s*(?:min(?:st|imum)?|lägst|över|minst|>|≥)/iu;
/** what is better low wherever it is measured, though the report gives no direction */
const LOWER_BY_NATURE = /sjukfrånvaro|personalavgång|personalomsättning|väntetid|handläggningstid/iu;

/** The target as a number: the store's, else the figure the printed target starts with ("95% inom 120 dgr"). */
export function targetOf(ind: Pick<IndicatorRow, 'target' | 'target_value'>): number | undefined {
  if (ind.target_value !== null) return Number(ind.target_value);
  const printed = ind.target?.match(/^\s*[<>≤≥]?\s*(\d+(?:[.,]\d+)?)/);
  return printed ? Number(printed[1]!.replace(',', '.')) : undefined;
}

/** "max 1%", "minst 90 %": a bound, read only for a verdict (a ranking by distance to target leaves bounds out: a deviation of −3,1 % is within "max 1%" or not depending on how it is read) */
function boundOf(printed: string): number | undefined {
  const m = printed.match(/^\s*(?:max(?:imalt)?|högst|minst|min|lägst|under|över)\s*(\d+(?:[.,]\d+)?)/iu);
  return m ? Number(m[1]!.replace(',', '.')) : undefined;
}

/**
 * Whether the value reaches the target: only when the direction is known —
 * the indicator's own, a "max"/"minst" in the printed target, what is better
 * low by nature (sick leave), or a share whose target is all (100 %).
 */
export function targetReached(ind: Pick<IndicatorRow, 'name' | 'target' | 'target_value' | 'direction' | 'unit'>, value: number): boolean | undefined {
  const printed = ind.target ?? '';
  const target = targetOf(ind) ?? boundOf(printed);
  if (target === undefined) return undefined;
  const lower = ind.direction === 'minska' || ind.direction === 'samma eller lägre' || LOWER_IS_BETTER.test(printed) || LOWER_BY_NATURE.test(ind.name);
  const higher = ind.direction === 'öka' || HIGHER_IS_BETTER.test(printed) || (target === 100 && /%/.test(`${ind.unit ?? ''}${printed}`));
  if (lower === higher) return undefined;
  return lower ? value <= target : value >= target;
}
