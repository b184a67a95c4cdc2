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

export class ConversationStore {
  constructor(private readonly db: Queryable) {}

  /** Records (or refreshes) how to reach a conversation; returns what was last asked there. */
  async remember(c: ConversationInfo): Promise<ConversationContext | undefined> {
    const [row] = await this.db.query<{ context: ConversationContext | null }>(
      `insert into conversation (id, conversation_type, tenant_id, team_id, user_aad_id, reference, installed, updated_at)
       values ($1, $2, $3, $4, $5, $6, true, now())
       on conflict (id) do update set conversation_type = excluded.conversation_type, tenant_id = excluded.tenant_id,
         team_id = coalesce(excluded.team_id, conversation.team_id), user_aad_id = coalesce(excluded.user_aad_id, conversation.user_aad_id),
         reference = excluded.reference, installed = true, updated_at = now()
       returning context`,
      [c.id, c.type, c.tenantId ?? null, c.teamId ?? null, c.userAadId ?? null, JSON.stringify(c.reference)],
    );
    return row?.context ?? undefined;
  }

  /** The app was uninstalled or the bot removed: stop writing there. */
  async forget(id: string): Promise<void> {
    await this.db.query('update conversation set installed = false, updated_at = now() where id = $1', [id]);
  }

  async saveContext(id: string, context: ConversationContext): Promise<void> {
    await this.db.query('update conversation set context = $2 where id = $1', [id, JSON.stringify(context)]);
  }

  async reference(id: string): Promise<{ reference: Record<string, unknown>; installed: boolean } | undefined> {
    const [row] = await this.db.query<{ reference: Record<string, unknown>; installed: boolean }>('select reference, installed from conversation where id = $1', [id]);
    return row;
  }
}
