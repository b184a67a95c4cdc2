/**
 * A feature of the bot beyond answering questions (deviation alerts, indicator
 * collection): it gets the shared services, registers its chat commands, card
 * verbs and scheduled-job handlers, and may run background work.
 */
import type { Knowledge } from '../answering/knowledge.js';
import type { Roles } from '../auth/roles.js';
import type { Config } from '../config.js';
import type { ConversationStore } from '../conversation/conversation-store.js';
import type { LanguageModel } from '../llm/language-model.js';
import type { Logger } from '../logging/logger.js';
import type { MessageSender } from '../proactive/message-sender.js';
import type { OutboxWorker } from '../proactive/outbox-worker.js';
import type { Scheduler } from '../scheduling/scheduler.js';
import type { Database } from '../store/database.js';
import type { ChatService } from './chat-service.js';

export interface FeatureServices {
  config: Config;
  log: Logger;
  db: Database;
  chat: ChatService;
  knowledge: Knowledge;
  conversations: ConversationStore;
  roles: Roles;
  scheduler: Scheduler;
  sender: MessageSender;
  /** wakes the outbox worker after something was queued */
  outbox: Pick<OutboxWorker, 'notify'>;
  /** the optional language model (free-text reports: readReport); undefined when none is configured */
  languageModel?: LanguageModel;
}

/** What a feature's HTTP route answers (GET only; e.g. an export file behind a signed link). */
export interface RouteReply {
  status: number;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

/** A path prefix a feature serves on the bot's HTTP server, beside /api/messages. */
export interface FeatureRoute {
  prefix: string;
  get(url: URL): Promise<RouteReply>;
}

export interface Feature {
  readonly name: string;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  routes?: FeatureRoute[];
}

export type FeatureFactory = (services: FeatureServices) => Feature;
