/**
 * Composition of the running bot: store, services, adapter, Teams handler and
 * HTTP server. Tests build the same app against an in-memory or test store.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnswerWorkers } from '../services/answering/answer-workers.js';
import { Knowledge } from '../services/answering/knowledge.js';
import { ChatService } from '../services/chat/chat-service.js';
import { isLocalMode, type Config } from '../services/config.js';
import { ActivityDedupe } from '../services/conversation/activity-dedupe.js';
import { ConversationStore } from '../services/conversation/conversation-store.js';
import type { Logger } from '../services/logging/logger.js';
import { readBoards } from '../services/reports/boards.js';
import type { Database, DatabaseOptions } from '../services/store/database.js';
import { openStore } from '../services/store/open-store.js';
import { createLanguageModel } from '../services/llm/language-model.js';
import { Roles } from '../services/auth/roles.js';
import type { FeatureFactory, FeatureServices } from '../services/chat/feature.js';
import type { MessageSender } from '../services/proactive/message-sender.js';
import { Outbox } from '../services/proactive/outbox.js';
import { OutboxWorker } from '../services/proactive/outbox-worker.js';
import { Scheduler } from '../services/scheduling/scheduler.js';
import { collectionFeature } from '../services/collection/collection-feature.js';
import { alertsFeature } from '../services/alerts/alerts-feature.js';
import { createAdapter } from './bot-adapter.js';
import { ConnectorSender } from './connector-sender.js';
import { createHttpServer } from './http-server.js';
import { TeamsBot } from './teams-bot.js';

export interface App {
  db: Database;
  server: http.Server;
  chat: ChatService;
  knowledge: Knowledge;
  services: FeatureServices;
  worker: OutboxWorker;
  listen(port?: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  log: Logger;
  /** store options beyond the configuration (tests: a Postgres schema, a PGlite snapshot) */
  store?: Pick<DatabaseOptions, 'schema' | 'pgliteSnapshot'>;
  /** false: no outbox worker and no scheduler (a test drives them itself) */
  background?: boolean;
  /** the sender for proactive messages (tests may wrap it) */
  sender?: MessageSender;
}

/** The features beyond question answering, in the order they get to see a chat message. */
const FEATURES: FeatureFactory[] = [alertsFeature, collectionFeature];

export async function createApp({ config, log, store, background = true, sender: givenSender }: AppOptions): Promise<App> {
  const { db, loaded } = await openStore({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR, ...store });
  log.info({ store: db.kind, loaded: loaded?.loaded, unchanged: loaded?.unchanged?.length }, 'rapportlagret är öppet');
  const { otherBoards } = await readBoards();
  const knowledge = new Knowledge(db, otherBoards);
  await knowledge.current();
  const answerWorkers = config.ANSWER_WORKERS > 0 ? new AnswerWorkers(db, otherBoards, config.ANSWER_WORKERS, log) : undefined;
  const conversations = new ConversationStore(db, { exclusive: db.kind === 'pglite' });
  const languageModel = createLanguageModel(config, log);
  const chat = new ChatService(knowledge, conversations, languageModel, answerWorkers);
  const dedupe = new ActivityDedupe(db);
  const sender = givenSender ?? new ConnectorSender(config);
  const worker = new OutboxWorker(db, sender, { log, leaseMs: config.OUTBOX_LEASE_MS });
  const scheduler = new Scheduler(db, { log });
  const outbox = new Outbox(db);
  const services: FeatureServices = { config, log, db, chat, knowledge, conversations, roles: new Roles(config.CONTROLLERS), scheduler, sender, outbox: worker, languageModel };
  const features = FEATURES.map((create) => create(services));
  for (const f of features) await f.start?.();
  if (background) {
    worker.start();
    scheduler.start();
  }

  const adapter = createAdapter(config, log);
  const bot = new TeamsBot(chat, log);
  log.info({ mode: isLocalMode(config) ? 'lokalt läge utan autentisering' : 'Bot Framework-autentisering' }, 'bot-läge');
  const server = createHttpServer({
    adapter,
    logic: (context) => bot.run(context),
    firstTime: (a) => dedupe.firstTime(a.id!),
    routes: features.flatMap((f) => f.routes ?? []),
    health: async () => {
      const [row] = await db.query<{ reports: number }>('select count(*)::int as reports from report');
      return {
        status: 'ok',
        store: db.kind,
        reports: row?.reports ?? 0,
        auth: isLocalMode(config) ? 'av (lokalt läge)' : 'på',
        outbox: await outbox.backlog(),
        answeringThreads: answerWorkers?.status() ?? { threads: 0, answered: 0 },
      };
    },
    log,
  });

  return {
    db,
    server,
    chat,
    knowledge,
    services,
    worker,
    listen(port = config.PORT, host = config.HOST) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await closed;
      await scheduler.stop();
      await worker.stop();
      for (const f of features.reverse()) await f.stop?.();
      await conversations.flush();
      await answerWorkers?.close();
      await db.close();
    },
  };
}
