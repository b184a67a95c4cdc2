/**
 * Answers questions on worker threads, so that one bot instance uses more
 * than one core. The main thread keeps HTTP, the Bot Framework and the store;
 * each worker holds its own catalogue and name index and asks the main thread
 * for the rows it reads (read-only). ANSWER_WORKERS sets how many (auto: one
 * per spare core); ChatService decides which questions they get.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logging/logger.js';
import type { Queryable } from '../store/database.js';
import type { ConversationContext, Reply } from './reply.js';

/** main → worker */
export type ToWorker =
  | { type: 'answer'; id: number; text: string; previous?: ConversationContext; version: number }
  | { type: 'rows'; id: number; rows?: unknown[]; error?: string };
/**
 * worker → main. The reply travels as JSON text: a string crosses threads in
 * one copy, where a card's object graph is rebuilt field by field by the
 * structured clone (profiled at concurrency 20: about 70 µs less main-thread
 * time per question, of some 2 ms, garbage collection included).
 */
export type FromWorker = { type: 'answer'; id: number; reply?: string; error?: string } | { type: 'query'; id: number; sql: string; params?: unknown[] };

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

const READ = /^\s*(select|with)\b/i;

export class AnswerWorkers {
  private threads: Thread[] = [];
  private seq = 0;
  private closing = false;
  /** questions answered on the threads since start */
  private answered = 0;

  constructor(
    private readonly db: Queryable,
    otherBoards: string[],
    count: number,
    private readonly log: Logger,
  ) {
    for (let i = 0; i < count; i++) this.threads.push(this.spawn(otherBoards));
  }

  /** Rejects when no worker can answer; the caller then answers on the main thread. */
  answer(text: string, previous: ConversationContext | undefined, version: number): Promise<Reply> {
    const thread = this.threads.reduce<Thread | undefined>((best, t) => (!best || t.pending.size < best.pending.size ? t : best), undefined);
    if (!thread) return Promise.reject(new Error('inga svarstrådar'));
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      thread.worker.postMessage({ type: 'answer', id, text, previous, version } satisfies ToWorker);
    });
  }

  /** For /health: threads running and the questions they have answered. */
  status(): { threads: number; answered: number } {
    return { threads: this.threads.length, answered: this.answered };
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
    this.threads = [];
  }

  private spawn(otherBoards: string[]): Thread {
    const entry = new URL(`./answer-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
    // run from TypeScript (npm start) the worker needs tsx's loader too; the built bot has plain .js
    const loader = entry.endsWith('.ts') ? import.meta.resolve('tsx/esm/api') : undefined;
    const worker = new Worker(
      `(async () => {
         const { workerData } = await import('node:worker_threads');
         if (workerData.loader) (await import(workerData.loader)).register();
         await import(workerData.entry);
       })();`,
      { eval: true, workerData: { entry, loader, otherBoards } },
    );
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'query') return void this.read(worker, m);
      const p = thread.pending.get(m.id);
      thread.pending.delete(m.id);
      if (m.reply) {
        this.answered++;
        p?.resolve(JSON.parse(m.reply) as Reply);
      } else p?.reject(new Error(m.error ?? 'inget svar'));
    });
    const gone = (why: string) => {
      this.threads = this.threads.filter((t) => t !== thread);
      for (const p of thread.pending.values()) p.reject(new Error(why));
      thread.pending.clear();
      if (!this.closing) this.log.warn({ why, left: this.threads.length }, 'en svarstråd stannade; huvudtråden svarar i dess ställe');
    };
    worker.on('error', (e) => gone(e.message));
    worker.on('exit', (code) => gone(`avslutades (${code})`));
    worker.unref();
    return thread;
  }

  private async read(worker: Worker, m: Extract<FromWorker, { type: 'query' }>): Promise<void> {
    let reply: ToWorker;
    try {
      if (!READ.test(m.sql)) throw new Error('svarstrådar får bara läsa');
      reply = { type: 'rows', id: m.id, rows: await this.db.query(m.sql, m.params) };
    } catch (e) {
      reply = { type: 'rows', id: m.id, error: (e as Error).message };
    }
    worker.postMessage(reply);
  }
}
