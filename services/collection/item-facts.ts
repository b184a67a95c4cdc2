/**
 * What a manager's card shows for one item, read from the store when a round
 * starts: the indicator's name, unit, målvärde and riktning from the board's
 * newest report that has it, and the last reported value (with the män /
 * kvinnor split when the indicator has one). Frozen with the round.
 */
import { z } from 'zod';
import { indicatorValues, indicators, type IndicatorValueRow } from '../reports/report-queries.js';
import type { Queryable } from '../store/database.js';

/** How a value is entered and checked. */
export const valueKind = z.enum(['procent', 'antal', 'tal', 'belopp', 'text']);
export type ValueKind = z.infer<typeof valueKind>;

export const lastValue = z.object({
  at: z.string(),
  label: z.string(),
  value: z.number().optional(),
  men: z.number().optional(),
  women: z.number().optional(),
  text: z.string().optional(),
  /** the report's marker when the value was missing */
  missing: z.string().optional(),
});
export type LastValue = z.infer<typeof lastValue>;

export const itemMeta = z.object({
  key: z.string(),
  /** the report the facts were read from */
  reportId: z.string(),
  kind: z.string(),
  name: z.string(),
  aliases: z.array(z.string()).default([]),
  unit: z.string(),
  valueKind,
  /** the indicator is reported for män and kvinnor too */
  gender: z.boolean(),
  area: z.string().optional(),
  municipalGoal: z.string().optional(),
  direction: z.string().optional(),
  target: z.string().optional(),
  targetValue: z.number().optional(),
  source: z.string().optional(),
  last: lastValue.optional(),
});
export type ItemMeta = z.infer<typeof itemMeta>;

/** The unit decides the input: percent 0–100, counts whole and ≥ 0, amounts any sign, text as text. */
export function valueKindOf(unit: string): ValueKind {
  const u = unit.trim().toLowerCase();
  if (u === '%') return 'procent';
  if (u === 'text') return 'text';
  if ((/^antal\b/.test(u) && !u.includes('/')) || u === 'hushåll') return 'antal';
  if (['kr', 'tkr', 'mnkr', 'index', 'balanstal'].includes(u) || u.startsWith('ej angiven')) return 'belopp';
  return 'tal';
}

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
const num = (v: string | null) => (v === null ? undefined : Number(v));

/**
 * The items' facts for a board, from its newest report holding each; the
 * names people use for an indicator and its män/kvinnor split are taken from
 * all the board's reports that have it. Keys the store does not have are left out.
 */
export async function itemFacts(db: Queryable, board: string, keys: string[]): Promise<Map<string, ItemMeta>> {
  const [versions, split] = await Promise.all([
    db.query<{ key: string; report_id: string; aliases: string[] }>(
      `select i.key, i.report_id, i.aliases from indicator i join report r on r.id = i.report_id
        where r.board_id = $1 and i.key = any($2::text[]) order by i.key, r.period_end desc, r.id`,
      [board, keys],
    ),
    db.query<{ key: string }>(
      `select distinct v.indicator_key as key from indicator_value v join report r on r.id = v.report_id
        where r.board_id = $1 and v.indicator_key = any($2::text[]) and v.grp in ('Män', 'Kvinnor')`,
      [board, keys],
    ),
  ]);
  const gendered = new Set(split.map((s) => s.key));
  const aliases = new Map<string, Set<string>>();
  const home = new Map<string, string>();
  for (const v of versions) {
    if (!home.has(v.key)) home.set(v.key, v.report_id);
    aliases.set(v.key, new Set([...(aliases.get(v.key) ?? []), ...v.aliases]));
  }
  const byReport = new Map<string, string[]>();
  for (const [key, reportId] of home) byReport.set(reportId, [...(byReport.get(reportId) ?? []), key]);
  const facts = new Map<string, ItemMeta>();
  for (const [reportId, reportKeys] of byReport) {
    const [rows, values] = await Promise.all([indicators(db, reportId, reportKeys), indicatorValues(db, reportId, reportKeys)]);
    for (const ind of rows) {
      facts.set(
        ind.key,
        itemMeta.parse({
          key: ind.key,
          reportId,
          kind: ind.kind,
          name: ind.name,
          aliases: [...(aliases.get(ind.key) ?? [])],
          unit: ind.unit,
          valueKind: valueKindOf(ind.unit),
          gender: gendered.has(ind.key),
          area: opt(ind.area),
          municipalGoal: opt(ind.municipal_goal),
          direction: opt(ind.direction),
          target: opt(ind.target),
          targetValue: num(ind.target_value),
          source: opt(ind.source),
          last: lastOf(values.filter((v) => v.indicator_key === ind.key)),
        }),
      );
    }
  }
  return facts;
}

/** The newest utfall with something in it: the total and the gender split. */
function lastOf(values: IndicatorValueRow[]): LastValue | undefined {
  const utfall = values.filter((v) => v.kind === 'utfall');
  const filled = utfall.filter((v) => v.value !== null || v.text_value !== null);
  const end = (filled.length ? filled : utfall).map((v) => v.period_end).sort().pop();
  if (!end) return undefined;
  const at = utfall.filter((v) => v.period_end === end);
  const group = (g: string) => at.find((v) => v.grp === g);
  const total = group('') ?? at[0]!;
  return {
    at: total.at,
    label: total.label ?? total.at,
    value: num(total.value),
    men: num(group('Män')?.value ?? null),
    women: num(group('Kvinnor')?.value ?? null),
    text: opt(total.text_value),
    missing: opt(total.missing),
  };
}
