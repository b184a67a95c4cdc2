/**
 * Indicator collection end to end, through /api/messages exactly as Teams
 * calls the bot, with local stand-ins for the Bot Connector and for Graph: a
 * controller keeps the responsibility list and starts a round for three
 * managers; one answers on the card, one in chat, one not at all; invalid
 * values are refused with the message; only the third is reminded; the
 * status, the export and — after closing — a leader's question show the
 * reported values.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, monthName, stockholmDate } from '../services/collection/swedish-dates.js';
import { aadObjectId } from './support/connector-stand-in.js';
import { GraphStandIn } from './support/graph-stand-in.js';
import { cardOf, readable, startTestApp, type TestApp } from './support/test-app.js';

const people = {
  m1: { upn: 'maria.ett@linkoping.se', name: 'Maria Ett' },
  m2: { upn: 'mats.tva@linkoping.se', name: 'Mats Två' },
  m3: { upn: 'mona.tre@linkoping.se', name: 'Mona Tre' },
  s1: { upn: 'sara.ersattare@linkoping.se', name: 'Sara Ersättare' },
};
type Who = keyof typeof people;

let t: TestApp;
let graph: GraphStandIn;

beforeAll(async () => {
  graph = await new GraphStandIn(new Map(Object.entries(people).map(([id, p]) => [p.upn, { id: aadObjectId(id), displayName: p.name }]))).start();
  t = await startTestApp({ CONTROLLERS: aadObjectId('ctrl'), ...graph.env() });
  // the controller and the first manager have used the bot before; the others have never opened it
  await t.teams.say('hej', { userId: 'ctrl' });
  await t.teams.say('hej', { userId: 'm1' });
});
afterAll(async () => {
  await t?.close();
  await graph?.stop();
});

/** Where the bot writes to someone: the 1:1 it opened itself after installing the app, until they write from their own. */
const conversationOf = (who: Who) => (who === 'm1' ? 'a:personal-m1' : `a:personal-${aadObjectId(who)}`);
/** The cards collection sent someone (not the bot's answers to what they wrote), in either chat. */
const cardsTo = (who: Who) =>
  t.connector.received
    .filter((r) => r.method === 'POST' && (r.conversationId === conversationOf(who) || r.conversationId === `a:personal-${who}`) && /^(Dags att rapportera|Påminnelse:)/.test(String(r.body.text)))
    .map((r) => r.body);
const waitFor = (pred: () => boolean | Promise<boolean>, what: string, ms = 15_000) =>
  (async () => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await pred()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`väntade på ${what}`);
  })();

type Card = { actions?: Array<{ type: string; title: string; data?: Record<string, unknown>; verb?: string; url?: string }>; body?: unknown[] };
const submitOf = (card: Card) => card.actions!.find((a) => a.verb === 'insamling-skicka')!.data!;
const elements = (node: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> => {
  if (Array.isArray(node)) node.forEach((n) => elements(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Record<string, unknown>);
    Object.values(node).forEach((v) => elements(v, out));
  }
  return out;
};
const invokeCard = (r: { body: unknown }) => (r.body as { value: Card }).value;
const invokeText = (r: { body: unknown }) => (r.body as { value: unknown }).value;
const values = () => t.app.db.query<{ item_key: string; value: string; men: string | null; women: string | null; via: string; by_name: string }>('select item_key, value::text, men::text, women::text, via, by_name from collection_value order by item_key');

const deadline = addDays(stockholmDate(new Date()), 10);
const [dy, dm, dd] = deadline.split('-').map(Number) as [number, number, number];
const START = `starta insamling för SoN delår augusti 2026, sista dag ${dd} ${monthName(dm)} ${dy}`;
const ROUND = 'son-2026-08';

describe('the responsibility list', () => {
  it('is kept by controllers in chat; people are found in Graph and the app installed for those who lack it', async () => {
    const refused = await t.teams.say(`ansvar heltid SoN: ${people.m1.upn}`, { userId: 'other' });
    expect(readable(refused.replies)).toMatch(/Det är controllers som/);

    for (const [item, who] of [['heltid', 'm1'], ['sjukfrånvaro', 'm2'], ['personalavgångar', 'm3']] as const) {
      const { replies } = await t.teams.say(`ansvar ${item} SoN: ${people[who].upn}`, { userId: 'ctrl' });
      expect(readable(replies)).toMatch(new RegExp(`${people[who].upn} svarar nu för`));
    }
    await waitFor(async () => (await t.app.db.query(`select 1 from collection_person where state = 'klar'`)).length === 3, 'att personerna hittas');
    expect(graph.calls('GET', '/v1.0/users/').map((r) => r.path).sort()).toEqual([people.m1.upn, people.m2.upn, people.m3.upn].map((u) => `/v1.0/users/${u}`).sort());
    // Maria already has a chat with the bot: no installation for her
    expect(graph.calls('POST', '/v1.0/users/').map((r) => r.path).sort()).toEqual([aadObjectId('m2'), aadObjectId('m3')].map((id) => `/v1.0/users/${id}/teamwork/installedApps`).sort());

    const list = readable((await t.teams.say('visa ansvar SoN', { userId: 'ctrl' })).replies);
    expect(list).toMatch(/Ansvarslistan har 3 uppgifter/);
    expect(list).toContain('Mona Tre');
  });
});

describe('a reporting round', () => {
  it('is started by a controller only; each manager gets one card with their items', async () => {
    expect(readable((await t.teams.say(START, { userId: 'm1' })).replies)).toMatch(/Det är controllers som/);
    const { replies } = await t.teams.say(START, { userId: 'ctrl' });
    expect(readable(replies)).toMatch(/Insamlingen för SoN delår augusti 2026 är startad: 3 chefer, 3 uppgifter/);
    await waitFor(() => (['m1', 'm2', 'm3'] as const).every((w) => cardsTo(w).length === 1), 'korten');

    const card = cardOf(cardsTo('m1')[0]!) as Card;
    const text = readable([cardsTo('m1')[0]!]);
    expect(text).toContain('Andel heltidsanställningar, %');
    expect(text).toMatch(/Senast rapporterat: 79,5 %, Mars 2024 \(män 79,8 %, kvinnor 79,4 %\)/);
    const inputs = elements(card.body).filter((e) => typeof e.type === 'string' && (e.type as string).startsWith('Input.'));
    expect(inputs.find((i) => i.id === 'heltid.v')).toMatchObject({ type: 'Input.Number', min: 0, max: 100 });
    expect(inputs.map((i) => i.id)).toEqual(['heltid.v', 'heltid.m', 'heltid.k', 'heltid.na', 'heltid.c']);
    expect(card.actions!.map((a) => a.title)).toEqual(['Skicka', 'Påminn mig i morgon', 'Ange ersättare']);
    expect(readable([cardsTo('m2')[0]!])).toContain('Total sjukfrånvaro (%)');

    const again = await t.teams.say(START, { userId: 'ctrl' });
    expect(readable(again.replies)).toMatch(/finns redan/);
    await new Promise((r) => setTimeout(r, 300));
    expect((['m1', 'm2', 'm3'] as const).map((w) => cardsTo(w).length)).toEqual([1, 1, 1]);
  });

  it('refuses invalid values with the message next to the field, and asks before storing one far from the previous', async () => {
    const data = submitOf(cardOf(cardsTo('m1')[0]!) as Card);
    const invalid = invokeCard(await t.teams.execute('insamling-skicka', { ...data, 'heltid.v': '107', 'heltid.m': '', 'heltid.k': '', 'heltid.na': 'false', 'heltid.c': '' }, { userId: 'm1' }));
    const blocks = elements(invalid.body);
    const error = blocks.findIndex((b) => b.text === 'Totalt: en andel ska vara mellan 0 och 100 %.');
    expect(error).toBeGreaterThan(-1);
    expect(blocks[error]!.color).toBe('Attention');
    expect(blocks[error - 1]).toMatchObject({ id: 'heltid.v' }); // right under the field
    expect(await values()).toEqual([]);

    const far = invokeCard(await t.teams.execute('insamling-skicka', { ...data, 'heltid.v': '30', 'heltid.na': 'false' }, { userId: 'm1' }));
    expect(readable([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: far }] }])).toMatch(/30 % är 62 % lägre än förra värdet \(79,5 %, Mars 2024\)\. Stämmer det\?/);
    expect(submitOf(far)).toMatchObject({ confirm: true });
    expect(await values()).toEqual([]);
  });

  it('stores a valid card once, commits it before the receipt, and keeps the history', async () => {
    const data = { ...submitOf(cardOf(cardsTo('m1')[0]!) as Card), 'heltid.v': '80.5', 'heltid.m': '79', 'heltid.k': '81,2', 'heltid.na': 'false', 'heltid.c': 'Fler heltider i hemtjänsten' };
    const receipt = await t.teams.execute('insamling-skicka', data, { userId: 'm1' });
    // the receipt is only shown after the value is in the store
    expect(await values()).toEqual([{ item_key: 'heltid', value: '80.5', men: '79', women: '81.2', via: 'kort', by_name: 'Test Användare' }]);
    const text = readable([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: invokeCard(receipt) }] }]);
    expect(text).toMatch(/Tack! Allt är inrapporterat för SoN delår augusti 2026/);
    expect(text).toContain('Andel heltidsanställningar, %: 80,5 % (män 79 %, kvinnor 81,2 %) — ”Fler heltider i hemtjänsten”');
    expect(text).toMatch(/\[Ändra\]/);

    const twice = await t.teams.execute('insamling-skicka', data, { userId: 'm1' });
    expect(readable([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: invokeCard(twice) }] }])).toMatch(/Redan sparat — inget ändrades/);
    const history = await t.app.db.query<{ old: unknown; new: { value: number }; via: string }>('select old, new, via from collection_audit where item_key = $1', ['heltid']);
    expect(history).toEqual([{ old: null, new: expect.objectContaining({ value: 80.5, men: 79, women: 81.2 }), via: 'kort' }]);
  });

  it('refuses someone else politely and changes nothing', async () => {
    const data = { ...submitOf(cardOf(cardsTo('m1')[0]!) as Card), 'heltid.v': '60', 'heltid.na': 'false' };
    const r = await t.teams.execute('insamling-skicka', data, { userId: 'other' });
    expect(invokeText(r)).toMatch(/Bara den ansvariga, ersättaren eller en controller kan rapportera dem — inget har ändrats/);
    expect((await values()).map((v) => v.value)).toEqual(['80.5']);
  });

  it('takes figures written in chat, refusing an invalid one with the reason', async () => {
    const bad = await t.teams.say('sjukfrånvaro 7,9 %, män 6,1, kvinnor 182', { userId: 'm2' });
    expect(readable(bad.replies)).toMatch(/Kvinnor: en andel ska vara mellan 0 och 100 %/);
    expect(await values()).toHaveLength(1);

    const good = await t.teams.say('sjukfrånvaro 7,9 %, män 6,1, kvinnor 8,2', { userId: 'm2' });
    expect(readable(good.replies)).toMatch(/Sparat för SoN delår augusti 2026 — Total sjukfrånvaro \(%\): 7,9 % \(män 6,1 %, kvinnor 8,2 %\)/);
    expect((await values()).find((v) => v.item_key === 'sjukfranvaro')).toMatchObject({ value: '7.9', men: '6.1', women: '8.2', via: 'chatt' });
    // the card in the chat turns into the receipt as well
    const updated = t.connector.received.filter((r) => r.method === 'PUT' && r.conversationId === conversationOf('m2'));
    expect(updated).toHaveLength(1);
    expect(readable([updated[0]!.body])).toMatch(/Tack! Allt är inrapporterat/);
  });

  it('reminds only the one who has not reported, at working hours', async () => {
    const [first] = await t.app.db.query<{ next_run_at: Date | string }>(`select next_run_at from scheduled_job where key like 'insamling:${ROUND}:påminnelse:%' order by next_run_at limit 1`);
    const at = new Date(first!.next_run_at);
    expect(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(at)).toBe('09:00');
    expect(await t.app.services.scheduler.tick(new Date(at.getTime() + 1000))).toBeGreaterThanOrEqual(1);
    await waitFor(() => cardsTo('m3').length === 2, 'påminnelsen');
    expect(String(cardsTo('m3')[1]!.text)).toMatch(/^Påminnelse: SoN delår augusti 2026/);
    expect(readable([cardsTo('m3')[1]!])).toMatch(/Saknas: Personalavgångar externt/);
    await new Promise((r) => setTimeout(r, 300));
    expect([cardsTo('m1').length, cardsTo('m2').length]).toEqual([1, 1]);
    // the same run again queues nothing new
    await t.app.services.scheduler.tick(new Date(at.getTime() + 1000));
    await new Promise((r) => setTimeout(r, 300));
    expect(cardsTo('m3')).toHaveLength(2);
  });

  it('shows the controller who has reported, who is missing, and who to chase', async () => {
    const { replies } = await t.teams.say('status insamling', { userId: 'ctrl' });
    const text = readable(replies);
    expect(text).toMatch(/SoN delår augusti 2026: 66 % klart \(2 av 3 uppgifter\), saknas hos 1 person/);
    expect(text).toMatch(/Andel heltidsanställningar, %\nMaria Ett\ninrapporterad: 80,5 %/);
    expect(text).toMatch(/Personalavgångar externt\nMona Tre\nsaknas/);
    expect(text).toMatch(/Att jaga: Mona Tre \(1 saknas\)/);
    expect(text).toMatch(/\[Påminn Mona\]/);
    expect(readable((await t.teams.say('status insamling', { userId: 'm1' })).replies)).toMatch(/Det är controllers som/);
  });

  it('escalates to the controller after the deadline, with who is still missing', async () => {
    const [job] = await t.app.db.query<{ next_run_at: Date | string }>(`select next_run_at from scheduled_job where key = $1`, [`insamling:${ROUND}:eskalering`]);
    await t.app.services.scheduler.tick(new Date(new Date(job!.next_run_at).getTime() + 1000));
    await waitFor(() => t.connector.sent('a:personal-ctrl').some((a) => /^Eskalering:/.test(String(a.text))), 'eskaleringen');
    const escalation = t.connector.sent('a:personal-ctrl').find((a) => /^Eskalering:/.test(String(a.text)))!;
    expect(readable([escalation])).toMatch(/Att jaga: Mona Tre \(1 saknas\)/);
    // the reminders due before it went out too — to Mona only
    await waitFor(() => cardsTo('m3').length === 4, 'påminnelserna');
    expect([cardsTo('m1').length, cardsTo('m2').length]).toEqual([1, 1]);
  });

  it('exports the values to Excel and CSV behind signed, expiring links', async () => {
    const { replies } = await t.teams.say('exportera insamling', { userId: 'ctrl' });
    const card = cardOf(replies[0]!) as Card;
    const links = card.actions!.filter((a) => a.type === 'Action.OpenUrl').map((a) => new URL(a.url!));
    expect(links.map((l) => l.pathname.split('/').pop())).toEqual(['insamling-son-2026-08.xlsx', 'insamling-son-2026-08.csv']);
    const fetchLocal = (u: URL) => fetch(new URL(`${u.pathname}${u.search}`, t.url));

    const csv = await fetchLocal(links[1]!);
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^Nämnd;Period;Nyckel;Indikator;Enhet;Ansvarig;/);
    expect(lines.find((l) => l.includes(';heltid;'))).toMatch(/;inrapporterad;80,5;79;81,2;;nej;Fler heltider i hemtjänsten;Test Användare;/);
    expect(lines.find((l) => l.includes(';sjukfranvaro;'))).toMatch(/;inrapporterad;7,9;6,1;8,2;/);
    expect(lines.find((l) => l.includes(';personalavgangar;'))).toMatch(/;Mona Tre;mona\.tre@linkoping\.se;saknas;/);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await fetchLocal(links[0]!)).arrayBuffer());
    const sheet = wb.worksheets[0]!;
    const heltid = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(3).value === 'heltid')!;
    expect([heltid.getCell(9).value, heltid.getCell(10).value, heltid.getCell(11).value]).toEqual([80.5, 79, 81.2]);
    // the change history: who changed what, when, old → new, via card or chat
    const history = wb.getWorksheet('Historik')!;
    const changes = history.getRows(2, history.rowCount - 1)!.map((r) => [2, 4, 5, 6, 7].map((c) => r.getCell(c).value ?? null));
    expect(changes).toEqual([
      ['heltid', null, '80,5, män 79, kvinnor 81,2', 'Test Användare', 'kort'],
      ['sjukfranvaro', null, '7,9, män 6,1, kvinnor 8,2', 'Test Användare', 'chatt'],
    ]);

    const forged = new URL(links[1]!);
    forged.searchParams.set('exp', String(Number(forged.searchParams.get('exp')) + 3600));
    expect((await fetchLocal(forged)).status).toBe(403);
  });

  it('is locked when closed, and a question afterwards answers with the new value', async () => {
    const before = readable((await t.teams.say('hur hög är sjukfrånvaron?', { userId: 'leader' })).replies);
    expect(before).not.toMatch(/7,9 %/);

    const closed = readable((await t.teams.say('stäng insamling', { userId: 'ctrl' })).replies);
    expect(closed).toMatch(/är stängd och låst\. 2 indikatorer är inlästa i rapportlagret/);
    const late = invokeCard(await t.teams.execute('insamling-skicka', { ...submitOf(cardOf(cardsTo('m3')[0]!) as Card), 'personalavgangar.v': '3', 'personalavgangar.na': 'false' }, { userId: 'm3' }));
    expect(readable([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: late }] }])).toMatch(/Insamlingen är stängd — inget har ändrats/);
    expect(await values()).toHaveLength(2);

    const after = readable((await t.teams.say('hur hög är sjukfrånvaron?', { userId: 'leader' })).replies);
    expect(after).toMatch(/7,9 %/);
    expect(after).toMatch(/augusti 2026/i);
  });
});

describe('a round that asks for approval', () => {
  const SN_START = `starta insamling för SN delår augusti 2026, sista dag ${dd} ${monthName(dm)} ${dy}, med godkännande`;
  const snCards = (who: Who) => cardsTo(who).filter((a) => /SN delår augusti 2026/.test(String(a.text)));
  const execute = (who: Who | 'ctrl', verb: string, data: Record<string, unknown>) => t.teams.execute(verb, data, { userId: who });
  const action = (card: Card, verb: string) => card.actions!.find((a) => a.verb === verb)!.data!;
  const question = async () => readable((await t.teams.say('hur många orosanmälningar i SN?', { userId: 'leader' })).replies);

  it('sends the card, snoozes until the next working morning, and passes the card to an ersättare', async () => {
    expect(readable((await t.teams.say(`ansvar orosanmälningar SN: ${people.m3.upn}`, { userId: 'ctrl' })).replies)).toMatch(/svarar nu för anmalningar-barn-som-far-illa i SN/);
    expect(readable((await t.teams.say(SN_START, { userId: 'ctrl' })).replies)).toMatch(/läses in i rapportlagret när du har stängt och godkänt/);
    await waitFor(() => snCards('m3').length === 1, 'SN-kortet');
    const card = cardOf(snCards('m3')[0]!) as Card;

    const snoozed = invokeCard(await execute('m3', 'insamling-snooze', action(card, 'insamling-snooze')));
    expect(readable([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: snoozed }] }])).toMatch(/Jag påminner dig \d+ \w+ kl\. 09\.00/);
    const [job] = await t.app.db.query<{ next_run_at: Date | string }>(`select next_run_at from scheduled_job where key like 'insamling:sn-2026-08:%:snooze'`);
    await t.app.services.scheduler.tick(new Date(new Date(job!.next_run_at).getTime() + 1000));
    await waitFor(() => snCards('m3').length === 2, 'påminnelsen man bad om');
    expect(readable([snCards('m3')[1]!])).toMatch(/Du bad om en påminnelse i dag/);

    const named = invokeCard(await execute('m3', 'insamling-ersättare', { ...(card.actions!.find((a) => a.type === 'Action.ShowCard') as unknown as { card: Card }).card.actions![0]!.data!, ersattare: people.s1.upn }));
    expect(readable([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: named }] }])).toMatch(/sara\.ersattare@linkoping\.se är ersättare/);
    await waitFor(() => snCards('s1').length === 1, 'kortet till ersättaren');
    expect(String(snCards('s1')[0]!.text)).toMatch(/Du är ersättare för Mona Tre/);
  });

  it("takes the ersättare's answer, and a controller's correction in chat, with the history", async () => {
    const data = submitOf(cardOf(snCards('s1')[0]!) as Card);
    const stored = invokeCard(await execute('s1', 'insamling-skicka', { ...data, 'anmalningar-barn-som-far-illa.v': '2512', 'anmalningar-barn-som-far-illa.na': 'false' }));
    expect(readable([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: stored }] }])).toMatch(/Anmälningar till socialtjänsten om barn som far illa: 2\s512/);
    expect(invokeText(await execute('m1', 'insamling-skicka', { ...data, 'anmalningar-barn-som-far-illa.v': '1' }))).toMatch(/inget har ändrats/);

    const corrected = readable((await t.teams.say('orosanmälningar 2 520', { userId: 'ctrl' })).replies);
    expect(corrected).toMatch(/Sparat för SN delår augusti 2026 — Anmälningar till socialtjänsten om barn som far illa: 2\s520/);
    const history = await t.app.db.query<{ old: { value: number }; new: { value: number }; via: string }>(`select old, new, via from collection_audit where round_id = 'sn-2026-08' order by id`);
    expect(history.map((h) => [h.old?.value ?? null, h.new.value, h.via])).toEqual([[null, 2512, 'kort'], [2512, 2520, 'chatt']]);
  });

  it('waits for approval after closing: only then does the store answer with the value', async () => {
    expect(readable((await t.teams.say('godkänn insamling', { userId: 'ctrl' })).replies)).toMatch(/ingen insamling att godkänna/);
    expect(readable((await t.teams.say('stäng insamling för SN', { userId: 'ctrl' })).replies)).toMatch(/stängd och låst\. Granska värdena/);
    expect(await question()).toMatch(/2\s490/);
    expect(await question()).not.toMatch(/2\s520/);
    expect(readable((await t.teams.say('godkänn insamling', { userId: 'ctrl' })).replies)).toMatch(/godkända och 1 indikator är inläst/);
    expect(await question()).toMatch(/2\s520/);
  });
});
