/**
 * Deviation alerts end to end, exactly as Teams calls the bot: install in a
 * channel, subscribe, a changed forecast lands in the store, the card
 * arrives once through the Bot Connector stand-in; its buttons update it in
 * place; unsubscribing stops it. No part of the bot is mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aadObjectId } from './support/connector-stand-in.js';
import { changeForecast } from './support/forecast-change.js';
import { cardOf, readable, startTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ CONTROLLERS: `${aadObjectId('controller')}, controller2@linkoping.se`, ALERTS_WATCH_MS: '100' });
});
afterAll(() => t.close());

const channel = { id: '19:ekonomi-avvikelser@thread.tacv2', conversationType: 'channel', tenantId: '11111111-1111-1111-1111-111111111111', isGroup: true };
const otherChannel = { ...channel, id: '19:verksamhet@thread.tacv2' };
const removedChannel = { ...channel, id: '19:nedlagd@thread.tacv2' };

/** The alert cards the bot posted to a conversation. */
const alertsIn = (conversationId: string) => t.connector.sent(conversationId).filter((a) => JSON.stringify(a).includes('"avvikelse-detaljer"'));
const alertKey = (activity: Record<string, unknown>) => (JSON.stringify(cardOf(activity)).match(/"alert":"([^"]+)"/) ?? [])[1]!;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

type InvokeBody = { statusCode: number; type: string; value: unknown };
const invokeText = (body: unknown) => {
  const b = body as InvokeBody;
  return typeof b.value === 'string' ? b.value : readable([{ attachments: [{ content: b.value }] }]);
};

describe('a controller subscribes a channel', () => {
  let key = '';

  it('installs in the channel and subscribes it', async () => {
    await t.teams.install(channel);
    // asked in a reply thread; the alerts go to the channel itself
    const thread = { ...channel, id: `${channel.id};messageid=1763900000000` };
    const { replies } = await t.teams.say('prenumerera på avvikelser för SoN', { conversation: thread, mention: true, userId: 'controller' });
    const text = readable(replies);
    expect(text).toMatch(/Klart: den här kanalen får avvikelser för SoN \(minst 1 mnkr eller 2 % av budget\) när en ny prognos eller ett nytt utfall ändrar siffrorna/);
    expect(cardOf(replies[0]!)).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('refuses, politely and without changing anything, someone who is not a controller', async () => {
    await t.teams.install(otherChannel);
    const { replies } = await t.teams.say('prenumerera på avvikelser för SoN', { conversation: otherChannel, mention: true, userId: 'ledare' });
    expect(readable(replies)).toMatch(/Bara controllers kan prenumerera på avvikelser för en kanal eller gruppchatt.*jag har inte ändrat något/);
    const list = await t.teams.say('mina prenumerationer', { conversation: otherChannel, mention: true, userId: 'ledare' });
    expect(readable(list.replies)).toMatch(/Den här kanalen prenumererar inte på några avvikelser/);
  });

  it('posts the alert card once when a changed forecast lands in the store — not to a channel the bot was removed from', async () => {
    await t.teams.install(removedChannel);
    await t.teams.say('prenumerera på avvikelser för SoN', { conversation: removedChannel, mention: true, userId: 'controller' });
    await t.teams.post(t.teams.activity('conversationUpdate', removedChannel, 'controller', { membersRemoved: [{ id: t.teams.botId }] }));

    await changeForecast(t.app.db, 'son-2024-03', 'prognos', { '569': 499.4 });
    await t.connector.waitFor(() => alertsIn(channel.id).length > 0, 10_000, 'avvikelsekortet');
    await settle(1000); // several more looks at the store and the outbox
    const alerts = alertsIn(channel.id);
    expect(alerts).toHaveLength(1);
    expect(alertsIn(removedChannel.id)).toHaveLength(0);
    expect(alertsIn(otherChannel.id)).toHaveLength(0);
    const text = readable(alerts);
    expect(text).toMatch(/SoN: en verksamhet över tröskeln/);
    expect(text).toMatch(/569 Barn och ungdomsvård\n\u221210,0 mnkr/);
    expect(text).toMatch(/Förra prognosen: 0,0 → nu \u221210,0 mnkr/);
    expect(text).toMatch(/Rapporten: "/);
    expect(text).toMatch(/Källa: SoN delårsrapport per 31 mars 2024/);
    key = alertKey(alerts[0]!);
    expect(key).toMatch(/^avvikelse:\d+:son-2024-03:[0-9a-f]{16}$/);
  });

  it('"Detaljer" and "Varför?" replace the card in place; nothing new is posted', async () => {
    const posted = t.connector.sent(channel.id).length;
    const details = await t.teams.execute('avvikelse-detaljer', { alert: key }, { conversation: channel, userId: 'ledare' });
    expect(details.status).toBe(200);
    expect((details.body as InvokeBody).type).toBe('application/vnd.microsoft.card.adaptive');
    const d = invokeText(details.body);
    expect(d).toMatch(/Detaljer: avvikelser SoN/);
    expect(d).toMatch(/▲ 569 Barn och ungdomsvård\n499,4\n489,4\n\u221210,0\n0,0/);
    expect(d).toMatch(/Verksamhetens nettokostnader\n1\u00a0810,9\n1\u00a0800,9\n\u221210,0/);

    const why = invokeText((await t.teams.execute('avvikelse-varför', { alert: key }, { conversation: channel })).body);
    expect(why).toMatch(/Varför\? Avvikelserna i SoN/);
    expect(why).toMatch(/569 Barn och ungdomsvård — underskott 10,0 mnkr/);

    const back = invokeText((await t.teams.execute('avvikelse-sammanfattning', { alert: key }, { conversation: channel })).body);
    expect(back).toMatch(/SoN: en verksamhet över tröskeln/);
    await settle(200);
    expect(t.connector.sent(channel.id)).toHaveLength(posted);
  });

  it('"Sluta prenumerera" in the card: refused for a non-controller, done for a controller, and no more alerts come', async () => {
    const subscription = Number(key.split(':')[1]);
    const refused = await t.teams.execute('avvikelse-sluta', { alert: key, subscription }, { conversation: channel, userId: 'ledare' });
    expect(invokeText(refused.body)).toMatch(/Bara controllers/);
    const done = await t.teams.execute('avvikelse-sluta', { alert: key, subscription }, { conversation: channel, userId: 'controller' });
    const text = invokeText(done.body);
    expect(text).toMatch(/Prenumerationen är avslutad: inga fler avvikelser för SoN till den här kanalen/);
    expect(text).not.toMatch(/\[Sluta prenumerera\]/);

    await changeForecast(t.app.db, 'son-2024-03', 'prognos', { '569': 509.4 });
    await settle(1500);
    expect(alertsIn(channel.id)).toHaveLength(1);
  });
});

describe('anyone manages their own 1:1', () => {
  it('subscribes with a threshold and a monthly digest, changes it, lists it, gets the alert and stops it', async () => {
    const sub = readable((await t.teams.say('prenumerera på avvikelser för Leanlink över 5 mnkr varje månad den 5:e kl 8', { userId: 'ledare' })).replies);
    expect(sub).toMatch(/Klart: din chatt med mig får avvikelser för Leanlink \(minst 5 mnkr\) .*och en sammanfattning varje månad den 5:e kl\. 08\.00 \(nästa: 5 \p{L}+ \d{4} kl\. 08:00\)/u);

    const changed = readable((await t.teams.say('ändra prenumerationen till 3 %', { userId: 'ledare' })).replies);
    expect(changed).toMatch(/Ändrat: din chatt med mig får avvikelser för Leanlink \(minst 3 % av budget\).*varje månad den 5:e/);

    const list = readable((await t.teams.say('mina prenumerationer', { userId: 'ledare' })).replies);
    expect(list).toMatch(/Din chatt med mig prenumererar på avvikelser för Leanlink/);
    expect(list).toMatch(/Tröskel: minst 3 % av budget/);

    await changeForecast(t.app.db, 'leanlink-2023-08', 'prognos', { 'rad-och-stod': -282062 });
    const personal = t.teams.personal('ledare').id;
    await t.connector.waitFor(() => alertsIn(personal).length > 0, 10_000, 'avvikelsekortet i 1:1');
    expect(readable(alertsIn(personal))).toMatch(/Råd och Stöd\n\u221219,6 mnkr[\s\S]*Förra prognosen: \u221212,8 → nu \u221219,6 mnkr/);

    const stop = readable((await t.teams.say('sluta prenumerera', { userId: 'ledare' })).replies);
    expect(stop).toMatch(/Klart: din chatt med mig får inga fler avvikelser för Leanlink/);
    expect(readable((await t.teams.say('mina prenumerationer', { userId: 'ledare' })).replies)).toMatch(/prenumererar inte på några avvikelser/);
  });

  it('subscribes with the form card; bad input gets a Swedish message and saves nothing', async () => {
    const form = (await t.teams.say('prenumerera på avvikelser', { userId: 'ledare-2' })).replies;
    expect(JSON.stringify(cardOf(form[0]!))).toMatch(/"Input.ChoiceSet".*"id":"board"/);
    const bad = await t.teams.execute('avvikelse-spara', { board: 'son', belopp: 'tio', procent: '', schema: '' }, { userId: 'ledare-2' });
    expect(invokeText(bad.body)).toMatch(/"tio" är inget belopp i mnkr.*Inget har sparats/);
    expect(readable((await t.teams.say('mina prenumerationer', { userId: 'ledare-2' })).replies)).toMatch(/prenumererar inte/);
    const good = await t.teams.execute('avvikelse-spara', { board: 'son', belopp: '2', procent: '', schema: 'varje måndag kl 7' }, { userId: 'ledare-2' });
    const text = invokeText(good.body);
    expect(text).toMatch(/Prenumeration på avvikelser: SoN/);
    expect(text).toMatch(/Tröskel: minst 2 mnkr/);
    expect(text).toMatch(/varje måndag kl\. 07\.00/);
  });
});

describe('status utskick', () => {
  it('shows controllers the latest alerts and their delivery states', async () => {
    const { replies } = await t.teams.say('status utskick', { userId: 'controller' });
    const text = readable(replies);
    expect(text).toMatch(/Status för utskick av avvikelser/);
    expect(text).toMatch(/ny version av Leanlink delårsrapport per 31 augusti 2023, 1 mottagare/);
    expect(text).toMatch(/ny version av SoN delårsrapport per 31 mars 2024, 1 mottagare\nLevererade: 1/);
    expect(text).toMatch(/levererat/);
  });

  it('is for controllers only', async () => {
    expect(readable((await t.teams.say('status utskick', { userId: 'ledare' })).replies)).toMatch(/bara för controllers/);
  });
});
