/**
 * What an answer lacks, said before the figure it has: no count where one is
 * asked for ("hur många LVM-placeringar" of an amount or a share), no split
 * where one is asked for ("per avdelning", "bland män"), no outturn for a
 * year the reports only budget or plan ("utfallet för LSS 2026"), no cost
 * per unit where only the units are counted ("kostnad per hemtjänsttimme"),
 * no "ej verkställda" where only the carried-out ones are counted.
 */
import { fold } from '../understanding/swedish-text.js';
import type { Reply } from './reply.js';

export const MONEY = /(^|[^\p{L}])(kr|tkr|mnkr)([^\p{L}]|$)/u;
/** a question for a share is no question for a count ("hur många procent …") */
const SHARE_ASKED = /procent|andel|%|share|percent/i;

export function withoutCount(reply: Reply, name: string, unit: string | undefined, asked: string): Reply {
  if (SHARE_ASKED.test(asked)) return reply;
  const has = unit === undefined || MONEY.test(unit) ? 'belopp' : unit.includes('%') ? 'en andel' : undefined;
  return has ? { ...reply, text: `Rapporten saknar antal för ${name} — den har bara ${has}: ${reply.text}` } : reply;
}

/** "kostnad per hemtjänsttimme", "vad kostar ett vårddygn": a cost per unit asked for */
const UNIT_COST = /(?:kostnad\p{L}*|kostar|pris\p{L}*|costs?)\s+(?:per|för en|för ett|of an?)\s+(\p{L}+)|vad kostar (?:en|ett)\s+(\p{L}+)|kr(?:onor)? per\s+(\p{L}+)/iu;

/** The unit a cost is asked per ("hemtjänsttimme"), if the question asks for one. */
export function unitCostAsked(asked: string): string | undefined {
  const m = UNIT_COST.exec(asked);
  return m ? (m[1] ?? m[2] ?? m[3])!.toLowerCase() : undefined;
}

/** Whether an indicator is a cost: by its name or its unit. */
export function isCost(name: string, unit: string | undefined): boolean {
  return /kostnad|cost|kr\b/i.test(name) || (unit !== undefined && MONEY.test(unit));
}

/** "ej verkställda beslut", "not enforced": a negated participle */
const NEGATED = /(?<!\p{L})(?:ej|inte|icke|not)[ -](\p{L}{4,}(?:da|de|ade|ede|ta|te|ad|ed))(?!\p{L})/iu;

/** The negation asked ("ej verkställda") of an item whose name has the word without it ("… ett verkställt beslut …"). */
export function negationNotNamed(asked: string, name: string): string | undefined {
  const m = NEGATED.exec(asked);
  if (!m) return undefined;
  // the participle's stem ("verkställ" of "verkställda"), which the name's own form shares ("verkställt")
  const base = fold(m[1]!.toLowerCase()).replace(/(?:ade|ede|da|de|ta|te|ad|ed)$/, '');
  const named = fold(name.toLowerCase());
  const at = named.indexOf(base);
  if (base.length < 5 || at < 0 || /(?:ej|inte|icke|not)[ -]\S*$/.test(named.slice(0, at))) return undefined;
  return m[0];
}

/** Times the reports measure for some services only ("väntetid", "handläggningstid"): asked of an item that is no such time. */
const TIMES = ['väntetid', 'handläggningstid', 'utredningstid', 'waiting time', 'processing time'].map((said) => ({ said, folded: fold(said) }));

/** The time asked ("hur lång väntetid … för bostad med särskild service") when the item found is not one. */
export function timeNotNamed(asked: string, name: string): string | undefined {
  const said = fold(asked.toLowerCase());
  const named = fold(name.toLowerCase());
  return TIMES.find((t) => said.includes(t.folded) && !named.includes(t.folded) && !named.includes('tid') && !named.includes('dagar'))?.said;
}

/** "per avdelning", "för män": the split the report does not give, then its total. */
export function withoutSplit(text: string, name: string, split: { breakdown?: string; group?: string }): string {
  if (split.group) return `Rapporten har ingen uppgift om ${name} för ${split.group.toLowerCase()} — bara för alla: ${text}`;
  return `Rapporten har ingen uppdelning av ${name} per ${split.breakdown} — bara totalen: ${text}`;
}

/**
 * What was asked and no report has ("ingen uppgift om utfall för 2026", "ingen
 * kostnad per hemtjänsttimme", "ingen uppgift om hyror"), said first — then
 * what there is about the thing.
 */
export function withoutWhatWasAsked(reply: Reply, missing: string): Reply {
  return { ...reply, text: `Rapporterna har ${missing} — det som finns: ${reply.text}` };
}
