/**
 * The real bot, started on a free port against a test store, with a Bot
 * Connector stand-in for its replies.
 */
import pg from 'pg';
import { createApp, type App } from '../../bot/app.js';
import { loadConfig } from '../../services/config.js';
import { createLogger } from '../../services/logging/logger.js';
import { ConnectorStandIn, TeamsClient } from './connector-stand-in.js';
import { testStoreOptions } from './test-store.js';

export interface TestApp {
  app: App;
  url: string;
  connector: ConnectorStandIn;
  teams: TeamsClient;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}, store = testStoreOptions()): Promise<TestApp> {
  const config = loadConfig({ PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent', ...(store.url ? { DATABASE_URL: store.url } : {}), ...env });
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

/** The text a reader sees in the bot's replies: message text plus Adaptive Card text. */
export function readable(replies: Array<Record<string, unknown>>): string {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet') for (const f of (o.facts as Array<{ title: string; value: string }>) ?? []) out.push(`${f.title}: ${f.value}`);
    if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.push(`[${o.title}]`);
    for (const [k, v] of Object.entries(o)) if (k !== 'facts' && typeof v === 'object') walk(v);
  };
  for (const r of replies) {
    if (typeof r.text === 'string') out.push(r.text);
    walk(r.attachments);
  }
  return out.join('\n');
}

export function cardOf(reply: Record<string, unknown>): Record<string, unknown> | undefined {
  const att = (reply.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined)?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return att?.content;
}
