/**
 * Scheduled work — monthly digests, reminders — kept in the store. A due job
 * is claimed by moving its next run forward in one conditional update, so
 * however many instances look, one runs it. Handlers must be idempotent (they
 * queue outbox rows under unique keys), which also covers a crash mid-run.
 */
import { Cron } from 'croner';
import type { Logger } from '../logging/logger.js';
import type { Queryable } from '../store/database.js';

export interface ScheduledRun {
  key: string;
  kind: string;
  payload: Record<string, unknown>;
  /** the time the run was due (use it in dedupe keys: a rerun of the same slot queues nothing new) */
  dueAt: Date;
}

export type JobHandler = (run: ScheduledRun) => Promise<void>;

export const STOCKHOLM = 'Europe/Stockholm';

/** The next time a cron expression fires after `from`, in the given time zone. */
export function nextRun(cron: string, from: Date, timezone = STOCKHOLM): Date | undefined {
  return new Cron(cron, { timezone }).nextRun(from) ?? undefined;
}

/** Whether a cron expression is valid (5 or 6 fields). */
export function validCron(cron: string): boolean {
  try {
    new Cron(cron, { timezone: STOCKHOLM });
    return true;
  } catch {
    return false;
  }
}

export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;

  constructor(
    private readonly db: Queryable,
    private readonly options: { pollMs?: number; log?: Logger } = {},
  ) {}

  handle(kind: string, handler: JobHandler): this {
    this.handlers.set(kind, handler);
    return this;
  }

  /** Creates or replaces a job: recurring (cron) or once (at). */
  async schedule(key: string, kind: string, payload: Record<string, unknown>, when: { cron: string; timezone?: string } | { at: Date }): Promise<Date | undefined> {
    const timezone = 'cron' in when ? (when.timezone ?? STOCKHOLM) : STOCKHOLM;
    const next = 'cron' in when ? nextRun(when.cron, new Date(), timezone) : when.at;
    await this.db.query(
      `insert into scheduled_job (key, kind, payload, cron, timezone, next_run_at) values ($1, $2, $3, $4, $5, $6)
       on conflict (key) do update set kind = excluded.kind, payload = excluded.payload, cron = excluded.cron, timezone = excluded.timezone, next_run_at = excluded.next_run_at, last_error = null`,
      [key, kind, JSON.stringify(payload), 'cron' in when ? when.cron : null, timezone, next?.toISOString() ?? null],
    );
    return next;
  }

  async cancel(key: string): Promise<void> {
    await this.db.query('delete from scheduled_job where key = $1', [key]);
  }

  start(): void {
    const every = this.options.pollMs ?? 15_000;
    const loop = () => {
      this.ticking = this.tick().then(() => undefined).finally(() => {
        if (this.timer) this.timer = setTimeout(loop, every);
      });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  /** Runs every due job once (exposed for tests and for a manual "run now"). */
  async tick(now = new Date()): Promise<number> {
    const due = await this.db.query<{ key: string; kind: string; payload: Record<string, unknown>; cron: string | null; timezone: string; next_run_at: string }>(
      `select key, kind, payload, cron, timezone, next_run_at::text from scheduled_job where next_run_at <= $1 order by next_run_at limit 50`,
      [now.toISOString()],
    );
    let ran = 0;
    for (const job of due) {
      const next = job.cron ? nextRun(job.cron, now, job.timezone) : undefined;
      const claimed = await this.db.query(
        `update scheduled_job set next_run_at = $3, last_run_at = now(), last_error = null where key = $1 and next_run_at = $2::timestamptz returning key`,
        [job.key, job.next_run_at, next?.toISOString() ?? null],
      );
      if (claimed.length === 0) continue; // another instance took it
      const handler = this.handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`ingen hanterare för ${job.kind}`);
        await handler({ key: job.key, kind: job.kind, payload: job.payload, dueAt: new Date(job.next_run_at) });
        ran++;
      } catch (e) {
        this.options.log?.error({ job: job.key, err: { message: (e as Error).message } }, 'schemalagt jobb misslyckades');
        await this.db.query('update scheduled_job set last_error = $2 where key = $1', [job.key, (e as Error).message.slice(0, 500)]);
      }
    }
    return ran;
  }
}
