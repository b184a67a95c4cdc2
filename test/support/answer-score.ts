/**
 * How the shared teams-sim tool scores an answer (ported here so the suite
 * runs on a fresh clone): every expected figure must be visible in the text
 * a reader sees, in Swedish or English number format, tkr or mnkr.
 */

export interface EvalItem {
  id: string;
  q: string;
  kind: string;
  expect_numbers?: number[];
  expect_any_numbers?: number[];
  expect_words?: string[];
  must_not_invent?: boolean;
}

/** Every number a reader sees in the text. */
export function numbersIn(text: string): number[] {
  const s = String(text)
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/(?<![\d.,])\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?!\d)/g, (g) => g.replace(/[\u00a0\u202f\u2009 ]/g, ''));
  return [...s.matchAll(/-?\d+(?:[.,]\d+)?/g)].map((m) => Number(m[0].replace(',', '.'))).filter(Number.isFinite);
}

const close = (a: number, b: number) => Math.abs(Math.abs(a) - Math.abs(b)) <= Math.max(0.051, Math.abs(b) * 0.0005);

function hasAll(nums: number[], wanted: number[]): boolean {
  return wanted.every((n) => {
    const auto = [n / 1000, n * 1000].map((x) => Math.round(x * 10) / 10);
    return nums.some((x) => close(x, n) || auto.some((a) => Math.abs(a) >= 0.1 && close(x, a)));
  });
}

const NO_DATA = [/saknar/i, /hittar (inte|ingen|inga)/i, /finns (inte|ingen|inga)/i, /ingen (data|uppgift|rapport|information)/i, /inga (data|uppgifter|rapporter)/i, /har (inte|ingen|inga)/i, /kan inte (hitta|svara)/i, /no data/i, /not find/i, /don.t have/i, /inte (med|tillgänglig)/i];
const ASKS_BACK = [/\?/, /menar du/i, /vilken|vilket|vilka/i, /välj/i, /förtydliga/i, /did you mean/i, /which/i];

export function scoreAnswer(item: EvalItem, answer: string): { pass: boolean; missing: string[] } {
  const nums = numbersIn(answer);
  const lower = answer.toLowerCase();
  const missing: string[] = [];
  const want = item.expect_numbers ?? [];
  const alt = item.expect_any_numbers ?? [];
  if (want.length && !hasAll(nums, want) && !(alt.length && hasAll(nums, alt))) missing.push(...want.filter((n) => !hasAll(nums, [n])).map(String));
  for (const w of item.expect_words ?? []) if (!w.toLowerCase().split('|').some((x) => lower.includes(x))) missing.push(w);
  if ((item.kind === 'utanför' || item.must_not_invent) && !NO_DATA.some((r) => r.test(answer))) missing.push('(säger att uppgift saknas)');
  if (item.kind === 'oklar' && !want.length && !ASKS_BACK.some((r) => r.test(answer))) missing.push('(frågar tillbaka)');
  if (!answer.trim()) missing.push('(tomt svar)');
  return { pass: missing.length === 0, missing };
}

/** Every text a card shows, in order: text blocks and runs, facts, button titles (an Action.Submit fallback repeats its button, so is left out). */
export function cardTexts(card: unknown, button = (title: string) => title): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if ((o.type === 'TextBlock' || o.type === 'TextRun') && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet') for (const f of (o.facts as Array<{ title?: string; value?: string }>) ?? []) out.push(`${f.title ?? ''}: ${f.value ?? ''}`);
    if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.push(button(o.title));
    for (const [k, v] of Object.entries(o)) if (k !== 'facts' && k !== 'fallback' && typeof v === 'object') walk(v);
  };
  walk(card);
  return out;
}

/** All text a reader sees in a reply: the message and the card's text. */
export function visibleText(reply: { text?: string; card?: unknown }): string {
  return [...(reply.text ? [reply.text] : []), ...cardTexts(reply.card, (title) => `[${title}]`)].join('\n');
}
