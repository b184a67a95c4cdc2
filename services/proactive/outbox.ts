/**
 * The outbox: proactive messages written in the same transaction as what
 * caused them, one row per (message, recipient) under a unique key, so a
 * repeated trigger never queues a message twice. Workers claim rows with
 * `for update skip locked` and a lease; completing a row checks the lease is
 * still theirs.
 */
import type { Queryable } from '../store/database.js';
import { sendTarget, type OutboundActivity, type SendTarget } from './message-sender.js';

export type OutboxStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'blocked' | 'gone';

export interface OutboxMessage {
  /** unique per (message, recipient): a second enqueue with the same key is ignored */
  dedupeKey: string;
  purpose: string;
  target: SendTarget;
  activity: OutboundActivity;
  /** not before this time (reminders at working hours) */
  notBefore?: Date;
}

export interface OutboxRow {
  id: number;
  dedupe_key: string;
  purpose: string;
  conversation_id: string;
  target: SendTarget;
  activity: OutboundActivity;
  attempts: number;
}

/** Queues messages; returns how many were new. Call inside the transaction that caused them. */
export async function enqueue(db: Queryable, messages: OutboxMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = messages.map((m) => {
    const target = sendTarget.parse(m.target);
    return { dedupe_key: m.dedupeKey, purpose: m.purpose, conversation_id: target.conversationId, target, activity: m.activity, next_attempt_at: (m.notBefore ?? new Date()).toISOString() };
  });
  const inserted = await db.query(
    `insert into outbox (dedupe_key, purpose, conversation_id, target, activity, next_attempt_at)
     select dedupe_key, purpose, conversation_id, target, activity, next_attempt_at
       from jsonb_to_recordset($1::jsonb) as x(dedupe_key text, purpose text, conversation_id text, target jsonb, activity jsonb, next_attempt_at timestamptz)
     on conflict (dedupe_key) do nothing
     returning id`,
    [JSON.stringify(rows)],
  );
  return inserted.length;
}

export class Outbox {
  constructor(private readonly db: Queryable) {}

  /**
   * Claims due rows for a worker. A row still "sending" after its lease ran out
   * belonged to a worker that died mid-send; it is sent again (at least once).
   */
  claim(worker: string, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    return this.db.query<OutboxRow>(
      `update outbox set status = 'sending', locked_by = $1, locked_until = now() + ($3::int * interval '1 millisecond'), attempts = attempts + 1
        where id in (
          select id from outbox
           where next_attempt_at <= now() and (status = 'pending' or (status = 'sending' and locked_until < now()))
           order by next_attempt_at, id
           limit $2
           for update skip locked)
       returning id, dedupe_key, purpose, conversation_id, target, activity, attempts`,
      [worker, limit, leaseMs],
    );
  }

  async delivered(id: number, worker: string, activityId: string | undefined): Promise<void> {
    await this.db.query(
      `update outbox set status = 'delivered', delivered_at = now(), activity_id = $3, locked_by = null, locked_until = null, last_status = 200, last_error = null
        where id = $1 and locked_by = $2`,
      [id, worker, activityId ?? null],
    );
  }

  async retryLater(id: number, worker: string, delayMs: number, status: number, error: string): Promise<void> {
    await this.db.query(
      `update outbox set status = 'pending', next_attempt_at = now() + ($3::int * interval '1 millisecond'), locked_by = null, locked_until = null, last_status = $4, last_error = $5
        where id = $1 and locked_by = $2`,
      [id, worker, Math.round(delayMs), status, error.slice(0, 500)],
    );
  }

  async finish(id: number, worker: string, status: Exclude<OutboxStatus, 'pending' | 'sending' | 'delivered'>, httpStatus: number, error: string): Promise<void> {
    await this.db.query(
      `update outbox set status = $3, locked_by = null, locked_until = null, last_status = $4, last_error = $5 where id = $1 and locked_by = $2`,
      [id, worker, status, httpStatus, error.slice(0, 500)],
    );
  }

  /** The 1:1 conversation was re-created: send there from now on. */
  async moveTo(id: number, worker: string, conversationId: string): Promise<void> {
    await this.db.query(
      `update outbox set conversation_id = $3, target = jsonb_set(target, '{conversationId}', to_jsonb($3::text)) where id = $1 and locked_by = $2`,
      [id, worker, conversationId],
    );
  }

  /**
   * What is still to be sent (for /health): being sent now, due now, waiting
   * to retry, and scheduled for later (reminders at working hours).
   */
  async backlog(): Promise<{ sending: number; due: number; retrying: number; scheduled: number }> {
    const [row] = await this.db.query<{ sending: number; due: number; retrying: number; scheduled: number }>(
      `select count(*) filter (where status = 'sending')::int as sending,
              count(*) filter (where status = 'pending' and next_attempt_at <= now())::int as due,
              count(*) filter (where status = 'pending' and next_attempt_at > now() and attempts > 0)::int as retrying,
              count(*) filter (where status = 'pending' and next_attempt_at > now() and attempts = 0)::int as scheduled
         from outbox where status in ('pending', 'sending')`,
    );
    return row!;
  }

  /** Counts by status for a purpose (the controller's "status utskick"). */
  counts(purpose?: string): Promise<Array<{ status: OutboxStatus; n: number }>> {
    return this.db.query(
      `select status, count(*)::int as n from outbox where ($1::text is null or purpose = $1) group by status order by status`,
      [purpose ?? null],
    );
  }
}
