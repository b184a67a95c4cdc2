/**
 * The parts of collection a controller or manager meets in words: reading a
 * round request, reading figures written in chat, checking values, the
 * reminder times, the responsibility file, and finding people in Graph at a
 * pace Graph accepts.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkAnswer, farFromPrevious } from '../services/collection/answer-rules.js';
import { GraphDirectory } from '../services/collection/graph-directory.js';
import type { ItemMeta } from '../services/collection/item-facts.js';
import { PeopleResolver } from '../services/collection/people.js';
import { collectionSettings } from '../services/collection/collection-config.js';
import { reminderHandlers, reminderPlan, resumeInterruptedRuns, snooze } from '../services/collection/reminders.js';
import { roundById } from '../services/collection/round-store.js';
import { startRound } from '../services/collection/round-lifecycle.js';
import { addDays, stockholmDate } from '../services/collection/swedish-dates.js';
import { loadConfig } from '../services/config.js';
import { ConversationStore } from '../services/conversation/conversation-store.js';
import { readReportText } from '../services/collection/report-text.js';
import { checkResponsibilities, listResponsibilities, readTable, replaceResponsibilities, ResponsibilityFileError, setResponsibility } from '../services/collection/responsibilities.js';
import { readRoundRequest } from '../services/collection/round-request.js';
import type { MessageSender } from '../services/proactive/message-sender.js';
import { readBoards } from '../services/reports/boards.js';
import { GraphStandIn } from './support/graph-stand-in.js';
import { startTestApp } from './support/test-app.js';
import { openTestStore, testStoreOptions, type TestStore } from './support/test-store.js';

const boards = [
  { id: 'son' as const, shortName: 'SoN', name: 'Social- och omsorgsnämnden', aliases: ['SoN', 'socialförvaltningen'] },
  { id: 'sn' as const, shortName: 'SN', name: 'Socialnämnden', aliases: ['SN'] },
  { id: 'leanlink' as const, shortName: 'Leanlink', name: 'Leanlink', aliases: [] },
];

describe('a round request', () => {
  const read = (text: string) => readRoundRequest(text, boards, '2025-06-10');

  it('reads board, period, kind and deadline, with the year of the deadline from the period', () => {
    expect(read('starta insamling för SoN delår augusti 2025, sista dag 5 september')).toEqual({
      ok: true,
      value: { board: 'son', period: '2025-08', kind: 'delårsrapport', label: 'delår augusti 2025', deadline: '2025-09-05', requiresApproval: false },
    });
    expect(read('starta insamling Leanlink helår 2025 senast 15 januari med godkännande')).toMatchObject({
      ok: true,
      value: { board: 'leanlink', period: '2025-12', kind: 'verksamhetsberättelse', label: 'helår 2025', deadline: '2026-01-15', requiresApproval: true },
    });
    expect(read('starta insamling för SN delår 1 2026, sista dag 2026-04-10')).toMatchObject({ ok: true, value: { period: '2026-03', deadline: '2026-04-10' } });
  });

  it('says what is missing or wrong, with an example', () => {
    expect(read('starta insamling för SoN')).toEqual({ ok: false, problem: expect.stringMatching(/Jag behöver veta vilken period .* Skriv till exempel: "starta insamling för SoN delår augusti 2025, sista dag 5 september"/) });
    expect(read('starta insamling delår augusti 2025 sista dag 5 september')).toEqual({ ok: false, problem: expect.stringMatching(/vilken nämnd \(SoN, SN, Leanlink\)/) });
    expect(read('starta insamling för SoN delår mars 2025, sista dag 5 april')).toEqual({ ok: false, problem: 'Sista dagen (lördag 5 april 2025) har redan passerat. Ange en dag efter i dag.' });
  });
});

const item = (over: Partial<ItemMeta> = {}): ItemMeta => ({
  key: 'sjukfranvaro', reportId: 'son-2024-03', kind: 'personal', name: 'Total sjukfrånvaro (%)', aliases: ['sjukfrånvaro', 'sjuktal'], unit: '%', valueKind: 'procent', gender: true,
  last: { at: '2024-03', label: 'Mars 2024', value: 8.2, men: 8.5, women: 8.1 }, ...over,
});
const heltid = item({ key: 'heltid', name: 'Andel heltidsanställningar, %', aliases: ['heltid'], gender: false, last: undefined });
const count = item({ key: 'placeringar', name: 'Antal placerade barn', aliases: ['placeringar'], unit: 'antal', valueKind: 'antal', gender: false, last: { at: '2024-03', label: 'Mars 2024', value: 120 } });

describe('figures written in chat', () => {
  const read = (text: string, items = [item(), heltid, count]) => {
    const r = readReportText(text, items, '2025-08');
    return r.kind === 'values' ? { answers: Object.fromEntries(r.answers), problems: r.problems } : r.kind;
  };

  it('places each value on the item it follows, with the gender split before or after the number', () => {
    expect(read('sjukfrånvaro 7,9 %, män 6,1, kvinnor 8,2')).toEqual({ answers: { sjukfranvaro: { value: '7,9', men: '6,1', women: '8,2' } }, problems: [] });
    expect(read('Sjukfrånvaron landade på 7.9 procent (6,1 för män och 8,2 för kvinnor)')).toEqual({ answers: { sjukfranvaro: { value: '7.9', men: '6,1', women: '8,2' } }, problems: [] });
    expect(read('heltid 81, placeringar 1 234 kommentar: fler i familjehem')).toEqual({ answers: { heltid: { value: '81' }, placeringar: { value: '1 234', comment: 'fler i familjehem' } }, problems: [] });
    expect(read('placeringar ej aktuellt')).toEqual({ answers: { placeringar: { na: true } }, problems: [] });
    expect(read('7,9', [item()])).toEqual({ answers: { sjukfranvaro: { value: '7,9' } }, problems: [] });
  });

  it('does not guess when the figures come before the names', () => {
    expect(read('7,9 % sjukfrånvaro')).toEqual({ answers: { sjukfranvaro: { value: '7,9' } }, problems: [] });
    expect(readReportText('vi landade på 7,9 i sjukfrånvaro och 81 i heltid', [item(), heltid], '2025-08')).toEqual({ kind: 'unclear', problem: 'Jag ser inte säkert vilket värde som hör till vilken uppgift. Skriv namnet före värdet, t.ex. "sjukfrånvaro 7,9, heltid 81", eller fyll i kortet.' });
  });

  it('leaves questions and unplaceable numbers alone', () => {
    expect(read('hur hög är sjukfrånvaron?')).toBe('none');
    expect(read('vad var sjukfrånvaron 2024')).toBe('none');
    expect(read('7,9')).toBe('none');
    expect(read('budgeten är 12 mnkr')).toBe('none');
  });

  it('names what is wrong: another period, two values for one item', () => {
    expect(read('sjukfrånvaro juli 7,9')).toMatchObject({ problems: ['Insamlingen gäller augusti 2025 — du skrev juli. Rapportera värdet för augusti 2025.'] });
    expect(read('sjukfrånvaro 2024 7,9')).toMatchObject({ problems: ['Insamlingen gäller augusti 2025 — du skrev 2024. Rapportera värdet för augusti 2025.'] });
    expect(read('heltid 80 85')).toMatchObject({ problems: [expect.stringMatching(/flera värden för Andel heltidsanställningar, % \(80, 85\)/)] });
    expect(read('heltid 80, män 79')).toMatchObject({ problems: ['Andel heltidsanställningar, % rapporteras inte uppdelat på män och kvinnor — skriv bara totalen.'] });
  });
});

describe('checking a value', () => {
  it('accepts Swedish and English decimals and refuses what the item cannot be, saying why', () => {
    expect(checkAnswer(item(), { value: '7,9', men: '6.1', women: 8.2 })).toEqual({ status: 'ok', answer: { key: 'sjukfranvaro', notApplicable: false, value: 7.9, men: 6.1, women: 8.2 } });
    expect(checkAnswer(item(), { value: '107' })).toEqual({ status: 'invalid', errors: { value: 'Totalt: en andel ska vara mellan 0 och 100 %.' } });
    expect(checkAnswer(item(), { value: 'sju' })).toEqual({ status: 'invalid', errors: { value: 'Totalt: "sju" är inte ett tal. Skriv till exempel 7,9.' } });
    expect(checkAnswer(item(), { men: '5' })).toEqual({ status: 'invalid', errors: { value: 'Fyll i totalen också, inte bara män och kvinnor.' } });
    expect(checkAnswer(item(), { value: '7', na: 'true' })).toEqual({ status: 'invalid', errors: { na: 'Du har både skrivit ett värde och markerat Ej aktuellt — välj ett av dem.' } });
    expect(checkAnswer(count, { value: '12,5' })).toEqual({ status: 'invalid', errors: { value: 'Värdet: ett antal skrivs som ett heltal, utan decimaler.' } });
    expect(checkAnswer(count, { value: '1.200' })).toEqual({ status: 'invalid', errors: { value: 'Värdet: 1.200 läses som 1,2 — skriv tusental utan punkt (1200 eller 1 200).' } });
    expect(checkAnswer(count, { value: '-3' })).toEqual({ status: 'invalid', errors: { value: 'Värdet: antalet kan inte vara negativt.' } });
    expect(checkAnswer(count, { value: '1 200' })).toMatchObject({ status: 'ok', answer: { value: 1200 } });
    expect(checkAnswer(count, { na: true, comment: 'Enheten är stängd' })).toEqual({ status: 'ok', answer: { key: 'placeringar', notApplicable: true, comment: 'Enheten är stängd' } });
    expect(checkAnswer(count, {})).toEqual({ status: 'empty' });
  });

  it('asks for confirmation only beyond the configured distance from the previous value', () => {
    const answer = (value: number) => ({ key: 'placeringar', notApplicable: false, value });
    expect(farFromPrevious(count, answer(170), 50)).toEqual([]);
    expect(farFromPrevious(count, answer(190), 50)).toEqual(['Antal placerade barn: 190 är 58 % högre än förra värdet (120, Mars 2024).']);
    expect(farFromPrevious(count, answer(190), 60)).toEqual([]);
  });
});

describe('reminder times', () => {
  const s = { reminderDays: [7, 2, -1], escalationDays: 2, reminderHour: 9 };
  const local = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' }).format(d);

  it('fall on working days at the reminder hour in Stockholm, summer time or not, and only ahead', () => {
    // deadline Friday 5 September 2025: the 7-day reminder's Friday stays, 2 days before is Wednesday, the day after (Saturday) moves to Monday
    const plan = reminderPlan({ id: 'son-2025-08', deadline: '2025-09-05' }, s, new Date('2025-08-01T00:00:00Z'));
    expect(plan.map((p) => [p.key, local(p.at)])).toEqual([
      ['insamling:son-2025-08:påminnelse:7', '2025-08-29 09:00'],
      ['insamling:son-2025-08:påminnelse:2', '2025-09-03 09:00'],
      ['insamling:son-2025-08:påminnelse:-1', '2025-09-08 09:00'],
      ['insamling:son-2025-08:eskalering', '2025-09-08 09:00'],
    ]);
    expect(local(reminderPlan({ id: 'x', deadline: '2026-01-15' }, s, new Date('2026-01-01T00:00:00Z'))[0]!.at)).toBe('2026-01-08 09:00');
    expect(reminderPlan({ id: 'son-2025-08', deadline: '2025-09-05' }, s, new Date('2025-09-04T00:00:00Z')).map((p) => p.key)).toEqual(['insamling:son-2025-08:påminnelse:-1', 'insamling:son-2025-08:eskalering']);
  });
});

describe('the responsibility file and the people in it', () => {
  let store: TestStore;
  let dir: string;
  let graph: GraphStandIn;
  beforeAll(async () => {
    store = await openTestStore();
    dir = await mkdtemp(path.join(tmpdir(), 'ansvar-'));
    graph = await new GraphStandIn().start();
  });
  afterAll(async () => {
    await graph.stop();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  const all = async () => (await readBoards()).boards;

  it('reads a CSV file and names every problem by row; nothing is stored when there is one', async () => {
    const file = path.join(dir, 'ansvar.csv');
    await writeFile(file, ['Nämnd;Indikator;Ansvarig;Namn', 'SoN;heltid;anna.a@linkoping.se;Anna A', 'SoN;sjukfrånvaro;inte-en-adress;', 'KFN;heltid;b@linkoping.se;', 'SoN;heltid;c@linkoping.se;', 'SoN;finns inte alls;d@linkoping.se;'].join('\n'));
    const error = await checkResponsibilities(store.db, await readTable(file), await all()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponsibilityFileError);
    expect((error as ResponsibilityFileError).problems).toEqual([
      'rad 3: ansvarig "inte-en-adress" är inte en e-postadress',
      'rad 4: okänd nämnd "KFN" (SoN, SN, Leanlink)',
      'rad 5: SoN heltid har redan en ansvarig på rad 2',
      'rad 6: hittar ingen indikator "finns inte alls" — skriv nyckeln eller namnet som i rapporten',
    ]);
    expect(await listResponsibilities(store.db)).toEqual([]);
  });

  it('reads an Excel file and replaces the list of the boards it names', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ansvar');
    ws.addRows([['nämnd', 'indikator', 'ansvarig', 'namn', 'objekt-id'], ['SoN', 'Andel heltidsanställningar, %', 'Anna.A@linkoping.se', 'Anna A', ''], ['SN', 'orosanmälningar', 'bo.b@linkoping.se', '', '0000aaaa-0000-4000-8000-000000000001']]);
    const file = path.join(dir, 'ansvar.xlsx');
    await wb.xlsx.writeFile(file);
    const rows = await checkResponsibilities(store.db, await readTable(file), await all());
    expect(rows).toEqual([
      { board: 'son', itemKey: 'heltid', upn: 'anna.a@linkoping.se', displayName: 'Anna A', aadObjectId: undefined },
      { board: 'sn', itemKey: 'anmalningar-barn-som-far-illa', upn: 'bo.b@linkoping.se', displayName: undefined, aadObjectId: '0000aaaa-0000-4000-8000-000000000001' },
    ]);
    await store.db.transaction((tx) => replaceResponsibilities(tx, rows, 'test'));
    expect((await listResponsibilities(store.db)).map((r) => [r.board_id, r.item_key, r.upn, r.state])).toEqual([
      ['sn', 'anmalningar-barn-som-far-illa', 'bo.b@linkoping.se', 'ny'],
      ['son', 'heltid', 'anna.a@linkoping.se', 'ny'],
    ]);
  });

  it('finds people in Graph at no more than 30 requests a second, installs the app, and says who cannot be found', async () => {
    const people = Array.from({ length: 45 }, (_, i) => `person${i}@linkoping.se`);
    for (const [i, upn] of people.entries()) if (i !== 7) graph.users.set(upn, { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Person ${i}` });
    await store.db.query('delete from collection_responsibility');
    await store.db.query('delete from collection_person');
    await store.db.query(`insert into collection_person (upn) select unnest($1::text[])`, [people]);
    // the organisation's Bot Connector address, known from someone who has written to the bot
    await store.db.query(`insert into conversation (id, conversation_type, tenant_id, reference) values ('a:ctrl', 'personal', 't1', $1)`, [JSON.stringify({ serviceUrl: 'https://smba.example/', conversation: { id: 'a:ctrl' } })]);
    const opened: string[] = [];
    const sender: MessageSender = {
      send: async () => ({ ok: true }),
      update: async () => ({ ok: true }),
      openPersonal: async ({ userId }) => (opened.push(userId), { ok: true, conversationId: `a:${userId}` }),
    };
    const directory = new GraphDirectory(store.db, { tokenUrl: `${graph.url}/token`, clientId: 'graph-client', clientSecret: 'graph-secret', baseUrl: graph.url, teamsAppId: 'katalog-app-id', perSecond: 30 });
    const result = await new PeopleResolver(store.db, directory, sender).resolvePending();
    expect(result).toEqual({ resolved: 44, failed: 1, retryLater: false });

    const times = graph.requests.filter((r) => r.path.startsWith('/v1.0/')).map((r) => r.at).sort((a, b) => a - b);
    expect(times).toHaveLength(44 + 45);
    expect(Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length))).toBeLessThanOrEqual(30);
    expect(opened).toHaveLength(44);
    const [missing] = await store.db.query<{ state: string; error: string }>('select state, error from collection_person where upn = $1', [people[7]]);
    expect(missing).toEqual({ state: 'fel', error: 'finns inte i organisationens katalog' });
  });
});

/** A round for SoN ten days from now, with one manager reachable in Teams; its first reminder run. */
async function roundWithOneManager(store: TestStore) {
  const settings = collectionSettings(loadConfig({ PGLITE_DIR: 'memory://' }));
  const aad = '00000000-0000-4000-8000-00000000beef';
  await new ConversationStore(store.db).remember({ id: 'a:chef', type: 'personal', userAadId: aad, reference: { serviceUrl: 'https://smba.example/', conversation: { id: 'a:chef' }, user: { id: '29:chef' } } });
  await store.db.transaction((tx) => setResponsibility(tx, { board: 'son', itemKey: 'heltid', upn: 'chef@linkoping.se', aadObjectId: aad }, 'test'));
  const deadline = addDays(stockholmDate(new Date()), 10);
  const started = await startRound(store.db, { board: 'son', period: '2026-08', kind: 'delårsrapport', label: 'delår augusti 2026', deadline, requiresApproval: false }, {}, settings);
  expect(started.ok).toBe(true);
  return { settings, first: reminderPlan({ id: 'son-2026-08', deadline }, settings, new Date())[0]! };
}

describe('a reminder run cut short by a killed process', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('is run again on start, queueing what it had not, and nothing twice', async () => {
    const { settings, first } = await roundWithOneManager(store);
    // the job was claimed, then the process died before the reminders were queued
    await store.db.query('update scheduled_job set next_run_at = null, last_run_at = $2 where key = $1', [first.key, first.at.toISOString()]);
    const reminders = () => store.db.query<{ dedupe_key: string }>(`select dedupe_key from outbox where purpose = 'påminnelse'`);
    expect(await reminders()).toEqual([]);

    const handlers = reminderHandlers(store.db, settings, () => {});
    const after = new Date(first.at.getTime() + 60_000);
    expect(await resumeInterruptedRuns(store.db, settings, handlers, after)).toBe(1);
    expect(await reminders()).toEqual([{ dedupe_key: `insamling:son-2026-08:chef@linkoping.se:påminnelse:${first.at.toISOString()}` }]);
    await resumeInterruptedRuns(store.db, settings, handlers, after);
    expect(await reminders()).toHaveLength(1);
  });
});

describe('a snooze that ends when a round reminder is due', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openTestStore();
  });
  afterAll(() => store.close());

  it('brings one reminder, the one the manager asked for', async () => {
    const { settings, first } = await roundWithOneManager(store);
    // "påminn mig i morgon" the afternoon before the round's first reminder (a Friday's snooze ends Monday morning)
    const round = (await roundById(store.db, 'son-2026-08'))!;
    expect(await snooze(store.db, round, 'chef@linkoping.se', new Date(first.at.getTime() - 18 * 3_600_000), settings)).toEqual(first.at);

    const handlers = reminderHandlers(store.db, settings, () => {});
    await handlers.reminder({ key: first.key, kind: first.kind, payload: first.payload, dueAt: first.at });
    await handlers.snooze({ key: 'insamling:son-2026-08:chef@linkoping.se:snooze', kind: 'insamling-snooze', payload: { round: 'son-2026-08', manager: 'chef@linkoping.se' }, dueAt: first.at });
    const sent = await store.db.query<{ activity: unknown }>(`select activity from outbox where purpose = 'påminnelse'`);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.activity)).toMatch(/Du bad om en påminnelse i dag/);
  });
});

describe('people a stopped process was still looking up', () => {
  it('are looked up after the restart', async () => {
    const graph = await new GraphStandIn(new Map([['ny.chef@linkoping.se', { id: '00000000-0000-4000-8000-0000000000c1', displayName: 'Ny Chef' }]])).start();
    const dir = await mkdtemp(path.join(tmpdir(), 'omstart-'));
    const options = testStoreOptions();
    const env = { PGLITE_DIR: dir, ALERTS_WATCH_MS: '0', ...graph.env() };
    const first = await startTestApp(env, options);
    // someone has written to the bot: the organisation's Bot Connector address is known
    await first.teams.say('hej', { userId: 'ctrl' });
    // the process claimed the person for a lookup, then stopped before it was done
    await first.app.db.query(`insert into collection_person (upn, state, claimed_until) values ('ny.chef@linkoping.se', 'söker', now() - interval '1 second')`);
    await first.app.close(); // its Bot Connector stand-in stays: Teams does not go away with the bot

    const second = await startTestApp(env, { ...options, pgliteSnapshot: undefined }); // the same store, as it was left
    try {
      // the started process's own scheduler loop may claim the job before this tick does: wait for whichever runs it
      await vi.waitFor(
        async () => {
          await second.app.services.scheduler.tick(new Date(Date.now() + 1000));
          const [person] = await second.app.db.query<{ state: string; aad_object_id: string }>(`select state, aad_object_id from collection_person where upn = 'ny.chef@linkoping.se'`);
          expect(person).toEqual({ state: 'klar', aad_object_id: '00000000-0000-4000-8000-0000000000c1' });
        },
        { timeout: 10_000, interval: 100 },
      );
      expect(graph.installed.has('00000000-0000-4000-8000-0000000000c1')).toBe(true);
    } finally {
      await second.close();
      await first.connector.stop();
      await graph.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
