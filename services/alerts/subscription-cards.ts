/**
 * The cards for managing subscriptions: the confirmation after subscribing
 * or changing, the list ("mina prenumerationer") and the form
 * (cards/avvikelse-prenumeration.json) for creating or changing one.
 */
import { action, type AnswerView, type Reply } from '../answering/reply.js';
import { renderCard } from '../cards/render-card.js';
import type { CatalogueBoard } from '../catalogue/catalogue.js';
import type { ConversationType } from '../conversation/conversation-store.js';
import { formatNumber } from '../format/swedish-number.js';
import { ALERT_VERBS } from './alert-cards.js';
import { describeCron, SCHEDULE_EXAMPLES } from './alert-schedule.js';
import { DEFAULT_THRESHOLDS, describeThresholds, type Subscription, type Thresholds } from './subscription.js';

export const SUBSCRIPTION_VERBS = {
  list: 'avvikelse-lista',
  form: 'avvikelse-formulär',
  save: 'avvikelse-spara',
} as const;


/** "den här kanalen", "din chatt med mig". */
export function placeText(type: ConversationType): string {
  return type === 'channel' ? 'den här kanalen' : type === 'groupChat' ? 'den här gruppchatten' : 'din chatt med mig';
}

/** The same, starting a sentence. */
export const placeTitle = (type: ConversationType): string => placeText(type).replace(/^./, (c) => c.toUpperCase());

function elsewhereText(s: Subscription): string {
  return s.conversationType === 'channel' ? 'en kanal' : s.conversationType === 'groupChat' ? 'en gruppchatt' : 'en 1:1-chatt';
}

const boardShort = (boards: CatalogueBoard[], id: string) => boards.find((b) => b.id === id)?.shortName ?? id;

export function formatWhen(d: Date): string {
  return d.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function whenText(s: Subscription, next?: Date): string {
  const onChange = 'när en ny prognos eller ett nytt utfall ändrar siffrorna';
  return s.cron ? `${onChange}, och en sammanfattning ${describeCron(s.cron)}${next ? ` (nästa: ${formatWhen(next)})` : ''}` : onChange;
}

export function confirmationReply(saved: Array<{ subscription: Subscription; created: boolean; nextDigest?: Date }>, boards: CatalogueBoard[]): Reply {
  const names = saved.map((x) => boardShort(boards, x.subscription.board)).join(' och ');
  const anyNew = saved.some((x) => x.created);
  const place = placeText(saved[0]!.subscription.conversationType);
  const view: AnswerView = {
    title: anyNew ? `Prenumeration på avvikelser: ${names}` : `Prenumerationen är ändrad: ${names}`,
    subtitle: `Avvikelserna skickas till ${place}.`,
    sections: saved.map(({ subscription: s, nextDigest }) => ({
      heading: saved.length > 1 ? boardShort(boards, s.board) : undefined,
      facts: [
        { title: 'Tröskel', value: describeThresholds(s.thresholds) },
        { title: 'När', value: whenText(s, nextDigest) },
      ],
    })),
    quotes: [],
    notes: [
      'Ett kort kommer bara när minst en verksamhet har en avvikelse över tröskeln; en schemalagd sammanfattning säger till även när ingen har det.',
      'Ändra: skriv till exempel "ändra prenumerationen för SoN till 2 mnkr" eller "… varje månad den 5:e kl 8". Sluta: "sluta prenumerera" eller knappen i varje kort.',
    ],
    actions: [
      action('Mina prenumerationer', SUBSCRIPTION_VERBS.list),
      ...(saved.length === 1 ? [action('Ändra', SUBSCRIPTION_VERBS.form, { subscription: saved[0]!.subscription.id }), action('Sluta prenumerera', ALERT_VERBS.stop, { subscription: saved[0]!.subscription.id })] : []),
    ],
  };
  const first = saved[0]!.subscription;
  const text = `${anyNew ? 'Klart' : 'Ändrat'}: ${place} får avvikelser för ${names} (${describeThresholds(first.thresholds)}) ${whenText(first, saved[0]!.nextDigest)}.`;
  return { text: text.charAt(0).toUpperCase() + text.slice(1), card: renderCard('answer', view) };
}

export function listReply(here: Subscription[], elsewhere: Subscription[], type: ConversationType, boards: CatalogueBoard[]): Reply {
  const item = (s: Subscription, where?: string) => ({
    heading: `${boardShort(boards, s.board)}${where ? ` — ${where}` : ''}`,
    facts: [`Tröskel: ${describeThresholds(s.thresholds)}`, `När: ${whenText(s)}`, ...(s.createdByName && type !== 'personal' ? [`Senast ändrad av ${s.createdByName}`] : [])],
    actions: [action('Ändra', SUBSCRIPTION_VERBS.form, { subscription: s.id }), action('Sluta prenumerera', ALERT_VERBS.stop, { subscription: s.id })],
  });
  const subscriptions = [...here.map((s) => item(s)), ...elsewhere.map((s) => ({ ...item(s, `i ${elsewhereText(s)}`), actions: [action('Sluta prenumerera', ALERT_VERBS.stop, { subscription: s.id })] }))];
  const names = here.map((s) => boardShort(boards, s.board)).join(', ');
  const text = here.length
    ? `${placeTitle(type)} prenumererar på avvikelser för ${names}.`
    : `${placeTitle(type)} prenumererar inte på några avvikelser. Skriv till exempel "prenumerera på avvikelser för SoN".`;
  const card = renderCard('avvikelse-prenumerationer', {
    title: 'Prenumerationer på avvikelser',
    intro: here.length ? `I ${placeText(type)}:` : `${placeTitle(type)} prenumererar inte på några avvikelser.`,
    subscriptions,
    notes: elsewhere.length ? ['Du har också startat prenumerationer i andra samtal (visas ovan).'] : [],
    actions: [action('Ny prenumeration', SUBSCRIPTION_VERBS.form)],
  });
  return { text, card };
}

const decimal = (n: number) => formatNumber(n, n % 1 === 0 ? 0 : n * 10 % 1 === 0 ? 1 : 3).replace(/\u00a0/g, ' ');

export interface FormValues {
  board?: string;
  thresholds?: Thresholds;
  amount?: string;
  percent?: string;
  schedule?: string;
}

/** The subscription form; with `existing` it changes that subscription (its board fixed). */
export function formReply(boards: CatalogueBoard[], type: ConversationType, values: FormValues = {}, existing?: Subscription, error?: string): Reply {
  const t = values.thresholds ?? existing?.thresholds ?? DEFAULT_THRESHOLDS;
  const card = renderCard('avvikelse-prenumeration', {
    title: existing ? `Ändra prenumerationen: ${boardShort(boards, existing.board)}` : 'Prenumerera på avvikelser',
    intro: `Avvikelserna skickas till ${placeText(type)} när en ny prognos eller ett nytt utfall ändrar siffrorna och någon verksamhet går över tröskeln.`,
    error,
    fixedBoard: existing ? boards.find((b) => b.id === existing.board)?.name ?? existing.board : undefined,
    board: values.board,
    boards: boards.map((b) => ({ title: `${b.name} (${b.shortName})`, value: b.id })),
    amount: values.amount ?? (t.amountTkr === null ? '' : decimal(t.amountTkr / 1000)),
    percent: values.percent ?? (t.percent === null ? '' : decimal(t.percent)),
    schedule: values.schedule ?? (existing?.cron ? describeCron(existing.cron) : ''),
    note: `Standard: minst 1 mnkr eller 2 % av budget, inget schema. Schemaexempel: ${SCHEDULE_EXAMPLES}.`,
    data: { verb: SUBSCRIPTION_VERBS.save, ...(existing ? { subscription: existing.id } : {}) },
  });
  return { text: error ?? (existing ? 'Ändra prenumerationen i formuläret.' : 'Välj nämnd, tröskel och eventuellt schema.'), card };
}
