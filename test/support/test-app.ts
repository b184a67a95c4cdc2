/**
 * The real bot, started on a free port against a test store, with a Bot
 * Connector stand-in for its replies.
 */
import pg from 'pg';
import { createApp, type App } from '../../bot/app.js';
import { loadConfig } from '../../services/config.js';
import { createLogger } from '../../services/logging/logger.js';
import { ConnectorStandIn, TeamsClient } from './connector-stand-in.js';
import { cardTexts } from './answer-score.js';
import { testStoreOptions } from './test-store.js';

export interface TestApp {
  app: App;
  url: string;
  connector: ConnectorStandIn;
  teams: TeamsClient;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}, store = testStoreOptions()): Promise<TestApp> {
  const config = loadConfig({ PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent', ANSWER_WORKERS: '0', ...(store.url ? { DATABASE_URL: store.url } : {}), ...env });
  const app = await createApp({ config, log: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), store });
  const port = await app.listen(0, '127.0.0.1');
  const connector = await new ConnectorStandIn().start();
  const url = `http://127.0.0.1:${port}/api/messages`;
  return {
    app,
    url,
    connector,
    teams: new TeamsClient(url, connector),
    async close() {
      await app.close();
      await connector.stop();
      if (store.schema && store.url) {
        const client = new pg.Client({ connectionString: store.url });
        await client.connect();
        await client.query(`drop schema if exists "${store.schema}" cascade`);
        await client.end();
      }
    },
  };
}

/** The text a reader sees in the bot's replies: message text plus Adaptive Card text, buttons in brackets. */
export function readable(replies: Array<Record<string, unknown>>): string {
  return replies
    .flatMap((r) => [...(typeof r.text === 'string' ? [r.text] : []), ...cardTexts(r.attachments, (title) => `[${title}]`)])
    .join('\n');
}

export function cardOf(reply: Record<string, unknown>): Record<string, unknown> | undefined {
  const att = (reply.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined)?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return att?.content;
}
