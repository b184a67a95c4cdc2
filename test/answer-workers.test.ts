/**
 * Answering threads (ANSWER_WORKERS): a question answered on a worker gets
 * exactly the answer the main thread would give, follow-ups included, and a
 * forecast that lands in the store is in the next answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerText } from '../services/answering/answer-question.js';
import { AnswerWorkers } from '../services/answering/answer-workers.js';
import { Knowledge } from '../services/answering/knowledge.js';
import { createLogger } from '../services/logging/logger.js';
import { readBoards } from '../services/reports/boards.js';
import { changeForecast } from './support/forecast-change.js';
import { openTestStore, type TestStore } from './support/test-store.js';

let store: TestStore;
let knowledge: Knowledge;
let workers: AnswerWorkers;

beforeAll(async () => {
  store = await openTestStore();
  const { otherBoards } = await readBoards();
  knowledge = new Knowledge(store.db, otherBoards, 0);
  workers = new AnswerWorkers(store.db, otherBoards, 2, createLogger('silent'));
});
afterAll(async () => {
  await workers.close();
  await store.close();
});

const here = async (text: string, previous?: Parameters<typeof answerText>[2]) => {
  const { catalogue, names, reads } = await knowledge.current();
  return answerText({ db: reads, catalogue, names }, text, previous);
};
const version = async () => (await knowledge.current()).catalogue.version;

describe('answering threads', () => {
  it('give the main thread\'s answer, card and follow-up context', async () => {
    for (const q of ['Hur ser prognosen ut för Barn och unga?', 'var är underskottet störst?', 'hur går det med sjukfrånvaron?', 'vilka nämndmål uppnås inte?', 'varför går Barn och ungdomsvård med underskott?', 'blabla']) {
      expect(await workers.answer(q, undefined, await version())).toEqual(await here(q));
    }
    const first = await here('Prognos helår för missbruksvården?');
    const followUp = await workers.answer('och för LSS?', first.context, await version());
    expect(followUp).toEqual(await here('och för LSS?', first.context));
    expect(followUp.text).toContain('864,4 mnkr');
  });

  it('answer from a forecast as soon as it is in the store', async () => {
    const q = 'Hur ser prognosen ut för Barn och ungdomsvård i SoN?';
    expect((await workers.answer(q, undefined, await version())).text).toContain('489,4');
    await changeForecast(store.db, 'son-2024-03', 'prognos', { '569': 499.4 });
    const after = await workers.answer(q, undefined, await version());
    expect(after.text).toContain('499,4');
    expect(after).toEqual(await here(q));
  });
});
