/**
 * Teams' limits for proactive messages: about 50 requests per second per app
 * and 7 per second per conversation. Both are shared by every instance, so
 * both live in the store.
 */
import type { Queryable } from '../store/database.js';

export interface RateLimits {
  /** requests per second for the whole app */
  perApp: number;
  /** requests per second to one conversation */
  perConversation: number;
}

export const TEAMS_LIMITS: RateLimits = { perApp: 50, perConversation: 7 };

/** A token bucket in the store: each take is one atomic statement, so instances share it. */
export class SharedBucket {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly db: Queryable,
    private readonly key: string,
    private readonly ratePerSecond: number,
    /** how many may go at once after a quiet spell */
    private readonly burst = Math.max(1, Math.round(ratePerSecond / 5)),
  ) {}

  private ensure(): Promise<void> {
    this.ready ??= this.db
      .query('insert into rate_bucket (key, tokens) values ($1, $2) on conflict (key) do nothing', [this.key, this.burst])
      .then(() => undefined);
    return this.ready;
  }

  /** Takes up to `want` tokens; resolves with how many it got (0 = none now) and how long until the next one. */
  async take(want: number): Promise<{ got: number; waitMs: number }> {
    await this.ensure();
    const [row] = await this.db.query<{ got: number; tokens: number }>(
      `with refill as (
         select least($3::float8, tokens + extract(epoch from clock_timestamp() - updated_at) * $2::float8) as available
           from rate_bucket where key = $1 for update
       )
       update rate_bucket set tokens = refill.available - least(floor(refill.available), $4::int), updated_at = clock_timestamp()
         from refill where key = $1
       returning least(floor(refill.available), $4::int)::int as got, rate_bucket.tokens as tokens`,
      [this.key, this.ratePerSecond, this.burst, want],
    );
    const got = row?.got ?? 0;
    const tokens = row?.tokens ?? 0;
    return { got, waitMs: got > 0 ? 0 : Math.ceil(((1 - tokens) / this.ratePerSecond) * 1000) };
  }
}

/** Spaces messages to one conversation, across instances: each send reserves the conversation's next slot. */
export class SharedPacer {
  private reservations = 0;

  constructor(
    private readonly db: Queryable,
    private readonly perSecond: number,
  ) {}

  /** Milliseconds to wait before sending to this conversation; the slot is then taken. */
  async reserve(conversationId: string): Promise<number> {
    const gap = 1000 / this.perSecond;
    if (++this.reservations % 5000 === 0) await this.db.query(`delete from conversation_pace where next_at < now() - interval '1 hour'`);
    const [row] = await this.db.query<{ wait: number }>(
      `insert into conversation_pace (conversation_id, next_at) values ($1, clock_timestamp() + $2::float8 * interval '1 millisecond')
       on conflict (conversation_id) do update set next_at = greatest(conversation_pace.next_at, clock_timestamp()) + $2::float8 * interval '1 millisecond'
       returning greatest(0, extract(epoch from (next_at - clock_timestamp())) * 1000 - $2::float8)::float8 as wait`,
      [conversationId, gap],
    );
    return row?.wait ?? 0;
  }
}
