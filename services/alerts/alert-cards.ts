/**
 * An alert as the controller sees it: the summary card (cards/avvikelse.json)
 * that is posted, and what its buttons turn it into in place — the
 * drill-down ("Detaljer"), the report's own analysis ("Varför?"), and the
 * summary again once the subscription has ended.
 */
import { periodText } from '../answering/describe.js';
import { action, type AnswerView, type CardAction, type Reply, type Tone } from '../answering/reply.js';
import { renderCard, type AdaptiveCard } from '../cards/render-card.js';
import { formatAmount, formatNumber } from '../format/swedish-number.js';
import { fromTkr } from '../reports/amount.js';
import type { AlertContent, AlertLine } from './alert-builder.js';
import { describeThresholds } from './subscription.js';

export const ALERT_VERBS = {
  summary: 'avvikelse-sammanfattning',
  details: 'avvikelse-detaljer',
  why: 'avvikelse-varför',
  stop: 'avvikelse-sluta',
} as const;

type Report = NonNullable<AlertContent['report']>;

const mnkr = (tkr: string) => `${formatNumber(fromTkr(tkr, 'mnkr'), 1)} mnkr`;
const mnkrShort = (tkr: string) => formatNumber(fromTkr(tkr, 'mnkr'), 1);
const tone = (tkr: string | null | undefined): Tone => (!tkr || Number(tkr) === 0 ? 'default' : Number(tkr) < 0 ? 'attention' : 'good');
const word = (tkr: string) => (Number(tkr) < 0 ? 'underskott' : Number(tkr) > 0 ? 'överskott' : 'ingen avvikelse');
const percentText = (p: number | undefined) => (p === undefined ? undefined : `${formatNumber(p, 1)} % av budget`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "prognos helår 2024", "utfall jan–aug 2023". */
function periodLabel(r: Report): string {
  return `${r.table.fullYear ? 'prognos' : 'utfall'} ${periodText(r.table.periodFrom, r.table.periodTo)}`;
}

function basisWord(r: Report): string {
  return r.table.fullYear ? 'Prognos' : 'Utfall';
}

function changeText(l: AlertLine, r: Report): string | undefined {
  if (!r.previous || l.previousTkr === undefined) return undefined;
  if (l.previousTkr === null || !l.avvikelseTkr) return undefined;
  if (l.previousTkr === l.avvikelseTkr) return `Oförändrad sedan förra prognosen (${mnkrShort(l.previousTkr)} mnkr).`;
  return `Förra prognosen: ${mnkrShort(l.previousTkr)} → nu ${mnkr(l.avvikelseTkr)}.`;
}

function lineFacts(l: AlertLine, r: Report): string {
  const parts = [
    l.basisTkr !== null ? `${basisWord(r)} ${mnkrShort(l.basisTkr)}` : undefined,
    l.budgetTkr !== null ? `budget ${mnkr(l.budgetTkr)}` : undefined,
    percentText(l.percent),
  ].filter(Boolean);
  return parts.join(' · ');
}

function stopAction(c: AlertContent, key: string): CardAction {
  return action('Sluta prenumerera', ALERT_VERBS.stop, { alert: key, subscription: c.subscriptionId });
}

function title(c: AlertContent): string {
  const n = c.report?.over.length ?? 0;
  if (c.kind === 'sammanfattning') return `Sammanfattning av avvikelser: ${c.board.short}`;
  return n === 1 ? `${c.board.short}: en verksamhet över tröskeln` : `${c.board.short}: ${n} verksamheter över tröskeln`;
}

/** The one-sentence version of the alert (notification text and Action.Submit fallback). */
export function alertText(c: AlertContent): string {
  const r = c.report;
  if (!r) return `${c.board.short}: det finns ingen prognos med avvikelser per verksamhet i rapportlagret.`;
  if (r.over.length === 0) return `${c.board.short}: ingen verksamhet har en avvikelse över tröskeln (${describeThresholds(c.thresholds)}) i ${periodLabel(r)}. (${r.name})`;
  const changed = (l: AlertLine) => !!l.previousTkr && !!r.previous && l.previousTkr !== l.avvikelseTkr;
  const top = r.over.slice(0, 3).map((l) => `${l.label} ${mnkr(l.avvikelseTkr!)}${changed(l) ? ` (förra prognosen ${mnkrShort(l.previousTkr!)})` : ''}`);
  return `Avvikelser över tröskeln i ${c.board.short}, ${periodLabel(r)}: ${top.join(', ')}${r.over.length > 3 ? ` och ${r.over.length - 3} till` : ''}. (${r.name})`;
}

/** The posted card; `stopped` shows it again after "Sluta prenumerera". */
export function summaryCard(c: AlertContent, key: string, options: { stopped?: string } = {}): AdaptiveCard {
  const r = c.report;
  const total = r?.total?.avvikelseTkr
    ? {
        label: `${c.board.name} totalt — ${periodLabel(r)}`,
        value: `${capital(word(r.total.avvikelseTkr))}${Number(r.total.avvikelseTkr) === 0 ? '' : ` ${mnkr(r.total.avvikelseTkr.replace(/^-/, ''))}`}`,
        color: tone(r.total.avvikelseTkr),
        facts: lineFacts(r.total, r),
        change: changeText(r.total, r),
      }
    : undefined;
  const actions = r ? [action('Detaljer', ALERT_VERBS.details, { alert: key }), action('Varför?', ALERT_VERBS.why, { alert: key })] : [];
  return renderCard('avvikelse', {
    title: title(c),
    subtitle: r ? `${r.name} · ${periodLabel(r)}` : c.board.name,
    notice: options.stopped ? { style: 'good', text: options.stopped } : undefined,
    total,
    heading: `Över tröskeln (${describeThresholds(c.thresholds)}), störst först`,
    lines: (r?.over ?? []).map((l) => ({
      label: l.label,
      value: mnkr(l.avvikelseTkr!),
      color: tone(l.avvikelseTkr),
      facts: lineFacts(l, r!),
      change: changeText(l, r!),
      explanation: l.explanation ? `Rapporten: "${l.explanation}"` : undefined,
    })),
    empty: !r
      ? `Det finns ingen prognos med avvikelser per verksamhet för ${c.board.name} i rapportlagret.`
      : r.over.length === 0
        ? `Ingen verksamhet har en avvikelse över tröskeln (${describeThresholds(c.thresholds)}) i ${periodLabel(r)}.`
        : undefined,
    notes: r?.table.sign === 'resultat' ? ['Rapporten redovisar resultat: negativt belopp = underskott.'] : [],
    source: r ? `Källa: ${r.name} — ${r.table.title}.` : undefined,
    actions: options.stopped ? actions : [...actions, stopAction(c, key)],
  });
}

export function summaryReply(c: AlertContent, key: string, options: { stopped?: string } = {}): Reply {
  return { text: options.stopped ?? alertText(c), card: summaryCard(c, key, options) };
}

/** "Detaljer": every line of the table with exact figures in the report's unit, over-threshold lines first. */
export function detailsReply(c: AlertContent, key: string): Reply {
  const r = c.report;
  if (!r) return summaryReply(c, key);
  const amount = (tkr: string | null | undefined) => (tkr === null || tkr === undefined ? '' : formatAmount(tkr, r.table.unit, r.table.decimals).replace(/ \S+$/, ''));
  const withPrevious = !!r.previous;
  const row = (l: AlertLine, over: boolean) => ({
    cells: [
      { text: `${over ? '▲ ' : ''}${l.label}` },
      { text: amount(l.basisTkr) },
      { text: amount(l.budgetTkr) },
      { text: amount(l.avvikelseTkr), color: tone(l.avvikelseTkr) },
      ...(withPrevious ? [{ text: amount(l.previousTkr) }] : []),
    ],
  });
  const facts = [
    { title: 'Tröskel', value: describeThresholds(c.thresholds) },
    { title: 'Över tröskeln', value: r.over.length ? r.over.map((l) => l.label).join(', ') : 'ingen' },
    ...(r.total?.avvikelseTkr ? [{ title: 'Totalt', value: `${lineFacts(r.total, r)}; avvikelse ${mnkr(r.total.avvikelseTkr)}` }] : []),
    ...(r.previous ? [{ title: 'Jämfört med', value: `${r.previous.name} (läst ${new Date(r.previous.seenAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' })})` }] : []),
  ];
  const view: AnswerView = {
    title: `Detaljer: avvikelser ${c.board.short}`,
    subtitle: `${r.name} · ${periodLabel(r)}`,
    sections: [{ facts }],
    table: {
      columns: [
        { title: 'Verksamhet', width: 'stretch' },
        { title: basisWord(r), width: 'auto', align: 'right' },
        { title: 'Budget', width: 'auto', align: 'right' },
        { title: 'Avvikelse', width: 'auto', align: 'right' },
        ...(withPrevious ? [{ title: 'Förra', width: 'auto' as const, align: 'right' as const }] : []),
      ],
      rows: [...r.over.map((l) => row(l, true)), ...r.under.map((l) => row(l, false)), ...(r.total ? [row(r.total, false)] : [])],
    },
    quotes: [],
    notes: [
      `Belopp i ${r.table.unit}, som i rapporten. ▲ = över tröskeln.${withPrevious ? ' Förra = avvikelsen i förra prognosen.' : ''}`,
      ...(r.table.sign === 'resultat' ? ['Rapporten redovisar resultat: negativt belopp = underskott, avvikelse = prognos/utfall − budget.'] : ['Avvikelse = budget − prognos/utfall; negativt belopp = underskott.']),
    ],
    source: `Källa: ${r.name} — ${r.table.title}.`,
    actions: [action('Sammanfattning', ALERT_VERBS.summary, { alert: key }), action('Varför?', ALERT_VERBS.why, { alert: key }), stopAction(c, key)],
  };
  return { text: `Detaljer om avvikelserna i ${r.name}.`, card: renderCard('answer', view) };
}

const MAX_WHY = 4;

/** "Varför?": the report's own analysis of each line over the threshold, quoted. */
export function whyReply(c: AlertContent, key: string): Reply {
  const r = c.report;
  if (!r) return summaryReply(c, key);
  const lines = (r.over.length ? r.over : r.total ? [r.total] : []).slice(0, MAX_WHY);
  const seen = new Set<string>();
  const quotes = lines.flatMap((l) => {
    if (!l.quote || seen.has(l.quote.text)) return [];
    seen.add(l.quote.text);
    const figure = l.avvikelseTkr ? ` — ${word(l.avvikelseTkr)}${Number(l.avvikelseTkr) === 0 ? '' : ` ${mnkr(l.avvikelseTkr.replace(/^-/, ''))}`}` : '';
    return [{ heading: `${l.label}${figure}${l.quote.heading ? ` · ${l.quote.heading}` : ''}`, text: l.quote.text }];
  });
  const view: AnswerView = {
    title: `Varför? Avvikelserna i ${c.board.short}`,
    subtitle: `Rapportens egen analys · ${r.name}`,
    sections: [],
    quotes,
    notes: quotes.length ? [] : ['Rapporten har ingen analystext om de här verksamheterna.'],
    source: `Källa: ${r.name}.`,
    actions: [action('Sammanfattning', ALERT_VERBS.summary, { alert: key }), action('Detaljer', ALERT_VERBS.details, { alert: key })],
  };
  const first = quotes[0];
  return { text: first ? `Rapporten förklarar (${r.name}): "${first.text.slice(0, 400)}${first.text.length > 400 ? '…' : ''}"` : `${r.name} har ingen analystext om de här verksamheterna.`, card: renderCard('answer', view) };
}
