/**
 * The bot over HTTP with a language model configured by environment
 * variables, pointing at a local OpenAI-compatible server: a "varför" answer
 * carries Teams' AI label and citations, an unsure question is read by the
 * model, and nothing about the person asking reaches the model.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { query } from '../services/understanding/query.js';
import { OpenAiStandIn, textReply, toolCall } from './support/openai-stand-in.js';
import { cardOf, readable, startTestApp, type TestApp } from './support/test-app.js';

const KEY = 'sk-test-hemlig-nyckel';
let server: OpenAiStandIn;
let t: TestApp;

beforeAll(async () => {
  server = await new OpenAiStandIn().start();
  t = await startTestApp({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${server.url}/v1`, OPENAI_MODEL: 'testmodell', LLM_TIMEOUT_MS: '3000' });
});
afterAll(async () => {
  await t.close();
  await server.stop();
});
beforeEach(() => {
  server.script = () => ({ status: 500, body: { error: { message: 'inget skript i testet' } } });
});

describe('a "varför" question in Teams', () => {
  it('is answered with a grounded summary labelled AI-generated, citing the quoted passages', async () => {
    server.script = () => textReply('Underskottet på 9,8 mnkr beror enligt rapporten på fler placeringar av barn och unga [1].');
    const { replies } = await t.teams.say('Varför går Barn och ungdomsvård med underskott?', { userId: 'ledare-ai-1' });
    const reply = replies[0] as { text: string; textFormat: string; entities?: Array<Record<string, unknown>> };
    expect(reply.text).toMatch(/Sammanfattning av rapportens analys .*9,8 mnkr .*\[1\]/);
    expect(reply.textFormat).toBe('markdown');
    const ai = reply.entities?.find((e) => e.type === 'https://schema.org/Message');
    expect(ai).toMatchObject({ '@type': 'Message', '@context': 'https://schema.org', '@id': '', additionalType: ['AIGeneratedContent'] });
    const citations = ai!.citation as Array<{ '@type': string; position: number; appearance: { '@type': string; name: string; abstract: string } }>;
    expect(citations).toHaveLength(1);
    expect(citations[0]).toMatchObject({ '@type': 'Claim', position: 1, appearance: { '@type': 'DigitalDocument' } });
    expect(citations[0]!.appearance.name).toMatch(/^SoN delårsrapport per 31 mars 2024/);
    // the passages stay in the card, for the reader to check
    expect(readable(replies)).toMatch(/gängkriminalitet/);
  });

  it('quotes the passages, without the AI label, when the model fails', async () => {
    const { replies } = await t.teams.say('Varför går Barn och ungdomsvård med underskott?', { userId: 'ledare-ai-2' });
    const reply = replies[0] as { text: string; textFormat: string; entities?: unknown[] };
    expect(reply.text).toMatch(/^Rapporten förklarar/);
    expect(reply.textFormat).toBe('plain');
    expect(reply.entities ?? []).toEqual([]);
    expect(cardOf(replies[0]!)).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
  });
});

describe('the "Varför?" button', () => {
  it('replaces the card with the quoted passages, without the model (an invoke response has no message text to label)', async () => {
    const { replies } = await t.teams.say('Hur ser prognosen ut för Barn och unga?', { userId: 'ledare-ai-4' });
    const actions = (cardOf(replies[0]!) as { actions: Array<{ title: string; verb: string; data: Record<string, unknown> }> }).actions;
    const why = actions.find((a) => a.verb === 'varför')!;
    server.script = () => textReply('Fler placeringar [1].');
    const before = server.completions.length;
    const { status, body } = await t.teams.execute('varför', why.data, { userId: 'ledare-ai-4' });
    expect(status).toBe(200);
    expect(JSON.stringify(body)).toMatch(/gängkriminalitet/);
    expect(server.completions.length).toBe(before);
  });
});

describe('an unsure question in Teams', () => {
  it('is read by the model, answered from the store, and the model learns nothing about who asked', async () => {
    server.script = () => toolCall('tolka_fraga', Object.fromEntries(Object.keys(query.shape).map((k) => [k, ({ intent: 'belopp', measure: 'prognos', subject: '569 Barn och ungdomsvård' } as Record<string, unknown>)[k] ?? null])));
    const before = server.completions.length;
    const { replies } = await t.teams.say('Vad lägger vi på tonåringar som inte kan bo hemma?', { userId: 'ledare-ai-3' });
    expect(readable(replies)).toContain('489,4 mnkr');
    const sent = server.completions.slice(before).map((r) => r.raw).join('\n');
    expect(sent).not.toBe('');
    const user = t.teams.user('ledare-ai-3');
    for (const personal of [user.id, user.aadObjectId, user.name, 'ledare-ai-3', t.teams.tenantId, KEY]) expect(sent).not.toContain(personal);
  });
});
