/**
 * A manager's answer for one item — from a card or read from chat — checked
 * with zod against what the item is: numbers with Swedish or English
 * decimals, percent 0–100, counts whole and non-negative, a text for
 * qualitative items. Each problem is a Swedish sentence for the field it is
 * about. A value far from the previous one is not an error but asks for
 * confirmation.
 */
import { z } from 'zod';
import { decimalsOf, formatIndicator, formatNumber } from '../format/swedish-number.js';
import type { ItemMeta, ValueKind } from './item-facts.js';

/** A checked answer, as stored. */
export const answer = z.object({
  key: z.string(),
  notApplicable: z.boolean(),
  value: z.number().optional(),
  men: z.number().optional(),
  women: z.number().optional(),
  text: z.string().optional(),
  comment: z.string().optional(),
});
export type Answer = z.infer<typeof answer>;

/** What was entered for an item, as text (a card sends strings; chat gives what it read). */
export const rawAnswer = z.object({
  value: z.union([z.string(), z.number()]).optional(),
  men: z.union([z.string(), z.number()]).optional(),
  women: z.union([z.string(), z.number()]).optional(),
  na: z.union([z.boolean(), z.string()]).optional(),
  comment: z.string().optional(),
});
export type RawAnswer = z.infer<typeof rawAnswer>;

export type Field = 'value' | 'men' | 'women' | 'na' | 'comment';
export type FieldErrors = Partial<Record<Field, string>>;

export type Checked = { status: 'empty' } | { status: 'invalid'; errors: FieldErrors } | { status: 'ok'; answer: Answer };

export const MAX_COMMENT = 500;
const MAX_TEXT = 300;

/** Bounds of the input (also given to Input.Number as min/max). */
export function rangeOf(kind: ValueKind): { min?: number; max?: number; integer: boolean } {
  if (kind === 'procent') return { min: 0, max: 100, integer: false };
  if (kind === 'antal') return { min: 0, integer: true };
  if (kind === 'tal') return { min: 0, integer: false };
  return { integer: false };
}

export function rangeText(kind: ValueKind): string {
  if (kind === 'procent') return 'en andel mellan 0 och 100';
  if (kind === 'antal') return 'ett heltal, 0 eller mer';
  if (kind === 'tal') return 'ett tal, 0 eller mer';
  if (kind === 'text') return 'en kort text';
  return 'ett tal';
}

const SPACES = /[ \u00a0\u202f\u2009]/g;

/** "7,9", "7.9", "1 200", "−3,5", "8 %" → a number; undefined when it is not one. */
export function parseNumberText(text: string): number | undefined {
  const t = text.trim().replace(/\s*(%|procent)$/i, '').replace(/^[\u2212\u2013]/, '-');
  if (!/^[+-]?(\d{1,3}([ \u00a0\u202f\u2009]\d{3})+|\d+)([.,]\d+)?$/.test(t)) return undefined;
  const n = Number(t.replace(SPACES, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isOn = (v: unknown) => v === true || v === 'true';

/** One number field as zod: text or number in, a number within the item's range out. */
function numberField(kind: ValueKind, what: string) {
  const range = rangeOf(kind);
  return z.union([z.string(), z.number()]).transform((v, ctx) => {
    const text = String(v).trim();
    const n = typeof v === 'number' ? v : parseNumberText(text);
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (n === undefined || !Number.isFinite(n)) {
      return fail(`${what}: "${text.slice(0, 20)}" är inte ett tal. Skriv till exempel ${kind === 'antal' ? '120' : '7,9'}.`);
    }
    if (range.integer && !Number.isInteger(n)) {
      return fail(/^\d{1,3}\.\d{3}$/.test(text)
        ? `${what}: ${text} läses som ${formatNumber(n, decimalsOf(n))} — skriv tusental utan punkt (${text.replace('.', '')} eller ${text.replace('.', ' ')}).`
        : `${what}: ett antal skrivs som ett heltal, utan decimaler.`);
    }
    if (kind === 'procent' && (n < 0 || n > 100)) return fail(`${what}: en andel ska vara mellan 0 och 100 %.`);
    if (range.min !== undefined && n < range.min) return fail(`${what}: ${kind === 'antal' ? 'antalet' : 'värdet'} kan inte vara negativt.`);
    return n;
  });
}

/** Checks one item's entry; nothing filled in at all is "empty", not an error. */
export function checkAnswer(meta: ItemMeta, raw: RawAnswer): Checked {
  const notApplicable = isOn(raw.na);
  const comment = typeof raw.comment === 'string' && raw.comment.trim() ? raw.comment.trim() : undefined;
  const filled = { value: !isBlank(raw.value), men: !isBlank(raw.men), women: !isBlank(raw.women) };
  if (!notApplicable && !filled.value && !filled.men && !filled.women && !comment) return { status: 'empty' };

  const errors: FieldErrors = {};
  if (comment && comment.length > MAX_COMMENT) errors.comment = `Kommentaren är för lång (${comment.length} tecken, högst ${MAX_COMMENT}).`;
  if (notApplicable) {
    if (filled.value || filled.men || filled.women) errors.na = 'Du har både skrivit ett värde och markerat Ej aktuellt — välj ett av dem.';
    return Object.keys(errors).length ? { status: 'invalid', errors } : { status: 'ok', answer: { key: meta.key, notApplicable: true, comment } };
  }
  if (!filled.value) {
    errors.value = filled.men || filled.women ? 'Fyll i totalen också, inte bara män och kvinnor.' : 'Fyll i ett värde eller markera Ej aktuellt.';
    return { status: 'invalid', errors };
  }
  const result: Answer = { key: meta.key, notApplicable: false, comment };
  if (meta.valueKind === 'text') {
    const text = String(raw.value).trim();
    if (text.length > MAX_TEXT) errors.value = `Texten är för lång (${text.length} tecken, högst ${MAX_TEXT}).`;
    else result.text = text;
  } else {
    const fields: Array<[Exclude<Field, 'na' | 'comment'>, string]> = [['value', meta.gender ? 'Totalt' : 'Värdet'], ['men', 'Män'], ['women', 'Kvinnor']];
    for (const [field, what] of fields) {
      if (!filled[field] || (field !== 'value' && !meta.gender)) continue;
      const parsed = numberField(meta.valueKind, what).safeParse(raw[field]);
      if (parsed.success) result[field] = parsed.data;
      else errors[field] = parsed.error.issues[0]?.message ?? `${what}: ogiltigt värde.`;
    }
  }
  return Object.keys(errors).length ? { status: 'invalid', errors } : { status: 'ok', answer: result };
}

/** Warnings for values far (more than `percent` %) from the last reported ones; empty = nothing to confirm. */
export function farFromPrevious(meta: ItemMeta, a: Answer, percent: number): string[] {
  const last = meta.last;
  if (!last || a.notApplicable) return [];
  const pairs: Array<[string, number | undefined, number | undefined]> = [
    ['', a.value, last.value],
    ['män ', a.men, last.men],
    ['kvinnor ', a.women, last.women],
  ];
  const out: string[] = [];
  for (const [what, now, before] of pairs) {
    if (now === undefined || before === undefined || before === 0) continue;
    const change = ((now - before) / Math.abs(before)) * 100;
    if (Math.abs(change) <= percent) continue;
    out.push(`${meta.name}: ${what}${formatIndicator(now, meta.unit)} är ${formatNumber(Math.abs(change))} % ${change > 0 ? 'högre' : 'lägre'} än förra värdet (${formatIndicator(before, meta.unit)}, ${last.label}).`);
  }
  return out;
}

/** "7,9 % (män 6,1 %, kvinnor 8,2 %)", "Ej aktuellt". */
export function answerText(meta: Pick<ItemMeta, 'unit'>, a: Pick<Answer, 'notApplicable' | 'value' | 'men' | 'women' | 'text'>): string {
  if (a.notApplicable) return 'Ej aktuellt';
  if (a.text !== undefined) return a.text;
  if (a.value === undefined) return '–';
  const split = [a.men !== undefined && `män ${formatIndicator(a.men, meta.unit)}`, a.women !== undefined && `kvinnor ${formatIndicator(a.women, meta.unit)}`].filter(Boolean);
  return `${formatIndicator(a.value, meta.unit)}${split.length ? ` (${split.join(', ')})` : ''}`;
}

/** Two answers store the same thing (a repeated submit changes nothing). */
export function sameAnswer(a: Answer | undefined, b: Answer): boolean {
  if (!a) return false;
  return a.notApplicable === b.notApplicable && a.value === b.value && a.men === b.men && a.women === b.women && a.text === b.text && (a.comment ?? '') === (b.comment ?? '');
}
