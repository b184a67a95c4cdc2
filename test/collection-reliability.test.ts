/**
 * Reliability of a reporting round with the bot as a real process, 60
 * managers and a Bot Connector that answers 429 (Retry-After) to 30 % of
 * sends and 503 to 5 %:
 *   SIGTERM while the cards go out, then a restart: every manager gets their
 *     card exactly once, and a value stored before the stop is still there.
 *   SIGKILL while reminders go out, then a restart: nothing is lost; a
 *     duplicate can only come from a send in flight at the instant of the kill.
 *   Two instances on one PostgreSQL, both told to start the same round at
 *     once: one round, each manager prompted exactly once; the same card
 *     submitted to both instances at once is stored once.
 * The first runs on the embedded store, or on PostgreSQL when DATABASE_URL
 * is set; the two-instance run needs PostgreSQL and is skipped without it.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { replaceResponsibilities } from '../services/collection/responsibilities.js';
import { addDays, monthName, stockholmDate } from '../services/collection/swedish-dates.js';
import { ConversationStore } from '../services/conversation/conversation-store.js';
import { openDatabase, type Database } from '../services/store/database.js';
import { postgresEnv, startBot, type BotProcess } from './support/bot-process.js';
import { aadObjectId, badDay, ConnectorStandIn, TeamsClient } from './support/connector-stand-in.js';
import { seededRandom } from './support/seeded-random.js';
import { onPostgres, openTestStore, type TestStore } from './support/test-store.js';

const N = 60;
const CONTROLLER = 'ctrl';
const deadline = addDays(stockholmDate(new Date()), 10);
const [dy, dm, dd] = deadline.split('-').map(Number) as [number, number, number];
const START = `starta insamling för SoN delår augusti 2026, sista dag ${dd} ${monthName(dm)} ${dy}`;
const ROUND = 'son-2026-08';

let connector: ConnectorStandIn;
const bots: BotProcess[] = [];
/** conversations the connector keeps answering 429 for, until released */
let held = (_conversation?: string) => false;

beforeAll(async () => {
  connector = await new ConnectorStandIn().start();
});
beforeEach(() => {
  connector.received.length = 0;
  const weather = badDay(seededRandom(1789));
  held = () => false;
  connector.fault = ({ method, path: p, conversationId }) => {
    if (method !== 'POST' || !p.endsWith('/activities')) return undefined;
    if (held(conversationId)) return { status: 429, retryAfter: 1 };
    return weather();
  };
});
afterAll(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop('SIGKILL')));
  await connector.stop();
});

async function bot(env: Record<string, string>): Promise<BotProcess> {
  const b = await startBot({ CONTROLLERS: aadObjectId(CONTROLLER), ...env });
  bots.push(b);
  return b;
}

const manager = (i: number) => ({ id: `c${i}`, upn: `chef${i}@linkoping.se`, conversation: `a:rel-c${i}` });

/** 60 managers who have the bot in Teams, each answering for one SoN indicator (the first for heltid). */
async function prepare(db: Database): Promise<void> {
  const conversations = new ConversationStore(db);
  const keys = (await db.query<{ key: string }>(`select distinct i.key from indicator i join report r on r.id = i.report_id where r.board_id = 'son' and i.key <> 'heltid' order by i.key limit ${N - 1}`)).map((r) => r.key);
  expect(keys).toHaveLength(N - 1);
  for (let i = 0; i < N; i++) {
    const m = manager(i);
    await conversations.remember({ id: m.conversation, type: 'personal', userAadId: aadObjectId(m.id), reference: { serviceUrl: connector.url, conversation: { id: m.conversation }, user: { id: `29:${m.id}` }, bot: { id: '28:rapportboten' } } });
  }
  await db.transaction((tx) =>
    replaceResponsibilities(tx, ['heltid', ...keys].map((itemKey, i) => ({ board: 'son', itemKey, upn: manager(i).upn, aadObjectId: aadObjectId(manager(i).id) })), 'test'),
  );
}

/** Collection messages (cards or reminders) per manager conversation, as the connector accepted them. */
function perManager(kind: RegExp): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of connector.received) {
    if (r.method === 'POST' && r.path.endsWith('/activities') && r.conversationId?.startsWith('a:rel-c') && kind.test(String(r.body.text))) m.set(r.conversationId, (m.get(r.conversationId) ?? 0) + 1);
  }
  return m;
}
const CARD = /^Dags att rapportera/;
const REMINDER = /^Påminnelse:/;
const everyone = Array.from({ length: N }, (_, i) => manager(i).conversation);

async function interrupt(victim: BotProcess, signal: NodeJS.Signals, kind: RegExp, atLeast = 15) {
  await connector.waitFor(() => perManager(kind).size >= atLeast, 30_000, `${atLeast} levererade`);
  const atSignal = perManager(kind).size;
  await victim.stop(signal);
  return { atSignal, atExit: perManager(kind).size };
}

/** Once everyone has the message and `sender` has nothing left to send or retry (a resend after a lease included). */
async function allGot(kind: RegExp, ids: string[], sender: BotProcess): Promise<Map<string, number>> {
  await connector.waitFor(() => ids.every((id) => perManager(kind).has(id)), 60_000, `alla ${ids.length}`);
  await sender.outboxSettled();
  return perManager(kind);
}

const cardOf = (conversation: string) => {
  const sent = connector.received.find((r) => r.conversationId === conversation && CARD.test(String(r.body.text)))!;
  const card = (sent.body.attachments as Array<{ content: { actions: Array<{ verb?: string; data?: Record<string, unknown> }> } }>)[0]!.content;
  return card.actions.find((a) => a.verb === 'insamling-skicka')!.data!;
};
/** The item key on a manager's card (its inputs are named after it). */
const firstItem = async (conversation: string) => {
  const sent = connector.received.find((r) => r.conversationId === conversation && CARD.test(String(r.body.text)))!;
  return JSON.stringify(sent.body).match(/"id":"([^"]+)\.v"/)![1]!;
};
const storedValues = (db: Database) => db.query<{ item_key: string; value: string }>(`select item_key, value::text from collection_value where round_id = $1`, [ROUND]);

describe('stopped and killed mid-round', () => {
  let dir = '';
  let store: TestStore | undefined;
  /** how a child reaches the store: a PGlite directory on disk, or a PostgreSQL schema */
  let env: Record<string, string> = {};

  beforeAll(async () => {
    if (onPostgres()) {
      store = await openTestStore();
      await prepare(store.db);
      const { url, schema } = store.options as { url: string; schema: string };
      env = { ...postgresEnv(url, schema), OUTBOX_LEASE_MS: '2000' };
      return;
    }
    dir = await mkdtemp(path.join(tmpdir(), 'rapportboten-insamling-'));
    const db = await openDatabase({ pgliteDir: dir, pgliteSnapshot: process.env.PGLITE_TEST_SNAPSHOT });
    await prepare(db);
    await db.close();
    env = { PGLITE_DIR: dir, OUTBOX_LEASE_MS: '2000' };
  });
  afterAll(async () => {
    await store?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('SIGTERM while cards go out, SIGKILL while reminders go out: each card exactly once, no reminder lost, no stored value lost', async () => {
    const first = await bot(env);
    held = (conversation) => conversation !== manager(0).conversation && conversation?.startsWith('a:rel-c') === true;
    const teams = new TeamsClient(`${first.url}/api/messages`, connector);
    const started = await teams.say(START, { userId: CONTROLLER });
    expect(String(started.replies.find((r) => /startad/.test(String(r.text)))?.text)).toMatch(/startad: 60 chefer, 60 uppgifter/);

    // a manager answers as soon as the card is there, then the platform stops the process
    await connector.waitFor(() => perManager(CARD).has(manager(0).conversation), 30_000, 'första kortet');
    const submitted = await teams.execute('insamling-skicka', { ...cardOf(manager(0).conversation), 'heltid.v': '80', 'heltid.na': 'false' }, { userId: manager(0).id });
    expect(JSON.stringify(submitted.body)).toMatch(/Tack! Allt är inrapporterat/);
    held = () => false;
    const term = await interrupt(first, 'SIGTERM', CARD);
    expect(term.atExit).toBeLessThan(N); // really mid-way

    const second = await bot(env);
    const cards = await allGot(CARD, everyone, second);
    expect(everyone.filter((id) => cards.get(id) !== 1)).toEqual([]);

    // a second manager answers (the receipt means it is committed); everyone else is reminded; the process is killed mid-way
    const teams2 = new TeamsClient(`${second.url}/api/messages`, connector);
    const key1 = await firstItem(manager(1).conversation);
    const answered = await teams2.execute('insamling-skicka', { ...cardOf(manager(1).conversation), [`${key1}.na`]: 'true' }, { userId: manager(1).id });
    expect(JSON.stringify(answered.body)).toMatch(/Tack! Allt är inrapporterat/);
    const reminded = await teams2.execute('insamling-påminn', { round: ROUND }, { userId: CONTROLLER });
    expect(JSON.stringify(reminded.body)).toMatch(/Påminnelse skickad till 58 personer/);
    const kill = await interrupt(second, 'SIGKILL', REMINDER);
    const third = await bot(env);
    const reminders = await allGot(REMINDER, everyone.slice(2), third);
    expect([reminders.has(manager(0).conversation), reminders.has(manager(1).conversation)]).toEqual([false, false]);
    const duplicates = [...reminders.values()].reduce((n, c) => n + c - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(25); // bounded by the sends in flight at the kill
    await third.stop();

    const db = store?.db ?? (await openDatabase({ pgliteDir: dir }));
    expect((await db.query<{ item_key: string; value: string | null; not_applicable: boolean }>(`select item_key, value::text, not_applicable from collection_value order by item_key = 'heltid' desc`)).map((v) => [v.item_key, v.value, v.not_applicable])).toEqual([['heltid', '80', false], [await firstItem(manager(1).conversation), null, true]]);
    const states = await db.query<{ status: string; n: number }>(`select status, count(*)::int as n from outbox where dedupe_key like 'insamling:%' group by status`);
    expect(states).toEqual([{ status: 'delivered', n: N + N - 2 }]);
    if (!store) await db.close();
    console.log(`insamling, ${store ? 'PostgreSQL' : 'inbäddat lager'}: SIGTERM vid ${term.atSignal} av ${N} kort (${term.atExit} när processen avslutats) → 0 dubbletter; SIGKILL vid ${kill.atSignal} av ${N - 2} påminnelser → ${duplicates} dubbletter, inget förlorat`);
  }, 180_000);
});

describe('two instances on one PostgreSQL', () => {
  let store: TestStore;

  beforeAll(async () => {
    if (!onPostgres()) return;
    store = await openTestStore();
    await prepare(store.db);
  });
  afterAll(async () => {
    await store?.close();
  });

  it.skipIf(!onPostgres())('told to start the same round at once: one round, each manager prompted once; one submit sent to both stores once', async () => {
    const { url, schema } = store.options as { url: string; schema: string };
    const env = postgresEnv(url, schema);
    const [a, b] = await Promise.all([bot(env), bot(env)]);
    const teamsA = new TeamsClient(`${a.url}/api/messages`, connector);
    const teamsB = new TeamsClient(`${b.url}/api/messages`, connector);
    await Promise.all([teamsA.say(START, { userId: CONTROLLER }), teamsB.say(START, { userId: CONTROLLER })]);
    const texts = connector.sent(`a:personal-${CONTROLLER}`).map((r) => String(r.text)).filter((t) => /insamlingen för SoN/i.test(t));
    expect(texts.filter((t) => /är startad/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /finns redan/.test(t))).toHaveLength(1);

    const cards = await allGot(CARD, everyone, a);
    expect(everyone.filter((id) => cards.get(id) !== 1)).toEqual([]);

    const data = { ...cardOf(manager(0).conversation), 'heltid.v': '80', 'heltid.na': 'false' };
    const both = await Promise.all([teamsA, teamsB].map((t) => t.execute('insamling-skicka', data, { userId: manager(0).id })));
    expect(both.map((r) => /Redan sparat/.test(JSON.stringify(r.body))).sort()).toEqual([false, true]);
    expect(await storedValues(store.db)).toEqual([{ item_key: 'heltid', value: '80' }]);
    const [audit] = await store.db.query<{ n: number }>('select count(*)::int as n from collection_audit where round_id = $1', [ROUND]);
    expect(audit!.n).toBe(1);
    await Promise.all([a.stop(), b.stop()]);
    console.log(`insamling, PostgreSQL, två instanser: 1 insamling, ${N} kort, 0 dubbletter; samma kort skickat till båda: sparat 1 gång`);
  }, 120_000);
});
