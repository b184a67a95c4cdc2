/**
 * The bot over HTTP exactly as Teams calls it: activities in, Bot Connector
 * calls out to a local stand-in. No part of the bot is mocked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardOf, readable, startTestApp, type TestApp } from './support/test-app.js';
import { testStoreOptions } from './support/test-store.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('questions in a 1:1 chat', () => {
  it('answers with the exact figure, an Adaptive Card 1.5 and the source', async () => {
    const { status, replies } = await t.teams.say('hur ser prognosen ut för Barn och unga?', { userId: 'leader-1' });
    expect(status).toBe(200);
    expect(replies).toHaveLength(1);
    const text = readable(replies);
    expect(text).toContain('489,4 mnkr');
    expect(text).toMatch(/Källa: SoN delårsrapport per 31 mars 2024/);
    expect(cardOf(replies[0]!)).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });

  it('formats numbers the Swedish way, with a minus sign for underskott', async () => {
    const { replies } = await t.teams.say('Hur stor är avvikelsen mot budget för BoU hittills i år?', { userId: 'leader-2' });
    expect(readable(replies)).toContain('\u22129,8 mnkr');
    expect(readable(replies)).toMatch(/underskott/);
  });

  it('follows up on the previous question of the same conversation', async () => {
    await t.teams.say('Prognos helår för missbruksvården?', { userId: 'leader-3' });
    const { replies } = await t.teams.say('och för LSS?', { userId: 'leader-3' });
    const text = readable(replies);
    expect(text).toContain('864,4 mnkr');
    expect(text).toMatch(/Prognos/);
    const compared = readable((await t.teams.say('jämfört med förra året?', { userId: 'leader-3' })).replies);
    expect(compared).toMatch(/863,6/); // bokslut 2023 for 513
  });

  it('asks back with buttons when a name fits several lines', async () => {
    const { replies } = await t.teams.say('Hur ser det ut för IFO?', { userId: 'leader-4' });
    const card = cardOf(replies[0]!) as { actions: Array<{ type: string; title: string; data: { ref: unknown } }> };
    expect(readable(replies)).toMatch(/Vilken menar du\?/);
    expect(card.actions.length).toBeGreaterThanOrEqual(2);
    expect(card.actions.every((a) => a.type === 'Action.Execute' && a.data.ref)).toBe(true);
  });

  it('says plainly when a board is not in the store, without borrowed figures', async () => {
    const { replies } = await t.teams.say('Vad är prognosen för Kultur- och fritidsnämnden 2024?', { userId: 'leader-5' });
    const text = readable(replies);
    expect(text).toMatch(/Jag har inga rapporter för Kultur- och fritidsnämnden/);
    expect(text).not.toMatch(/mnkr|tkr/);
  });
});

describe('group chats and channels', () => {
  it('stays quiet unless @mentioned, and strips the mention when it is', async () => {
    const chat = t.teams.groupChat('19:ledningsgrupp@thread.v2');
    const quiet = await t.teams.say('hur ser prognosen ut för LSS?', { conversation: chat, expectReply: false });
    expect(quiet.replies).toHaveLength(0);
    const { replies } = await t.teams.say('hur ser prognosen ut för LSS?', { conversation: chat, mention: true });
    expect(readable(replies)).toContain('864,4 mnkr');
    expect(readable(replies)).not.toMatch(/<at>/);
  });

  it('answers an @mention in a channel', async () => {
    const { replies } = await t.teams.say('var är underskottet störst?', { conversation: t.teams.channel('19:ekonomi@thread.tacv2'), mention: true });
    expect(readable(replies)).toMatch(/569 Barn och ungdomsvård/);
  });
});

describe('installation', () => {
  it('welcomes with a card of examples when installed', async () => {
    const { replies } = await t.teams.install(t.teams.personal('new-user'));
    const text = readable(replies);
    expect(text).toMatch(/Jag är Rapportboten/);
    expect(text).toMatch(/Hur ser prognosen ut för Barn och unga\?/);
  });
});

describe('card buttons', () => {
  const ref = { type: 'line', reportId: 'son-2024-03', key: '569' };

  it('Action.Execute "Varför?" updates the card in place with the report\'s own analysis', async () => {
    const { status, body } = await t.teams.execute('varför', { ref }, { userId: 'leader-6' });
    expect(status).toBe(200);
    const response = body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(response.statusCode).toBe(200);
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(readable([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: response.value }] }])).toMatch(/gängkriminalitet/);
  });

  it('the Action.Submit fallback answers with a new message', async () => {
    const before = t.connector.received.length;
    const r = await t.teams.post(t.teams.activity('message', t.teams.personal('leader-7'), 'leader-7', { value: { verb: 'detaljer', ref } }));
    expect(r.status).toBe(200);
    await t.connector.waitFor(() => t.connector.received.length > before);
    expect(readable(t.connector.received.slice(before).map((x) => x.body))).toMatch(/detaljer/);
  });

  it('a button pointing at nothing gets a polite answer', async () => {
    const { status, body } = await t.teams.execute('visa', { ref: { type: 'line', reportId: 'finns-inte', key: 'x' } });
    expect(status).toBe(200);
    expect(JSON.stringify(body)).toMatch(/finns inte längre/);
  });
});

describe('bad input', () => {
  const ask = (text: string, userId: string) => t.teams.say(text, { userId });

  it.each([
    ['empty text', ''],
    ['only emoji', '🤔📊'],
    ['SQL in the text', "'; drop table report; --"],
    ['HTML in the text', '<script>alert(1)</script><b>prognos</b>'],
  ])('%s gets a polite answer', async (_name, text) => {
    const { status, replies } = await ask(text, `bad-${text.length}`);
    expect(status).toBe(200);
    expect(readable(replies).length).toBeGreaterThan(10);
    const [row] = await t.app.db.query<{ n: number }>('select count(*)::int as n from report');
    expect(row?.n).toBe(5);
  });

  it('a long question within the limit is answered, not an error', async () => {
    const { replies } = await ask(`hur ser prognosen ut för ${'den verksamhet som vi pratade om förra veckan på mötet '.repeat(8)}`, 'long-2');
    expect(readable(replies)).not.toMatch(/Något gick fel/);
    expect(readable(replies).length).toBeGreaterThan(10);
  });

  it('10 000 characters get a request to shorten the question', async () => {
    const { status, replies } = await ask('prognos '.repeat(1250), 'long-1');
    expect(status).toBe(200);
    expect(readable(replies)).toMatch(/för lång/);
  });

  it.each([
    ['not JSON', '{"type": "message",'],
    ['a JSON array', '[]'],
    ['no conversation', JSON.stringify({ type: 'message', serviceUrl: 'http://127.0.0.1:1/', channelId: 'msteams', from: { id: 'x' }, recipient: { id: 'y' }, text: 'hej' })],
    ['no serviceUrl', JSON.stringify({ type: 'message', channelId: 'msteams', from: { id: 'x' }, recipient: { id: 'y' }, conversation: { id: 'c' } })],
  ])('a malformed activity (%s) gets a 400 in Swedish', async (_name, body) => {
    const { status, body: response } = await t.teams.post(body);
    expect(status).toBe(400);
    expect(JSON.stringify(response)).toMatch(/Ogiltig|inte giltig/);
  });

  it('refuses other methods and paths', async () => {
    expect((await fetch(t.url, { method: 'GET' })).status).toBe(405);
    expect((await fetch(t.url.replace('/api/messages', '/nope'))).status).toBe(404);
    expect((await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(600 * 1024) })).status).toBe(413);
  });

  it('answers a retried delivery of the same activity once', async () => {
    const activity = t.teams.activity('message', t.teams.personal('retry-1'), 'retry-1', { text: 'prognos för LSS?' });
    const before = t.connector.received.length;
    await t.teams.post(activity);
    await t.teams.post(activity);
    await new Promise((r) => setTimeout(r, 400));
    expect(t.connector.received.length - before).toBe(1);
  });
});

describe('health', () => {
  it('reports the store and the loaded reports', async () => {
    const res = await fetch(t.url.replace('/api/messages', '/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', reports: 5 });
  });
});

describe('a conversation the bot has just met', () => {
  it('is remembered across a restart: the follow-up is answered and the chat can be written to', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'samtal-'));
    const options = testStoreOptions();
    const first = await startTestApp({ PGLITE_DIR: dir }, options);
    await first.teams.say('Prognos helår för missbruksvården?', { userId: 'ny-chef' });
    await first.app.close(); // a deploy: the process stops right after answering
    const second = await startTestApp({ PGLITE_DIR: dir }, { ...options, pgliteSnapshot: undefined });
    try {
      const id = first.teams.personal('ny-chef').id as string;
      expect(await second.app.services.conversations.reference(id)).toMatchObject({ installed: true, reference: { serviceUrl: first.connector.url, conversation: { id } } });
      const { replies } = await second.teams.say('och för LSS?', { userId: 'ny-chef' });
      expect(readable(replies)).toContain('864,4 mnkr');
    } finally {
      await second.close();
      await first.connector.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
