/**
 * The cards of collection: the manager's card with an input per item
 * (cards/collection-prompt.json), the receipt that replaces it after a submit,
 * the controller's status and the export links. Problems are shown next to
 * the field they are about; what the manager typed stays in the card.
 */
import type { AdaptiveCard } from '../cards/render-card.js';
import { renderCard } from '../cards/render-card.js';
import { formatIndicator } from '../format/swedish-number.js';
import { action, type AnswerView, type CardAction } from '../answering/reply.js';
import { answerText, rangeOf, rangeText, type FieldErrors, type RawAnswer } from './answer-rules.js';
import type { ItemMeta } from './item-facts.js';
import type { ManagerItem, ManagerView, Round, StoredValue } from './round-store.js';
import { dateName, periodName, stockholmTimeName } from './swedish-dates.js';

export const VERBS = {
  submit: 'insamling-skicka',
  edit: 'insamling-ändra',
  snooze: 'insamling-snooze',
  delegate: 'insamling-ersättare',
  remind: 'insamling-påminn',
  status: 'insamling-status',
  close: 'insamling-stäng',
  approve: 'insamling-godkänn',
  export: 'insamling-exportera',
} as const;

export type Tone = 'good' | 'attention' | 'warning' | 'default';
export interface Notice {
  tone: Tone;
  lines: string[];
}

const BOARDS: Record<string, string> = { son: 'SoN', sn: 'SN', leanlink: 'Leanlink' };
export const boardShort = (board: string) => BOARDS[board] ?? board;
export const roundName = (r: Pick<Round, 'board' | 'label'>) => `${boardShort(r.board)} ${r.label}`;

/** "8,2 %, Mars 2024 (män 8,5 %, kvinnor 8,1 %)": the last reported value. */
function lastText(meta: ItemMeta): string | undefined {
  const l = meta.last;
  if (!l) return undefined;
  if (l.value === undefined && l.text === undefined) return `${l.missing ?? 'uppgift saknas'} (${l.label})`;
  const total = l.text ?? formatIndicator(l.value!, meta.unit);
  const split = [l.men !== undefined && `män ${formatIndicator(l.men, meta.unit)}`, l.women !== undefined && `kvinnor ${formatIndicator(l.women, meta.unit)}`].filter(Boolean);
  return `${total}, ${l.label}${split.length ? ` (${split.join(', ')})` : ''}`;
}

function factsOf(meta: ItemMeta): Array<{ title: string; value: string }> {
  const facts: Array<{ title: string; value: string }> = [];
  const last = lastText(meta);
  facts.push({ title: 'Senast rapporterat', value: last ?? 'inget tidigare värde' });
  if (meta.target) facts.push({ title: 'Målvärde', value: meta.target });
  if (meta.direction) facts.push({ title: 'Önskad riktning', value: meta.direction });
  facts.push({ title: 'Enhet', value: meta.unit });
  return facts;
}

const asNumber = (v: RawAnswer['value']) => {
  if (v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
};

/** What a stored value looks like as card input. */
export function entryOf(v: StoredValue | undefined): RawAnswer {
  if (!v) return {};
  return { value: v.text ?? v.value, men: v.men, women: v.women, na: v.notApplicable, comment: v.comment };
}

export interface PromptOptions {
  /** what to show in the inputs (defaults to what is stored) */
  entries?: Map<string, RawAnswer>;
  errors?: Map<string, FieldErrors>;
  warnings?: Map<string, string>;
  notice?: Notice;
  /** a line above the items (reminders) */
  intro?: string;
  /** the submit button confirms values far from the previous ones */
  confirm?: boolean;
}

export function promptCard(view: ManagerView, o: PromptOptions = {}): AdaptiveCard {
  const r = view.round;
  const base = { round: r.id, manager: view.managerUpn };
  const items = view.items.map(({ meta, value }) => {
    const entry = o.entries?.get(meta.key) ?? entryOf(value);
    const range = rangeOf(meta.valueKind);
    const numeric = meta.valueKind !== 'text';
    return {
      key: meta.key,
      name: meta.name,
      facts: factsOf(meta),
      numeric,
      valueLabel: `${meta.gender ? 'Totalt' : 'Värde'} ${periodName(r.period)}${meta.unit && numeric ? ` (${meta.unit})` : ''}`,
      min: numeric ? range.min : undefined,
      max: numeric ? range.max : undefined,
      value: numeric ? asNumber(entry.value) : typeof entry.value === 'string' ? entry.value : undefined,
      men: asNumber(entry.men),
      women: asNumber(entry.women),
      placeholder: meta.last?.value !== undefined ? `Senast ${formatIndicator(meta.last.value, meta.unit)}` : undefined,
      rangeMessage: `Ange ${rangeText(meta.valueKind)}.`,
      gender: meta.gender,
      na: entry.na === true || entry.na === 'true' ? 'true' : 'false',
      comment: entry.comment,
      errors: o.errors?.get(meta.key),
      warning: o.warnings?.get(meta.key),
    };
  });
  const open = r.status === 'öppen';
  return renderCard('collection-prompt', {
    title: `Insamling: ${roundName(r)}`,
    subtitle: `Sista dag ${dateName(r.deadline)} · ${view.items.length === 1 ? '1 uppgift' : `${view.items.length} uppgifter`}`,
    intro: o.intro,
    notice: o.notice && noticeData(o.notice),
    items,
    submit: {
      title: o.confirm ? 'Ja, värdena stämmer — spara' : 'Skicka',
      data: { verb: 'insamling-skicka', ...base, v: view.version, ...(o.confirm ? { confirm: true } : {}) },
    },
    actions: open ? [action('Påminn mig i morgon', VERBS.snooze, base)] : [],
    delegate: open ? { verb: VERBS.delegate, ...base } : undefined,
  });
}

function noticeData(n: Notice) {
  const color = { good: 'Good', attention: 'Attention', warning: 'Warning', default: 'Default' }[n.tone];
  const style = { good: 'good', attention: 'attention', warning: 'warning', default: 'emphasis' }[n.tone];
  return { lines: n.lines, color, style };
}

const viaText = (via: string) => (via === 'chatt' ? 'i chatten' : 'på kortet');

/** The receipt: what is stored, by whom and when; "Ändra" while the round is open. */
export function receiptCard(view: ManagerView, notice?: Notice): AdaptiveCard {
  const r = view.round;
  const reported = view.items.filter((i) => i.value);
  const missing = view.items.filter((i) => !i.value);
  const latest = reported.map((i) => i.value!).sort((a, b) => b.at.localeCompare(a.at))[0];
  const facts = reported.map(({ meta, value }) => ({ title: meta.name, value: `${answerText(meta, value!)}${value!.comment ? ` — ”${value!.comment}”` : ''}` }));
  const notes = [
    latest && `Sparat av ${latest.byName ?? 'okänd'} ${stockholmTimeName(new Date(latest.at))} ${viaText(latest.via)}.`,
    missing.length ? `Saknas fortfarande: ${missing.map((i) => i.meta.name).join('; ')}.` : undefined,
    r.status === 'öppen' ? `Du kan ändra till och med att insamlingen stängs (sista dag ${dateName(r.deadline)}).` : 'Insamlingen är stängd — värdena kan inte längre ändras.',
  ].filter((n): n is string => !!n);
  const card: AnswerView = {
    title: missing.length === 0 ? `Tack! Allt är inrapporterat för ${roundName(r)}` : `Sparat för ${roundName(r)}`,
    subtitle: notice?.lines.join(' '),
    headline: notice ? undefined : { label: 'Status', value: missing.length === 0 ? 'Klart' : `${reported.length} av ${view.items.length} klara`, color: missing.length === 0 ? 'good' : 'default' },
    sections: [{ heading: reported.length ? 'Inrapporterat' : undefined, facts }],
    quotes: [],
    notes,
    actions: r.status === 'öppen' ? [action(missing.length ? 'Fyll i resten' : 'Ändra', VERBS.edit, { round: r.id, manager: view.managerUpn })] : [],
  };
  return renderCard('answer', card);
}

/** A short receipt sentence for the message text. */
export function receiptText(view: ManagerView, changed: ManagerItem[]): string {
  const what = changed.map(({ meta, value }) => `${meta.name}: ${answerText(meta, value!)}`).join('; ');
  const missing = view.items.filter((i) => !i.value).length;
  return `Sparat för ${roundName(view.round)} — ${what}.${missing ? ` ${missing === 1 ? '1 uppgift saknas' : `${missing} uppgifter saknas`} fortfarande.` : ' Allt är inrapporterat, tack!'}`;
}

export function exportCard(r: Round, rows: number, links: Array<{ title: string; url: string }>, until: Date): AdaptiveCard {
  return renderCard('collection-export', {
    title: `Export: ${roundName(r)}`,
    text: `${rows} rader med värdena, vem som rapporterade och när.`,
    facts: [{ title: 'Status', value: r.status }, { title: 'Sista dag', value: dateName(r.deadline) }],
    note: `Länkarna fungerar till ${stockholmTimeName(until)} och bara för den som har dem — dela dem inte vidare.`,
    links,
  });
}

export function controllerActions(r: Round, chase: Array<{ upn: string; name: string }>): CardAction[] {
  const actions: CardAction[] = [];
  if (r.status === 'öppen') {
    for (const p of chase.slice(0, 3)) actions.push(action(`Påminn ${p.name.split(' ')[0]}`.slice(0, 40), VERBS.remind, { round: r.id, manager: p.upn }));
    if (chase.length > 1) actions.push(action('Påminn alla som saknas', VERBS.remind, { round: r.id }));
    actions.push(action('Stäng insamlingen', VERBS.close, { round: r.id }));
  }
  if (r.status === 'stängd' && r.requiresApproval) actions.push(action('Godkänn värdena', VERBS.approve, { round: r.id }));
  actions.push(action('Exportera', VERBS.export, { round: r.id }));
  actions.push(action('Uppdatera', VERBS.status, { round: r.id }));
  return actions;
}
