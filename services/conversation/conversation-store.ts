/**
 * Conversations the bot takes part in: how to reach them again (the
 * conversation reference, kept current on every turn) and what was last
 * asked there (for follow-up questions). Held in the store, so a restart or
 * another instance continues the same conversation.
 */
import { z } from 'zod';
import type { ConversationContext } from '../answering/reply.js';
import type { Queryable } from '../store/database.js';

export const conversationType = z.enum(['personal', 'groupChat', 'channel']);
export type ConversationType = z.infer<typeof conversationType>;

export interface ConversationInfo {
  id: string;
  type: ConversationType;
  tenantId?: string;
  teamId?: string;
  userAadId?: string;
  /** the SDK's conversation reference, stored as it is */
  reference: Record<string, unknown>;
}

const CACHED = 5_000;
const FLUSH_MS = 250;

export class ConversationStore {
  /**
   * What this process last wrote per conversation. Only used when the store is
   * this process's alone (embedded): with PostgreSQL another instance may have
   * answered the previous turn, so the store is read every time.
   */
  private readonly cache?: Map<string, { reference: string; context?: ConversationContext }>;

  constructor(
    private readonly db: Queryable,
    options: { exclusive?: boolean } = {},
  ) {
    if (options.exclusive) this.cache = new Map();
  }

  private cached(id: string) {
    return this.cache?.get(id);
  }

  private keep(id: string, entry: { reference: string; context?: ConversationContext }): void {
    if (!this.cache) return;
    this.cache.delete(id);
    if (this.cache.size >= CACHED) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, entry);
  }

  /** Ids of every conversation in the store (embedded mode): a new one is known to be new without a read. */
  private known?: Promise<Set<string>>;

  /**
   * Records (or refreshes) how to reach a conversation; returns what was last
   * asked there. `later`: a new conversation's first message may be recorded
   * with the next batch of writes (embedded mode) — an install or a card
   * action is written at once.
   */
  async remember(c: ConversationInfo, options: { later?: boolean } = {}): Promise<ConversationContext | undefined> {
    const reference = JSON.stringify(c.reference);
    const cached = this.cached(c.id);
    if (cached?.reference === reference) return cached.context;
    if (options.later && !cached && this.cache) {
      const known = await (this.known ??= this.db.query<{ id: string }>('select id from conversation').then((rows) => new Set(rows.map((r) => r.id))));
      if (!known.has(c.id)) {
        known.add(c.id);
        this.unsavedNew.set(c.id, c);
        this.keep(c.id, { reference });
        this.flushSoon();
        return undefined;
      }
    }
    const [row] = await this.db.query<{ context: ConversationContext | null }>(
      `insert into conversation (id, conversation_type, tenant_id, team_id, user_aad_id, reference, installed, updated_at)
       values ($1, $2, $3, $4, $5, $6, true, now())
       on conflict (id) do update set conversation_type = excluded.conversation_type, tenant_id = excluded.tenant_id,
         team_id = coalesce(excluded.team_id, conversation.team_id), user_aad_id = coalesce(excluded.user_aad_id, conversation.user_aad_id),
         reference = excluded.reference, installed = true, updated_at = now()
       returning context`,
      [c.id, c.type, c.tenantId ?? null, c.teamId ?? null, c.userAadId ?? null, reference],
    );
    (await this.known)?.add(c.id);
    this.unsavedNew.delete(c.id); // written now, with the newer reference
    // a context not yet flushed is newer than the stored one
    const context = this.unsaved.get(c.id) ?? row?.context ?? undefined;
    this.keep(c.id, { reference, context });
    return context;
  }

  /** The app was uninstalled or the bot removed: stop writing there. */
  async forget(id: string): Promise<void> {
    await this.flush();
    this.cache?.delete(id);
    await this.db.query('update conversation set installed = false, updated_at = now() where id = $1', [id]);
  }

  /**
   * Keeps what was asked. With the store to itself this process answers from
   * memory and writes the contexts in batches (a follow-up's context is not
   * worth a write per turn); with PostgreSQL it writes at once, for the next
   * turn may reach another instance.
   */
  async saveContext(id: string, context: ConversationContext): Promise<void> {
    const known = this.cached(id);
    if (!known) {
      await this.db.query('update conversation set context = $2 where id = $1', [id, JSON.stringify(context)]);
      return;
    }
    this.keep(id, { ...known, context });
    this.unsaved.set(id, context);
    this.flushSoon();
  }

  private readonly unsaved = new Map<string, ConversationContext>();
  private readonly unsavedNew = new Map<string, ConversationInfo>();
  private flushing?: Promise<void>;

  private flushSoon(): void {
    this.flushing ??= new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS)).then(() => this.flush());
  }

  /**
   * Writes what is kept in memory: new conversations, then contexts. Called on
   * shutdown and by whatever reads the conversation table in embedded mode.
   */
  async flush(): Promise<void> {
    // a new conversation is written with its first context in one row: an insert then an update would write it twice
    const fresh = [...this.unsavedNew.values()].map((c) => ({
      id: c.id, type: c.type, tenant_id: c.tenantId ?? null, team_id: c.teamId ?? null, user_aad_id: c.userAadId ?? null, reference: c.reference,
      context: this.unsaved.get(c.id) ?? null,
    }));
    const batch = [...this.unsaved].filter(([id]) => !this.unsavedNew.has(id)).map(([id, context]) => ({ id, context }));
    this.unsavedNew.clear();
    this.unsaved.clear();
    this.flushing = undefined;
    if (fresh.length > 0) {
      await this.db.query(
        `insert into conversation (id, conversation_type, tenant_id, team_id, user_aad_id, reference, context)
         select x.id, x.type, x.tenant_id, x.team_id, x.user_aad_id, x.reference, x.context
         from jsonb_to_recordset($1::jsonb) as x(id text, type text, tenant_id text, team_id text, user_aad_id text, reference jsonb, context jsonb)
         on conflict (id) do nothing`,
        [JSON.stringify(fresh)],
      );
    }
    if (batch.length === 0) return;
    await this.db.query(
      `update conversation c set context = x.context from jsonb_to_recordset($1::jsonb) as x(id text, context jsonb) where c.id = x.id`,
      [JSON.stringify(batch)],
    );
  }

  async reference(id: string): Promise<{ reference: Record<string, unknown>; installed: boolean } | undefined> {
    await this.flush();
    const [row] = await this.db.query<{ reference: Record<string, unknown>; installed: boolean }>('select reference, installed from conversation where id = $1', [id]);
    return row;
  }
}
