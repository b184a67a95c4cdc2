/**
 * Sends what the outbox holds, within Teams' limits: a token bucket shared by
 * all instances (50/s per app), spacing per conversation (7/s), retries of
 * 429/412/502/503/504 honouring Retry-After with jittered backoff, and a final
 * state for every row: delivered, failed (with the reason), blocked (403),
 * gone (404, after trying to re-create a 1:1). On shutdown it stops claiming
 * and finishes what is in flight.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { Queryable } from '../store/database.js';
import type { MessageSender, SendResult } from './message-sender.js';
import { Outbox, type OutboxRow } from './outbox.js';
import { SharedBucket, SharedPacer, TEAMS_LIMITS, type RateLimits } from './rate-limiter.js';

const RETRYABLE = new Set([0, 412, 429, 502, 503, 504]);

export interface OutboxWorkerOptions {
  limits?: RateLimits;
  /** rows claimed at a time */
  batch?: number;
  /** how long a claim holds; a dead worker's rows are sent again after it */
  leaseMs?: number;
  /** attempts before a row is given up as failed (429s count too, with a higher ceiling) */
  maxAttempts?: number;
  /** sends in flight at once */
  concurrency?: number;
  /** how often to look for due rows when idle */
  pollMs?: number;
  /** base and cap of the exponential backoff */
  backoffMs?: { base: number; cap: number };
  log?: Logger;
  /** called after each row reaches a final state (tests, metrics) */
  onSettled?: (row: OutboxRow, status: string) => void;
}

export class OutboxWorker {
  readonly id = `worker-${randomUUID().slice(0, 8)}`;
  private readonly outbox: Outbox;
  private readonly bucket: SharedBucket;
  private readonly pacer: SharedPacer;
  private readonly o: Required<Omit<OutboxWorkerOptions, 'log' | 'onSettled'>> & Pick<OutboxWorkerOptions, 'log' | 'onSettled'>;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private tokens = 0;

  constructor(
    db: Queryable,
    private readonly sender: MessageSender,
    options: OutboxWorkerOptions = {},
  ) {
    const limits = options.limits ?? TEAMS_LIMITS;
    this.o = {
      limits,
      batch: options.batch ?? 50,
      leaseMs: options.leaseMs ?? 60_000,
      maxAttempts: options.maxAttempts ?? 8,
      concurrency: options.concurrency ?? 25,
      pollMs: options.pollMs ?? 500,
      backoffMs: options.backoffMs ?? { base: 1_000, cap: 60_000 },
      log: options.log,
      onSettled: options.onSettled,
    };
    this.outbox = new Outbox(db);
    this.bucket = new SharedBucket(db, 'teams-app', limits.perApp);
    this.pacer = new SharedPacer(db, limits.perConversation);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run().catch((e: Error) => this.o.log?.error({ err: { message: e.message } }, 'utskicksloopen stannade'));
  }

  /** Something was queued: look now instead of at the next poll. */
  notify(): void {
    this.wake?.();
  }

  /** Stops claiming and waits for the sends in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let rows: OutboxRow[] = [];
      try {
        rows = await this.outbox.claim(this.id, this.o.batch, this.o.leaseMs);
      } catch (e) {
        this.o.log?.warn({ err: { message: (e as Error).message } }, 'kunde inte hämta utskick');
      }
      if (rows.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.o.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wake = undefined;
        continue;
      }
      await this.sendAll(rows);
    }
  }

  private async sendAll(rows: OutboxRow[]): Promise<void> {
    const queue = [...rows];
    const inFlight = new Set<Promise<void>>();
    while (queue.length > 0) {
      await this.acquireToken();
      const row = queue.shift()!;
      const p = (async () => {
        const delay = await this.pacer.reserve(row.conversation_id);
        if (delay > 0) await sleep(delay);
        await this.sendOne(row);
      })().finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= this.o.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  }

  private async acquireToken(): Promise<void> {
    while (this.tokens === 0) {
      const { got, waitMs } = await this.bucket.take(Math.max(1, Math.ceil(this.o.limits.perApp / 10)));
      this.tokens = got;
      if (got === 0) await sleep(Math.max(5, waitMs));
    }
    this.tokens--;
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    let result: SendResult;
    try {
      result = await this.sender.send(row.target, row.activity);
    } catch (e) {
      result = { ok: false, status: 0, message: (e as Error).message };
    }
    if (result.ok) {
      await this.outbox.delivered(row.id, this.id, result.activityId);
      return this.o.onSettled?.(row, 'delivered');
    }
    const { status, message } = result;
    if (status === 404 && row.target.conversationType === 'personal' && row.target.userId) {
      const reopened = await this.sender.openPersonal({ serviceUrl: row.target.serviceUrl, tenantId: row.target.tenantId, botId: row.target.botId, userId: row.target.userId }).catch((e: Error) => ({ ok: false as const, status: 0, message: e.message }));
      if (reopened.ok && reopened.conversationId !== row.conversation_id) {
        await this.outbox.moveTo(row.id, this.id, reopened.conversationId);
        await this.outbox.retryLater(row.id, this.id, 0, 404, 'samtalet fanns inte; återskapat');
        return;
      }
    }
    if (RETRYABLE.has(status) && row.attempts < (status === 429 ? this.o.maxAttempts * 3 : this.o.maxAttempts)) {
      await this.outbox.retryLater(row.id, this.id, this.delayFor(result, row.attempts), status, message);
      return;
    }
    const final = status === 403 ? 'blocked' : status === 404 ? 'gone' : 'failed';
    const reason = RETRYABLE.has(status) ? `gav upp efter ${row.attempts} försök: ${status} ${message}` : `${status} ${message}`;
    await this.outbox.finish(row.id, this.id, final, status, reason);
    this.o.log?.warn({ outbox: row.id, status, final }, 'utskick avslutat utan leverans');
    this.o.onSettled?.(row, final);
  }

  /** Retry-After when given (plus a little jitter), else exponential backoff with jitter. */
  private delayFor(result: Extract<SendResult, { ok: false }>, attempts: number): number {
    if (result.retryAfterMs !== undefined) return result.retryAfterMs * (1 + Math.random() * 0.2);
    const { base, cap } = this.o.backoffMs;
    const exp = Math.min(cap, base * 2 ** Math.max(0, attempts - 1));
    return exp / 2 + Math.random() * (exp / 2);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
