/**
 * Cards as the bot really sends them: one question (or button, or install)
 * of every kind the bot answers, asked of the running bot over HTTP against
 * the report store. Shared by the card checks (tests/cards.test.ts) and the
 * rendering in Chromium (tests/cards-render.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, monthName, stockholmDate } from '../../services/collection/swedish-dates.js';
import { projectPath } from '../../services/paths.js';
import { aadObjectId } from './connector-stand-in.js';
import { changeForecast } from './forecast-change.js';
import { GraphStandIn } from './graph-stand-in.js';
import { cardTexts } from './answer-score.js';
import { cardOf, startTestApp, type TestApp } from './test-app.js';

export type Card = Record<string, unknown>;

export interface CardSample {
  name: string;
  /** the template in cards/ the card must come from */
  template: string;
  /** text the card must show: proof that the question reached the intended answer */
  shows: RegExp;
  get: (t: TestApp) => Promise<Card>;
}

const ref569 = { type: 'line', reportId: 'son-2024-03', key: '569' };
const CONTROLLER = 'ctrl01';
const MANAGER = { id: 'chef01', upn: 'kort.chef@linkoping.se', name: 'Karin Chef' };
const CHANNEL = { id: '19:kort-ekonomi@thread.tacv2', conversationType: 'channel', tenantId: '11111111-1111-1111-1111-111111111111', isGroup: true };

/** The bot with what every card needs: a controller, Graph (a stand-in) for indicator collection, quick alerts. */
export async function startCardApp(): Promise<TestApp> {
  const graph = await new GraphStandIn(new Map([[MANAGER.upn, { id: aadObjectId(MANAGER.id), displayName: MANAGER.name }]])).start();
  const t = await startTestApp({ CONTROLLERS: aadObjectId(CONTROLLER), ALERTS_WATCH_MS: '100', ...graph.env() });
  return {
    ...t,
    async close() {
      await t.close();
      await graph.stop();
    },
  };
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`väntade på ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A card the bot sent on its own (not as a reply) to a conversation. */
async function sentTo(t: TestApp, conversationId: string, what: string, match: (card: Card) => boolean): Promise<Card> {
  let found: Card | undefined;
  await until(what, () => {
    found = t.connector.sent(conversationId).map(cardOf).find((c): c is Card => !!c && match(c));
    return !!found;
  });
  return found!;
}

/** A manager responsible for one indicator, and a round that sends them its card. */
async function startRound(t: TestApp): Promise<void> {
  await t.teams.say('hej', { userId: CONTROLLER });
  await t.teams.say('hej', { userId: MANAGER.id });
  await t.teams.say(`ansvar heltid SoN: ${MANAGER.upn}`, { userId: CONTROLLER });
  await until('att chefen hittas i Graph', async () => (await t.app.db.query(`select 1 from collection_person where state = 'klar'`)).length === 1);
  const deadline = addDays(stockholmDate(new Date()), 10);
  const [y, m, d] = deadline.split('-').map(Number) as [number, number, number];
  await t.teams.say(`starta insamling för SoN delår augusti 2026, sista dag ${d} ${monthName(m)} ${y}`, { userId: CONTROLLER });
}

/** A controller's channel subscribed to deviation alerts for SoN. */
async function subscribeChannel(t: TestApp): Promise<Card> {
  await t.teams.install(CHANNEL);
  return asked(t, 'prenumerera på avvikelser för SoN', CONTROLLER, CHANNEL);
}

async function asked(t: TestApp, text: string, userId: string, conversation?: Record<string, unknown>): Promise<Card> {
  const { replies } = await t.teams.say(text, { userId, ...(conversation ? { conversation, mention: true } : {}) });
  const card = replies.map(cardOf).find(Boolean);
  if (!card) throw new Error(`inget kort i svaret på "${text}"`);
  return card;
}

async function pressed(t: TestApp, verb: string, data: Record<string, unknown>, userId: string): Promise<Card> {
  const { status, body } = await t.teams.execute(verb, data, { userId });
  const response = body as { type?: string; value?: Card };
  if (status !== 200 || response.type !== 'application/vnd.microsoft.card.adaptive' || !response.value) throw new Error(`knappen ${verb} gav inget kort (${status})`);
  return response.value;
}

const ask = (name: string, template: string, question: string, shows: RegExp): CardSample => ({
  name,
  template,
  shows,
  get: (t) => asked(t, question, `kort-${name}`),
});

export const CARD_SAMPLES: CardSample[] = [
  {
    name: 'valkommen',
    template: 'welcome',
    shows: /Jag är Rapportboten/,
    get: async (t) => {
      const { replies } = await t.teams.install(t.teams.personal('kort-valkommen'));
      const card = replies.map(cardOf).find(Boolean);
      if (!card) throw new Error('inget välkomstkort');
      return card;
    },
  },
  ask('hjalp', 'welcome', 'hjälp', /Hur ser prognosen ut för Barn och unga\?/),
  ask('prognos', 'answer', 'Hur ser prognosen ut för Barn och unga?', /489,4 mnkr/),
  ask('nämnd-totalt', 'answer', 'Vad är budgeten för 2024 för hela SoN?', /1\s800,9 mnkr/),
  ask('leanlink-tkr', 'answer', 'Leanlink prognos 2023?', /−83\s189 tkr/),
  ask('rangordning', 'answer', 'Var är underskottet störst?', /569 Barn och ungdomsvård/),
  ask('jamforelse', 'answer', 'Jämför missbruksvården med förra året', /samma period 2023/),
  ask('indikator', 'answer', 'Hur går det med sjukfrånvaron?', /sjukfrånvaro/i),
  ask('volym', 'answer', 'Antal aktualiseringar hittills i år?', /1\s754/),
  ask('mal', 'answer', 'Vilka nämndmål uppnås inte?', /inte uppnås/),
  ask('uppdrag', 'answer', 'Status för de strategiska uppdragen i Leanlink', /Strategiska uppdrag/),
  ask('forklaring', 'answer', 'Varför går Barn och ungdomsvård med underskott?', /Varför\?/),
  ask('atgardsplan', 'answer', 'Hur mycket ska åtgärdsplanen ge 2024?', /121,8 mnkr/),
  ask('investering', 'answer', 'Vad är investeringsprognosen för 2024?', /Summa investeringar/),
  ask('två-poster', 'answers', 'Vad är prognosen för kostnader och intäkter?', /varav intäkter/),
  ask('indikatorfamilj', 'answer', 'Hur ligger vi i kostnad per invånare jämfört med R9?', /öppna insatser/),
  ask('tvetydig', 'choice', 'Hur ser det ut för IFO?', /Vilken menar du\?/),
  ask('annan-namnd', 'choice', 'Vad är prognosen för Kultur- och fritidsnämnden 2024?', /Kultur- och fritidsnämnden/),
  { name: 'knapp-varfor', template: 'answer', shows: /gängkriminalitet/, get: (t) => pressed(t, 'varför', { ref: ref569 }, 'kort-knapp-varfor') },
  { name: 'knapp-jamfor', template: 'answer', shows: /2023/, get: (t) => pressed(t, 'jämför', { ref: ref569 }, 'kort-knapp-jamfor') },
  { name: 'knapp-detaljer', template: 'answer', shows: /569 Barn och ungdomsvård/, get: (t) => pressed(t, 'detaljer', { ref: ref569 }, 'kort-knapp-detaljer') },
  // indicator collection: the manager's card with inputs, and the controller's export
  {
    name: 'insamling-kort',
    template: 'collection-prompt',
    shows: /Andel heltidsanställningar, %/,
    get: async (t) => {
      await startRound(t);
      return sentTo(t, `a:personal-${MANAGER.id}`, 'chefens kort', (c) => JSON.stringify(c).includes('insamling-skicka'));
    },
  },
  { name: 'insamling-status', template: 'answer', shows: /SoN delår augusti 2026/, get: (t) => asked(t, 'status insamling', CONTROLLER) },
  { name: 'insamling-export', template: 'collection-export', shows: /Excel/, get: (t) => asked(t, 'exportera insamling', CONTROLLER) },
  // deviation alerts: last, because the alert needs a changed forecast in the store
  {
    name: 'prenumeration-formular',
    template: 'avvikelse-prenumeration',
    shows: /Prenumerera på avvikelser/,
    get: async (t) => {
      await t.teams.install(CHANNEL);
      return asked(t, 'prenumerera på avvikelser', CONTROLLER, CHANNEL);
    },
  },
  { name: 'prenumeration', template: 'answer', shows: /SoN/, get: (t) => subscribeChannel(t) },
  { name: 'prenumerationer', template: 'avvikelse-prenumerationer', shows: /SoN/, get: (t) => asked(t, 'mina prenumerationer', CONTROLLER, CHANNEL) },
  {
    name: 'avvikelse',
    template: 'avvikelse',
    shows: /569 Barn och ungdomsvård/,
    get: async (t) => {
      await subscribeChannel(t);
      await changeForecast(t.app.db, 'son-2024-03', 'prognos', { '569': 499.4 });
      return sentTo(t, CHANNEL.id, 'avvikelsekortet', (c) => JSON.stringify(c).includes('avvikelse-detaljer'));
    },
  },
];

/** Every text a card shows, in order (text blocks, facts, table cells, button titles). */
export function cardWords(card: unknown): string {
  return cardTexts(card).join('\n');
}

export function templateNames(): string[] {
  return readdirSync(projectPath('cards'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.basename(f, '.json'))
    .sort();
}

export function readTemplate(name: string): Card {
  return JSON.parse(readFileSync(projectPath('cards', `${name}.json`), 'utf8')) as Card;
}

/**
 * Whether a filled card has the shape of a template: the same top-level
 * properties, and its body and actions a sequence the template can produce
 * (elements with $when may be missing, elements with $data repeat), each
 * element keeping the template's literal properties.
 */
export function fromTemplate(card: Card, template: Card): boolean {
  const rootKeys = (c: Card) =>
    Object.keys(c)
      .filter((k) => !['$schema', 'body', 'actions'].includes(k))
      .sort()
      .join();
  if (rootKeys(card) !== rootKeys(template)) return false;
  return sequence((template.body as Card[]) ?? [], (card.body as Card[]) ?? []) && sameActions(template.actions, (card.actions as Card[]) ?? []);
}

/** A template lists its buttons, or binds a list of them as it is ("${actions}"): then any Universal Actions fit. */
function sameActions(template: unknown, filled: Card[]): boolean {
  if (typeof template === 'string') return filled.every((a) => a.type === 'Action.Execute');
  return sequence((template as Card[]) ?? [], filled);
}

function sequence(template: Card[], filled: Card[]): boolean {
  const match = (ti: number, fi: number): boolean => {
    if (ti === template.length) return fi === filled.length;
    const t = template[ti]!;
    const repeats = '$data' in t;
    const optional = repeats || '$when' in t;
    if (optional && match(ti + 1, fi)) return true;
    if (fi < filled.length && sameElement(t, filled[fi]!)) return match(repeats ? ti : ti + 1, fi + 1);
    return false;
  };
  return match(0, 0);
}

function sameElement(template: Card, filled: Card): boolean {
  for (const [k, v] of Object.entries(template)) {
    if (k.startsWith('$') || v === null || typeof v === 'object') continue;
    if (typeof v === 'string' && v.includes('${')) continue;
    if (filled[k] !== v) return false;
  }
  return true;
}
