/**
 * Sending a message to a conversation the bot is not currently in a turn
 * with. Implemented in bot/ (it speaks the Bot Connector protocol); the
 * outbox only sees these results.
 */
import { z } from 'zod';

/** Where a proactive message goes. */
export const sendTarget = z.object({
  serviceUrl: z.string().url(),
  conversationId: z.string().min(1),
  conversationType: z.enum(['personal', 'groupChat', 'channel']),
  tenantId: z.string().optional(),
  /** personal chats: the user's Teams id (29:…), to re-create the conversation if it is gone */
  userId: z.string().optional(),
  /** the bot's own id in the conversation (28:…) */
  botId: z.string().optional(),
});
export type SendTarget = z.infer<typeof sendTarget>;

export interface OutboundActivity {
  text: string;
  attachments?: Array<{ contentType: string; content: unknown }>;
}

export type SendResult =
  | { ok: true; activityId?: string }
  | { ok: false; status: number; retryAfterMs?: number; code?: string; message: string };

export interface MessageSender {
  send(target: SendTarget, activity: OutboundActivity): Promise<SendResult>;
  update(target: SendTarget, activityId: string, activity: OutboundActivity): Promise<SendResult>;
  /** Opens (or finds) the 1:1 conversation with a user; Teams returns the same id for the same pair. */
  openPersonal(target: Pick<SendTarget, 'serviceUrl' | 'tenantId' | 'botId'> & { userId: string }): Promise<{ ok: true; conversationId: string } | { ok: false; status: number; message: string }>;
}
