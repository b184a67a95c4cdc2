/**
 * Subscriptions in the store, with their digest jobs in the scheduler. A new
 * subscription starts from the report versions already in the store: it is
 * alerted about what changes after it was made, not about old news.
 */
import { z } from 'zod';
import type { Scheduler } from '../scheduling/scheduler.js';
import type { Queryable } from '../store/database.js';
import type { SendTarget } from '../proactive/message-sender.js';
import type { BoardId } from '../reports/report-file.js';
import type { ConversationType } from '../conversation/conversation-store.js';
import { subscription, type Subscription, type Thresholds } from './subscription.js';

/** The scheduled-job kind of digests. */
export const DIGEST_JOB = 'avvikelse-sammanfattning';
export const digestJobKey = (id: number) => `${DIGEST_JOB}:${id}`;

const row = z.object({
  id: z.number(),
  conversation_id: z.string(),
  conversation_type: z.string(),
  team_id: z.string().nullable(),
  target: z.unknown(),
  board_id: z.string(),
  min_amount_tkr: z.string().nullable(),
  min_percent: z.string().nullable(),
  cron: z.string().nullable(),
  created_by: z.string(),
  created_by_name: z.string().nullable(),
});

/** The columns toSubscription reads, optionally qualified by a table alias. */
export function subscriptionColumns(alias?: string): string {
  const p = alias ? `${alias}.` : '';
  return `${p}id, ${p}conversation_id, ${p}conversation_type, ${p}team_id, ${p}target, ${p}board_id, ${p}min_amount_tkr::text as min_amount_tkr, ${p}min_percent::text as min_percent, ${p}cron, ${p}created_by, ${p}created_by_name`;
}
const SUBSCRIPTION_COLUMNS = subscriptionColumns();

export function toSubscription(raw: unknown): Subscription {
  const r = row.parse(raw);
  return subscription.parse({
    id: r.id,
    conversationId: r.conversation_id,
    conversationType: r.conversation_type,
    teamId: r.team_id ?? undefined,
    target: r.target,
    board: r.board_id,
    thresholds: { amountTkr: r.min_amount_tkr === null ? null : Number(r.min_amount_tkr), percent: r.min_percent === null ? null : Number(r.min_percent) },
    cron: r.cron ?? undefined,
    createdBy: r.created_by,
    createdByName: r.created_by_name ?? undefined,
  });
}

export interface SubscriptionInput {
  conversationId: string;
  conversationType: ConversationType;
  teamId?: string;
  target: SendTarget;
  board: BoardId;
  thresholds: Thresholds;
  cron?: string;
  by: { id: string; name?: string };
}

export class SubscriptionStore {
  constructor(
    private readonly db: Queryable & { transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> },
    private readonly scheduler: Pick<Scheduler, 'schedule' | 'cancel'>,
  ) {}

  /** Creates the conversation's subscription for a board, or changes it; returns it and whether it is new. */
  async save(input: SubscriptionInput): Promise<{ subscription: Subscription; created: boolean; nextDigest?: Date }> {
    const { raw, created } = await this.db.transaction(async (tx) => {
      const [saved] = await tx.query<Record<string, unknown> & { created: boolean }>(
        `insert into avvikelse_subscription (conversation_id, conversation_type, team_id, target, board_id, min_amount_tkr, min_percent, cron, created_by, created_by_name)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (conversation_id, board_id) do update set conversation_type = excluded.conversation_type, team_id = coalesce(excluded.team_id, avvikelse_subscription.team_id),
           target = excluded.target, min_amount_tkr = excluded.min_amount_tkr, min_percent = excluded.min_percent, cron = excluded.cron,
           created_by = excluded.created_by, created_by_name = excluded.created_by_name, updated_at = now()
         returning ${SUBSCRIPTION_COLUMNS}, (xmax = 0) as created`,
        [input.conversationId, input.conversationType, input.teamId ?? null, JSON.stringify(input.target), input.board, input.thresholds.amountTkr, input.thresholds.percent, input.cron ?? null, input.by.id, input.by.name ?? null],
      );
      if (saved!.created) {
        await tx.query(
          `insert into avvikelse_seen (subscription_id, report_id, content_hash) select $1, id, content_hash from report where board_id = $2
           on conflict (subscription_id, report_id) do nothing`,
          [saved!.id, input.board],
        );
      }
      return { raw: saved!, created: saved!.created };
    });
    const s = toSubscription(raw);
    let nextDigest: Date | undefined;
    if (s.cron) nextDigest = await this.scheduler.schedule(digestJobKey(s.id), DIGEST_JOB, { subscription: s.id }, { cron: s.cron });
    else await this.scheduler.cancel(digestJobKey(s.id));
    return { subscription: s, created, nextDigest };
  }

  async get(id: number): Promise<Subscription | undefined> {
    const [r] = await this.db.query(`select ${SUBSCRIPTION_COLUMNS} from avvikelse_subscription where id = $1`, [id]);
    return r ? toSubscription(r) : undefined;
  }

  /** The subscriptions of one conversation, by board. */
  async inConversation(conversationId: string): Promise<Subscription[]> {
    const rows = await this.db.query(`select ${SUBSCRIPTION_COLUMNS} from avvikelse_subscription where conversation_id = $1 order by board_id`, [conversationId]);
    return rows.map(toSubscription);
  }

  /** Subscriptions someone made in other conversations (a controller's channels, seen from their 1:1). */
  async madeElsewhere(userId: string, conversationId: string): Promise<Subscription[]> {
    const rows = await this.db.query(
      `select ${SUBSCRIPTION_COLUMNS} from avvikelse_subscription where created_by = $1 and conversation_id <> $2 order by conversation_type, board_id`,
      [userId, conversationId],
    );
    return rows.map(toSubscription);
  }

  /** Ends a subscription and its digest; false when it did not exist. */
  async remove(id: number): Promise<boolean> {
    const gone = await this.db.query('delete from avvikelse_subscription where id = $1 returning id', [id]);
    await this.scheduler.cancel(digestJobKey(id));
    return gone.length > 0;
  }
}
