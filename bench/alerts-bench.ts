/**
 * npm run bench:alerts: deviation alerts to 1 000 subscribed conversations
 * through the whole pipeline — a changed forecast lands in the store, the
 * alerts feature queues one card per subscription, the outbox worker sends
 * them — against a Bot Connector stand-in that allows 50 requests/s (Teams'
 * per-app limit) and answers 429 with Retry-After above that. Reports the
 * sustained deliveries per second and the share of the 50/s limit (target
 * ≥ 40/s, i.e. ≥ 80 %). Embedded store by default; DATABASE_URL = PostgreSQL.
 *   npm run bench:alerts [-- --n 1000]
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createApp } from '../bot/app.js';
import { SubscriptionStore } from '../services/alerts/subscription-store.js';
import { DEFAULT_THRESHOLDS } from '../services/alerts/subscription.js';
import { loadConfig } from '../services/config.js';
import { createLogger } from '../services/logging/logger.js';
import { appRateLimit, ConnectorStandIn } from '../test/support/connector-stand-in.js';
import { changeForecast } from '../test/support/forecast-change.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 1000);
const LIMIT = 50;
const TARGET = 40;

const limit = appRateLimit(LIMIT);
const connector = await new ConnectorStandIn().start();
connector.fault = limit.fault;

const url = process.env.DATABASE_URL;
const schema = url ? `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}` : undefined;
const config = loadConfig({ ...process.env, PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent', ALERTS_WATCH_MS: '200', PORT: '3978' });
console.log(`Förbereder ${N} prenumerationer (${url ? 'PostgreSQL' : 'inbäddad PGlite'}) …`);
const app = await createApp({ config, log: createLogger('silent'), store: schema ? { schema } : undefined });
const subscriptions = new SubscriptionStore(app.db, app.services.scheduler);
for (let i = 0; i < N; i++) {
  const id = `a:bench-${i}`;
  await subscriptions.save({
    conversationId: id,
    conversationType: 'personal',
    target: { serviceUrl: connector.url, conversationId: id, conversationType: 'personal', userId: `29:bench-${i}` },
    board: 'son',
    thresholds: DEFAULT_THRESHOLDS,
    by: { id: 'bench' },
  });
}

const deliveredAt = (): number[] =>
  connector.received.filter((r) => r.method === 'POST' && r.path.endsWith('/activities')).map((r) => r.at);

const changed = Date.now();
await changeForecast(app.db, 'son-2024-03', 'prognos', { '569': 499.4 });
await connector.waitFor(() => deliveredAt().length >= N, 10 * 60_000, `${N} leveranser`);
const times = deliveredAt().sort((a, b) => a - b);
const [first, last] = [times[0]!, times[N - 1]!];
const sustained = (N - 1) / ((last - first) / 1000);
const endToEnd = N / ((last - changed) / 1000);
const posts = connector.received.filter((r) => r.method === 'POST' && r.path.endsWith('/activities'));
const duplicates = posts.length - new Set(posts.map((r) => r.conversationId)).size;

await app.close();
await connector.stop();
if (schema && url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`drop schema if exists "${schema}" cascade`);
  await c.end();
}

const f = (x: number) => x.toFixed(1);
console.log(`\nAvvikelser till ${N} samtal, Bot Connector som tillåter ${LIMIT} anrop/s (429 + Retry-After över det):`);
console.log('| | värde |');
console.log('|---|---|');
console.log(`| leveranser/s (första till sista leveransen) | ${f(sustained)} |`);
console.log(`| andel av plattformens gräns ${LIMIT}/s | ${((100 * sustained) / LIMIT).toFixed(0)} % |`);
console.log(`| från ändrad prognos till sista leveransen | ${f((last - changed) / 1000)} s (${f(endToEnd)}/s) |`);
console.log(`| svar 429 från connectorn | ${limit.throttled()} |`);
console.log(`| dubbletter (samma samtal fick kortet två gånger) | ${duplicates} |`);
console.log(`\nMål: ≥ ${TARGET}/s (≥ ${(100 * TARGET) / LIMIT} % av ${LIMIT}/s): ${sustained >= TARGET ? 'uppnått' : 'INTE uppnått'}.`);
process.exitCode = sustained >= TARGET ? 0 : 1;
