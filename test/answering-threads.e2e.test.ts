/**
 * Answering threads over HTTP: a lone question is answered on the main thread
 * (no hand-over), questions arriving together go to the threads, and every
 * leader gets the answer — follow-ups included — that a bot without threads
 * gives.
 */
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../services/config.js';
import { startTestApp, type TestApp } from './support/test-app.js';

let threaded: TestApp;
let plain: TestApp;
beforeAll(async () => {
  [threaded, plain] = await Promise.all([startTestApp({ ANSWER_WORKERS: '1' }), startTestApp({ ANSWER_WORKERS: '0' })]);
});
afterAll(async () => {
  await Promise.all([threaded?.close(), plain?.close()]);
});

const answeredOnThreads = async (t: TestApp) => ((await (await fetch(t.url.replace('/api/messages', '/health'))).json()) as { answeringThreads: { threads: number; answered: number } }).answeringThreads;

const QUESTIONS = [
  'hur ser prognosen ut för Barn och unga?',
  'var är underskottet störst?',
  'hur går det med sjukfrånvaron?',
  'vilka nämndmål uppnås inte?',
  'status för de strategiska uppdragen i Leanlink',
  'varför går Barn och ungdomsvård med underskott?',
  'jämför missbruksvården med förra året',
  'what is the forecast for LSS?',
];
const FOLLOW_UP = 'och för LSS?';

/** Every leader asks one question, all at once, then a follow-up, all at once; the replies per leader. */
async function askTogether(t: TestApp): Promise<Map<string, unknown[]>> {
  const conversations = QUESTIONS.map((_, i) => t.teams.personal(`samtidig-${i}`));
  const send = (text: (i: number) => string) =>
    Promise.all(conversations.map((c, i) => t.teams.post(t.teams.activity('message', c, `samtidig-${i}`, { text: text(i), textFormat: 'plain' }))));
  const statuses = [...(await send((i) => QUESTIONS[i]!)), ...(await waitThen(t, QUESTIONS.length, () => send(() => FOLLOW_UP)))].map((r) => r.status);
  expect(statuses.every((s) => s === 200)).toBe(true);
  await t.connector.waitFor(() => t.connector.sent().length >= 2 * QUESTIONS.length, 15_000, 'alla svar');
  return new Map(conversations.map((c) => [c.id, t.connector.sent(c.id).map((a) => ({ text: a.text, attachments: a.attachments }))]));
}

async function waitThen<T>(t: TestApp, replies: number, then: () => Promise<T>): Promise<T> {
  await t.connector.waitFor(() => t.connector.sent().length >= replies, 15_000, 'de första svaren');
  return then();
}

describe('answering threads', () => {
  it('leave a lone question to the main thread', async () => {
    const { replies } = await threaded.teams.say('hur ser prognosen ut för Barn och unga?', { userId: 'ensam' });
    expect(JSON.stringify(replies)).toContain('489,4 mnkr');
    expect(await answeredOnThreads(threaded)).toEqual({ threads: 1, answered: 0 });
  });

  it('answer questions that arrive together exactly as the main thread would', async () => {
    threaded.connector.received.length = 0;
    const [withThreads, withoutThreads] = await Promise.all([askTogether(threaded), askTogether(plain)]);
    expect((await answeredOnThreads(threaded)).answered).toBeGreaterThan(0);
    expect(withThreads).toEqual(withoutThreads);
    // the follow-up was understood from each leader's own previous question
    for (const replies of withThreads.values()) expect(replies).toHaveLength(2);
    expect(JSON.stringify(withThreads.get(threaded.teams.personal('samtidig-0').id)![1])).toContain('864,4 mnkr');
  });
});

describe('ANSWER_WORKERS', () => {
  it('is one thread per spare core by default (at most four), a number when given, and refused with its name otherwise', () => {
    expect(loadConfig({}).ANSWER_WORKERS).toBe(Math.min(4, availableParallelism() - 1));
    expect(loadConfig({ ANSWER_WORKERS: '0' }).ANSWER_WORKERS).toBe(0);
    expect(loadConfig({ ANSWER_WORKERS: '3' }).ANSWER_WORKERS).toBe(3);
    expect(() => loadConfig({ ANSWER_WORKERS: 'många' })).toThrow(ConfigError);
    expect(() => loadConfig({ ANSWER_WORKERS: 'många' })).toThrow(/ANSWER_WORKERS/);
  });
});
