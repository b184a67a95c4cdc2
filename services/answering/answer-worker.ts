/**
 * One answering thread (see answer-workers.ts): its own catalogue and name
 * index, the store read through the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Queryable } from '../store/database.js';
import { answerText } from './answer-question.js';
import type { FromWorker, ToWorker } from './answer-workers.js';
import { Knowledge } from './knowledge.js';

const port = parentPort!;
const reads = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
let seq = 0;

const store: Queryable = {
  query<R>(sql: string, params?: unknown[]): Promise<R[]> {
    const id = ++seq;
    return new Promise((resolve, reject) => {
      reads.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      port.postMessage({ type: 'query', id, sql, params } satisfies FromWorker);
    });
  },
  exec: () => Promise.reject(new Error('svarstrådar får bara läsa')),
};
// the main thread watches the store's version and sends it with every question: no checks of our own
const knowledge = new Knowledge(store, (workerData as { otherBoards: string[] }).otherBoards, Infinity);
// the catalogue is built now, not when the first question is handed over
knowledge.current().catch(() => {});

port.on('message', (m: ToWorker) => {
  if (m.type === 'rows') {
    const r = reads.get(m.id);
    reads.delete(m.id);
    if (m.rows) r?.resolve(m.rows);
    else r?.reject(new Error(m.error ?? 'läsningen misslyckades'));
    return;
  }
  void answer(m);
});

async function answer(m: Extract<ToWorker, { type: 'answer' }>): Promise<void> {
  try {
    let known = await knowledge.current();
    // the main thread has seen another version of the store (an import, an approval): catch up before answering
    if (known.catalogue.version !== m.version) {
      knowledge.invalidate();
      known = await knowledge.current();
    }
    const reply = await answerText({ db: known.reads, catalogue: known.catalogue, names: known.names }, m.text, m.previous);
    port.postMessage({ type: 'answer', id: m.id, reply: JSON.stringify(reply) } satisfies FromWorker);
  } catch (e) {
    port.postMessage({ type: 'answer', id: m.id, error: (e as Error).message } satisfies FromWorker);
  }
}
