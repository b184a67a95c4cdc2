/**
 * Deviation alerts on a real store: Swedish commands and schedules read
 * deterministically, a changed forecast queues one alert per subscription
 * (largest deviation first, the report's own explanation, the change since
 * the previous forecast), nothing twice — not on a rescan, a restart or a
 * second instance — and digests that say so when nothing crosses.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Knowledge } from '../services/answering/knowledge.js';
import { parseSchedule, describeCron } from '../services/alerts/alert-schedule.js';
import { alertContent, type AlertContent } from '../services/alerts/alert-builder.js';
import { AlertTrigger } from '../services/alerts/alert-trigger.js';
import { deliveryStatus } from '../services/alerts/delivery-status.js';
import { parseAlertRequest } from '../services/alerts/subscription-request.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../services/alerts/subscription.js';
import { SubscriptionStore } from '../services/alerts/subscription-store.js';
import { createLogger } from '../services/logging/logger.js';
import { readBoards } from '../services/reports/boards.js';
import { Scheduler } from '../services/scheduling/scheduler.js';
import { changeForecast } from './support/forecast-change.js';
import { openTestStore, type TestStore } from './support/test-store.js';
import { readable } from './support/test-app.js';

let store: TestStore;
let knowledge: Knowledge;
let scheduler: Scheduler;
let subscriptions: SubscriptionStore;
let trigger: AlertTrigger;
const log = createLogger('silent');
let seq = 0;

beforeAll(async () => {
  store = await openTestStore();
  knowledge = new Knowledge(store.db, (await readBoards()).otherBoards, 0);
  scheduler = new Scheduler(store.db, { log });
  subscriptions = new SubscriptionStore(store.db, scheduler);
  trigger = newTrigger();
  await trigger.scan(); // the versions now in the store are the baseline ("previous forecast")
});
afterAll(() => store.close());

function newTrigger(): AlertTrigger {
  return new AlertTrigger({ db: store.db, knowledge, log, notify: () => {}, watchMs: 0 });
}

async function subscribe(board: 'son' | 'leanlink', thresholds: Thresholds = DEFAULT_THRESHOLDS, cron?: string, type: 'personal' | 'channel' = 'personal') {
  const n = ++seq;
  const conversationId = type === 'personal' ? `a:personal-alert-${n}` : `19:kanal-${n}@thread.tacv2`;
  const { subscription } = await subscriptions.save({
    conversationId,
    conversationType: type,
    target: { serviceUrl: 'http://127.0.0.1:9/', conversationId, conversationType: type, userId: type === 'personal' ? `29:u${n}` : undefined },
    board,
    thresholds,
    cron,
    by: { id: `user-${n}` },
  });
  return subscription;
}

async function queuedFor(subscriptionId: number): Promise<Array<{ key: string; content: AlertContent; text: string; card: unknown }>> {
  const rows = await store.db.query<{ key: string; content: unknown; activity: { text: string; attachments: Array<{ content: unknown }> } }>(
    `select a.key, a.content, o.activity from avvikelse_alert a join outbox o on o.dedupe_key = a.key where a.subscription_id = $1 order by a.created_at`,
    [subscriptionId],
  );
  return rows.map((r) => ({ key: r.key, content: alertContent.parse(r.content), text: r.activity.text, card: r.activity.attachments[0]!.content }));
}

describe('reading commands and schedules', () => {
  const boards = [
    { id: 'son' as const, name: 'Social- och omsorgsnämnden', shortName: 'SoN', aliases: ['SoN', 'nämnden'] },
    { id: 'sn' as const, name: 'Socialnämnden', shortName: 'SN', aliases: ['SN'] },
    { id: 'leanlink' as const, name: 'Leanlink', shortName: 'Leanlink', aliases: ['Leanlink'] },
  ];

  it('turns Swedish schedules into cron (Europe/Stockholm) and back', () => {
    const cases: Array<[string, string, string]> = [
      ['varje månad den 5:e kl 8', '0 8 5 * *', 'varje månad den 5:e kl. 08.00'],
      ['varje måndag kl 7.30', '30 7 * * 1', 'varje måndag kl. 07.30'],
      ['dagligen kl 6', '0 6 * * *', 'varje dag kl. 06.00'],
      ['varje vardag klockan 07:15', '15 7 * * 1-5', 'varje vardag kl. 07.15'],
      ['varje kvartal den 10:e', '0 8 10 1,4,7,10 *', 'varje kvartal den 10:e kl. 08.00'],
      ['månadsvis den 1:a', '0 8 1 * *', 'varje månad den 1:a kl. 08.00'],
      ['varje månad den sista kl 16', '0 16 L * *', 'varje månad den sista kl. 16.00'],
    ];
    for (const [text, cron, described] of cases) {
      expect(parseSchedule(text)).toEqual({ kind: 'cron', cron });
      expect(describeCron(cron)).toBe(described);
      expect(parseSchedule(described)).toEqual({ kind: 'cron', cron });
    }
    expect(parseSchedule('prenumerera på avvikelser för SoN')).toEqual({ kind: 'none' });
    expect(parseSchedule('bara vid ändring')).toEqual({ kind: 'off' });
    expect(parseSchedule('varje månad den 31:a')).toMatchObject({ kind: 'error', message: expect.stringMatching(/mellan 1 och 28/) });
    expect(parseSchedule('varje dag kl 25')).toMatchObject({ kind: 'error', message: expect.stringMatching(/finns inte/) });
    expect(parseSchedule('kl 8 ibland')).toMatchObject({ kind: 'error', message: expect.stringMatching(/hur ofta/) });
  });

  it('reads subscribe, change, stop, list and status, and leaves questions alone', () => {
    expect(parseAlertRequest('Prenumerera på avvikelser för SoN', boards)).toMatchObject({ kind: 'subscribe', boards: ['son'], thresholds: { kind: 'none' }, schedule: { kind: 'none' } });
    expect(parseAlertRequest('prenumerera på avvikelser för SoN och Leanlink över 1,5 mnkr varje månad den 5:e kl 8', boards)).toMatchObject({
      kind: 'subscribe',
      boards: ['son', 'leanlink'],
      thresholds: { kind: 'set', thresholds: { amountTkr: 1500, percent: null } },
      schedule: { kind: 'cron', cron: '0 8 5 * *' },
    });
    expect(parseAlertRequest('bevaka Leanlink 3 %', boards)).toMatchObject({ kind: 'subscribe', boards: ['leanlink'], thresholds: { kind: 'set', thresholds: { amountTkr: null, percent: 3 } } });
    expect(parseAlertRequest('prenumerera på avvikelser för SoN över 500 tkr eller 2 procent', boards)).toMatchObject({ thresholds: { kind: 'set', thresholds: { amountTkr: 500, percent: 2 } } });
    expect(parseAlertRequest('ändra prenumerationen för SoN till 5 mnkr', boards)).toMatchObject({ kind: 'change', boards: ['son'], thresholds: { kind: 'set', thresholds: { amountTkr: 5000, percent: null } } });
    expect(parseAlertRequest('sluta prenumerera på Leanlink', boards)).toEqual({ kind: 'stop', boards: ['leanlink'] });
    expect(parseAlertRequest('avprenumerera', boards)).toEqual({ kind: 'stop', boards: [] });
    expect(parseAlertRequest('mina prenumerationer', boards)).toEqual({ kind: 'list' });
    expect(parseAlertRequest('status utskick', boards)).toEqual({ kind: 'status' });
    expect(parseAlertRequest('prenumerera på avvikelser för Kultur- och fritidsnämnden', boards, ['Kultur- och fritidsnämnden'])).toMatchObject({ kind: 'subscribe', boards: [], unknownBoard: 'Kultur- och fritidsnämnden' });
    expect(parseAlertRequest('var är underskottet störst?', boards)).toBeUndefined();
    expect(parseAlertRequest('hur stor är avvikelsen för LSS?', boards)).toBeUndefined();
  });
});

describe('alerts when a forecast changes', () => {
  let son: Awaited<ReturnType<typeof subscribe>>;
  let onlyBig: Awaited<ReturnType<typeof subscribe>>;
  let onlyShare: Awaited<ReturnType<typeof subscribe>>;
  let quiet: Awaited<ReturnType<typeof subscribe>>;

  beforeAll(async () => {
    son = await subscribe('son');
    onlyBig = await subscribe('son', { amountTkr: 5000, percent: null });
    onlyShare = await subscribe('son', { amountTkr: null, percent: 4 });
    quiet = await subscribe('son', { amountTkr: 50_000, percent: null });
    expect(await trigger.scan()).toBe(0); // subscribing is not news
    // 569: prognos 489,4 → 499,4 (underskott 10,0); 922: 46,6 → 44,6 (överskott 2,0); 513: 864,4 → 865,0 (0,6, under the thresholds)
    await changeForecast(store.db, 'son-2024-03', 'prognos', { '569': 499.4, '922': 44.6, '513': 865.0 });
  });

  it('queues one alert per subscription with something over its thresholds, largest first, explained, with the change', async () => {
    const queued = await trigger.scan();
    expect(queued).toBe(3); // not `quiet`: nothing is 50 mnkr
    const [alert] = await queuedFor(son.id);
    const [{ content_hash }] = (await store.db.query<{ content_hash: string }>(`select content_hash from report where id = 'son-2024-03'`)) as [{ content_hash: string }];
    expect(alert!.key).toBe(`avvikelse:${son.id}:son-2024-03:${content_hash.slice(0, 16)}`);
    const r = alert!.content.report!;
    expect(r.over.map((l) => [l.label, l.avvikelseTkr])).toEqual([['569 Barn och ungdomsvård', '-10000'], ['922 Social- och omsorgsförvaltningen', '2000']]);
    expect(r.over[0]!.previousTkr).toBe('0');
    expect(r.over[0]!.explanation).toMatch(/\p{L}{4,}/u);
    expect(r.total).toMatchObject({ basisTkr: '1809500', budgetTkr: '1800900', avvikelseTkr: '-8600', previousTkr: '0' });
    const text = readable([{ text: alert!.text, attachments: [{ content: alert!.card }] }]);
    expect(text).toMatch(/SoN: 2 verksamheter över tröskeln/);
    expect(text).toMatch(/Underskott 8,6 mnkr/);
    expect(text).toMatch(/569 Barn och ungdomsvård[\s\S]*\u221210,0 mnkr/);
    expect(text).toMatch(/Förra prognosen: 0,0 → nu \u221210,0 mnkr/);
    expect(text).toMatch(/Rapporten: "/);
    expect(text).toMatch(/\[Detaljer\][\s\S]*\[Varför\?\][\s\S]*\[Sluta prenumerera\]/);
    const colours = JSON.stringify(alert!.card).match(/"color":"(attention|good)"/g);
    expect(colours).toEqual(['"color":"attention"', '"color":"attention"', '"color":"good"']); // total, 569 underskott, 922 överskott
  });

  it('applies each subscription’s own thresholds', async () => {
    expect((await queuedFor(onlyBig.id))[0]!.content.report!.over.map((l) => l.key)).toEqual(['569']);
    expect((await queuedFor(onlyShare.id))[0]!.content.report!.over.map((l) => l.key)).toEqual(['922']); // 2,0 of 46,6 = 4,3 %; 569 is 2,0 %
    expect(await queuedFor(quiet.id)).toEqual([]);
  });

  it('never queues the same report version twice: not on a rescan, after a restart, nor by a second instance', async () => {
    const count = async () => ((await store.db.query<{ n: number }>(`select count(*)::int as n from outbox where purpose = 'avvikelse'`))[0]!.n);
    const before = await count();
    expect(await trigger.scan()).toBe(0);
    const restarted = newTrigger();
    const other = newTrigger();
    // a second instance that saw the change but not the first one's "seen" marks
    await store.db.query(`update avvikelse_seen set content_hash = 'gammal' where subscription_id = $1 and report_id = 'son-2024-03'`, [son.id]);
    expect(await Promise.all([restarted.check(), other.check()])).toEqual([0, 0]);
    expect(await count()).toBe(before);
  });

  it('alerts again on the next version, measured from the one before', async () => {
    await changeForecast(store.db, 'son-2024-03', 'prognos', { '569': 503.4 });
    expect(await trigger.scan()).toBe(3);
    const alerts = await queuedFor(son.id);
    expect(alerts).toHaveLength(2);
    const l569 = alerts[1]!.content.report!.over.find((l) => l.key === '569')!;
    expect([l569.previousTkr, l569.avvikelseTkr]).toEqual(['-10000', '-14000']);
    expect(alerts[1]!.text).toMatch(/569 Barn och ungdomsvård \u221214,0 mnkr \(förra prognosen \u221210,0\)/);
  });

  it('Leanlink: result figures in tkr, shown in mnkr with the change (Råd och stöd −12,8 → −19,6)', async () => {
    const ll = await subscribe('leanlink');
    await changeForecast(store.db, 'leanlink-2023-08', 'prognos', { 'rad-och-stod': -282062 });
    expect(await trigger.scan()).toBe(1);
    const [alert] = await queuedFor(ll.id);
    const text = readable([{ text: alert!.text, attachments: [{ content: alert!.card }] }]);
    expect(text).toMatch(/Förra prognosen: \u221212,8 → nu \u221219,6 mnkr/);
    // the total moves by as much as the line did; the report's own avvikelse column does not add up (a documented discrepancy)
    expect(text).toMatch(/Underskott 90,0 mnkr\nPrognos \u221289,9 · budget 0,0 mnkr\nFörra prognosen: \u221283,2 → nu \u221290,0 mnkr/);
    expect(alert!.text).toMatch(/^Avvikelser över tröskeln i Leanlink, prognos helår 2023: Ledning \u221235,8 mnkr, Äldreomsorg \u221226,4 mnkr, Råd och Stöd \u221219,6 mnkr \(förra prognosen \u221212,8\) och 1 till\./);
    expect(text).toMatch(/negativt belopp = underskott/);
    expect(alert!.content.report!.over[0]!.key).toBe('ledning'); // −35,8 mnkr is the largest
  });

  it('sends nothing to a conversation the bot was removed from', async () => {
    const gone = await subscribe('son', DEFAULT_THRESHOLDS, undefined, 'channel');
    await store.db.query(`insert into conversation (id, conversation_type, reference, installed) values ($1, 'channel', '{}', false)`, [gone.conversationId]);
    await changeForecast(store.db, 'son-2024-03', 'prognos', { '569': 505.4 });
    await trigger.scan();
    expect(await queuedFor(gone.id)).toEqual([]);
  });
});

describe('digests on a schedule', () => {
  beforeEach(async () => {
    await store.db.query('delete from scheduled_job');
  });

  it('sends the newest forecast’s deviations at the scheduled time, once per slot', async () => {
    const s = await subscribe('son', DEFAULT_THRESHOLDS, '0 8 5 * *');
    const [job] = await store.db.query<{ next_run_at: Date }>('select next_run_at from scheduled_job where key = $1', [`avvikelse-sammanfattning:${s.id}`]);
    const due = new Date(job!.next_run_at);
    expect(due.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' })).toMatch(/-05 08:00:00$/);
    scheduler.handle('avvikelse-sammanfattning', (run) => trigger.digest(run));
    expect(await scheduler.tick(due)).toBe(1);
    expect(await scheduler.tick(due)).toBe(0);
    const [digest] = await queuedFor(s.id);
    expect(digest!.key).toBe(`avvikelse:${s.id}:sammanfattning:${due.toISOString()}`);
    expect(digest!.text).toMatch(/Avvikelser över tröskeln i SoN, prognos helår 2024: 569 Barn och ungdomsvård/);
    // the same slot run again (a crash before the job was moved on) queues nothing new
    await trigger.digest({ key: 'x', kind: 'avvikelse-sammanfattning', payload: { subscription: s.id }, dueAt: due });
    expect(await queuedFor(s.id)).toHaveLength(1);
  });

  it('says so when nothing crosses the threshold', async () => {
    const s = await subscribe('son', { amountTkr: 100_000, percent: null }, '30 7 * * 1');
    await trigger.digest({ key: 'x', kind: 'avvikelse-sammanfattning', payload: { subscription: s.id }, dueAt: new Date('2030-01-07T06:30:00Z') });
    const [digest] = await queuedFor(s.id);
    const text = readable([{ text: digest!.text, attachments: [{ content: digest!.card }] }]);
    expect(text).toMatch(/Sammanfattning av avvikelser: SoN/);
    expect(text).toMatch(/Ingen verksamhet har en avvikelse över tröskeln \(minst 100 mnkr\) i prognos helår 2024/);
  });

  it('ends with the subscription', async () => {
    const s = await subscribe('son', DEFAULT_THRESHOLDS, '0 8 5 * *');
    expect(await subscriptions.remove(s.id)).toBe(true);
    expect(await store.db.query('select key from scheduled_job where key = $1', [`avvikelse-sammanfattning:${s.id}`])).toEqual([]);
  });
});

describe('status utskick', () => {
  it('shows the latest rounds and alerts with their delivery states', async () => {
    await store.db.query(`update outbox set status = 'delivered' where purpose = 'avvikelse' and id % 2 = 0`);
    await store.db.query(`update outbox set status = 'blocked', last_status = 403, last_error = '403 blockerad' where id = (select max(id) from outbox where purpose = 'avvikelse')`);
    const reply = await deliveryStatus(store.db, { names: true });
    const text = readable([{ text: reply.text, attachments: [{ content: reply.card }] }]);
    expect(text).toMatch(/Status för utskick av avvikelser/);
    expect(text).toMatch(/ny version av SoN delårsrapport per 31 mars 2024, \d+ mottagare/);
    expect(text).toMatch(/Levererade: \d+/);
    expect(text).toMatch(/blockerat \(403\)/);
  });
});
