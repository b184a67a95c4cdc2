/**
 * Composition of the running bot: store, services, adapter, Teams handler and
 * HTTP server. Tests build the same app against an in-memory or test store.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Knowledge } from '../services/answering/knowledge.js';
import { ChatService } from '../services/chat/chat-service.js';
import { isLocalMode, type Config } from '../services/config.js';
import { ActivityDedupe } from '../services/conversation/activity-dedupe.js';
import { ConversationStore } from '../services/conversation/conversation-store.js';
import type { Logger } from '../services/logging/logger.js';
import { readBoards } from '../services/reports/boards.js';
import type { Database, DatabaseOptions } from '../services/store/database.js';
import { openStore } from '../services/store/open-store.js';
import { createAdapter } from './bot-adapter.js';
import { createHttpServer } from './http-server.js';
import { TeamsBot } from './teams-bot.js';

export interface App {
  db: Database;
  server: http.Server;
  chat: ChatService;
  knowledge: Knowledge;
  listen(port?: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export interface AppOptions {
  config: Config;
  log: Logger;
  /** store options beyond the configuration (tests: a Postgres schema, a PGlite snapshot) */
  store?: Pick<DatabaseOptions, 'schema' | 'pgliteSnapshot'>;
}

export async function createApp({ config, log, store }: AppOptions): Promise<App> {
  const { db, loaded } = await openStore({ url: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR, ...store });
  log.info({ store: db.kind, loaded: loaded?.loaded, unchanged: loaded?.unchanged?.length }, 'rapportlagret är öppet');
  const knowledge = new Knowledge(db, (await readBoards()).otherBoards);
  await knowledge.current();
  const conversations = new ConversationStore(db);
  const chat = new ChatService(knowledge, conversations);
  const dedupe = new ActivityDedupe(db);

  const adapter = createAdapter(config, log);
  const bot = new TeamsBot(chat, log);
  log.info({ mode: isLocalMode(config) ? 'lokalt läge utan autentisering' : 'Bot Framework-autentisering' }, 'bot-läge');
  const server = createHttpServer({
    adapter,
    logic: (context) => bot.run(context),
    firstTime: (a) => dedupe.firstTime(a.id!),
    health: async () => {
      const [row] = await db.query<{ reports: number }>('select count(*)::int as reports from report');
      return { status: 'ok', store: db.kind, reports: row?.reports ?? 0, auth: isLocalMode(config) ? 'av (lokalt läge)' : 'på' };
    },
    log,
  });

  return {
    db,
    server,
    chat,
    knowledge,
    listen(port = config.PORT, host = config.HOST) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await db.close();
    },
  };
}
