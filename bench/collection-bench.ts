/**
 * npm run bench:collection: a reporting round for 1 000 managers through the
 * whole pipeline, over HTTP as Teams calls the bot — the responsibility list
 * read (100 people looked up in a Graph stand-in, the rest listed with their
 * object id), the controller's "starta insamling …", one card per manager
 * through the outbox — against a Bot Connector stand-in that allows 50
 * requests/s and answers 429 with Retry-After above that; then managers
 * submit their cards (Action.Execute invokes). Targets: all prompted in
 * ≤ 30 s; card submit p95 ≤ 300 ms. Embedded store by default; DATABASE_URL
 * = PostgreSQL.   npm run bench:collection [-- --n 1000 --submits 300]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApp } from '../bot/app.js';
import { checkResponsibilities, readTable, replaceResponsibilities } from '../services/collection/responsibilities.js';
import { JOBS, PEOPLE_JOB_KEY } from '../services/collection/reminders.js';
import { addDays, monthName, stockholmDate } from '../services/collection/swedish-dates.js';
import { loadConfig } from '../services/config.js';
import { createLogger } from '../services/logging/logger.js';
import { readBoards } from '../services/reports/boards.js';
import { reportFile } from '../services/reports/report-file.js';
import { writeReport } from '../services/reports/report-writer.js';
import { aadObjectId, appRateLimit, ConnectorStandIn, TeamsClient } from '../test/support/connector-stand-in.js';
import { GraphStandIn } from '../test/support/graph-stand-in.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('n', 1000);
const SUBMITS = Math.min(N, arg('submits', 300));
const CONCURRENCY = arg('concurrency', 10);
const LOOKED_UP = Math.min(N, 100);
const LIMIT = 50;
const PROMPT_TARGET_S = 30;
const SUBMIT_P95_TARGET_MS = 300;

const limit = appRateLimit(LIMIT);
const connector = await new ConnectorStandIn().start();
connector.fault = limit.fault;

const manager = (i: number) => ({ id: `b${i}`, upn: `chef${i}@bench.linkoping.se`, key: `bench-${i}` });
const graph = await new GraphStandIn(new Map(Array.from({ length: LOOKED_UP }, (_, i) => [manager(i).upn, { id: aadObjectId(manager(i).id), displayName: `Chef ${i}` }]))).start();

const url = process.env.DATABASE_URL;
const schema = url ? `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}` : undefined;
const config = loadConfig({ ...process.env, PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent', PORT: '3978', CONTROLLERS: aadObjectId('ctrl'), ...graph.env() });
console.log(`Förbereder ${N} chefer (${url ? 'PostgreSQL' : 'inbäddad PGlite'}) …`);
const app = await createApp({ config, log: createLogger('silent'), store: schema ? { schema } : undefined });
const port = await app.listen(0, '127.0.0.1');
const teams = new TeamsClient(`http://127.0.0.1:${port}/api/messages`, connector);

// one indicator per manager (a synthetic report of the board), each with a last value
await app.db.transaction((tx) =>
  writeReport(tx, reportFile.parse({
    report: { id: 'son-bench-2024-02', board: 'son', kind: 'delårsrapport', title: 'Benchmark', year: 2024, periodEnd: '2024-02-29', unit: 'tkr', source: 'bench' },
    indicators: Array.from({ length: N }, (_, i) => ({ key: manager(i).key, kind: 'personal', name: `Benchindikator ${i}`, unit: '%', values: [{ at: '2024-02', value: 50 }] })),
  }), 'import'),
);

// the managers have the app (Teams sends an install event to the bot)
const installs = Date.now();
for (let i = 0; i < N; i += CONCURRENCY) {
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, N - i) }, (_, j) => {
    const m = manager(i + j);
    return teams.post(teams.activity('installationUpdate', teams.personal(m.id), m.id, { action: 'add' }));
  }));
}
await teams.say('hej', { userId: 'ctrl' });
console.log(`  ${N} installationer registrerade på ${((Date.now() - installs) / 1000).toFixed(1)} s`);

// the responsibility list: most with their object id, the first 100 by e-mail only (looked up in Graph)
const dir = await mkdtemp(path.join(tmpdir(), 'insamling-bench-'));
const file = path.join(dir, 'ansvar.csv');
await writeFile(file, ['nämnd;indikator;ansvarig;objekt-id', ...Array.from({ length: N }, (_, i) => `SoN;${manager(i).key};${manager(i).upn};${i < LOOKED_UP ? '' : aadObjectId(manager(i).id)}`)].join('\n'));
const loadStart = Date.now();
const rows = await checkResponsibilities(app.db, await readTable(file), (await readBoards()).boards);
await app.db.transaction((tx) => replaceResponsibilities(tx, rows, 'bench'));
const loaded = (Date.now() - loadStart) / 1000;
const graphStart = Date.now();
await app.services.scheduler.schedule(PEOPLE_JOB_KEY, JOBS.people, {}, { at: new Date() });
await app.services.scheduler.tick();
const graphSeconds = (Date.now() - graphStart) / 1000;
const graphTimes = graph.requests.filter((r) => r.path.startsWith('/v1.0/')).map((r) => r.at).sort((a, b) => a - b);
const graphPeak = Math.max(0, ...graphTimes.map((t) => graphTimes.filter((u) => u >= t && u < t + 1000).length));
await rm(dir, { recursive: true, force: true });

// the round
const cardPosts = () => connector.received.filter((r) => r.method === 'POST' && r.path.endsWith('/activities') && /^Dags att rapportera/.test(String(r.body.text)));
const [y, m, d] = addDays(stockholmDate(new Date()), 10).split('-').map(Number) as [number, number, number];
const started = performance.now();
const startedAt = Date.now();
const reply = await teams.say(`starta insamling för SoN delår augusti 2026, sista dag ${d} ${monthName(m)} ${y}`, { userId: 'ctrl' });
const replyMs = performance.now() - started;
const startText = reply.replies.map((r) => String(r.text)).find((t) => /startad/.test(t)) ?? '';
if (!startText.includes(`${N} chefer`)) throw new Error(`insamlingen startade inte som väntat: ${startText || JSON.stringify(reply.replies.map((r) => r.text))}`);
await connector.waitFor(() => new Set(cardPosts().map((r) => r.conversationId)).size >= N, 10 * 60_000, `${N} kort`);
const cards = cardPosts();
const lastAt = Math.max(...cards.map((r) => r.at));
const promptSeconds = (lastAt - startedAt) / 1000;
const duplicates = cards.length - new Set(cards.map((r) => r.conversationId)).size;

// managers submit their cards (Action.Execute), CONCURRENCY at a time
const submitData = new Map(cards.map((r) => {
  const card = (r.body.attachments as Array<{ content: { actions: Array<{ verb?: string; data?: Record<string, unknown> }> } }>)[0]!.content;
  return [r.conversationId!, card.actions.find((a) => a.verb === 'insamling-skicka')!.data!];
}));
const latencies: number[] = [];
let refused = 0;
const submitStart = performance.now();
for (let i = 0; i < SUBMITS; i += CONCURRENCY) {
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, SUBMITS - i) }, async (_, j) => {
    const mg = manager(i + j);
    const data = submitData.get(`a:personal-${mg.id}`)!;
    const t0 = performance.now();
    const res = await teams.execute('insamling-skicka', { ...data, [`${mg.key}.v`]: '51,5', [`${mg.key}.na`]: 'false', [`${mg.key}.c`]: '' }, { userId: mg.id });
    latencies.push(performance.now() - t0);
    if (res.status !== 200 || !JSON.stringify(res.body).includes('Tack! Allt är inrapporterat')) refused++;
  }));
}
const submitSeconds = (performance.now() - submitStart) / 1000;
const [stored] = await app.db.query<{ n: number }>('select count(*)::int as n from collection_value');

await app.close();
await connector.stop();
await graph.stop();
if (schema && url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`drop schema if exists "${schema}" cascade`);
  await c.end();
}

const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const f = (x: number, d = 1) => x.toFixed(d);
console.log(`\nInsamling för ${N} chefer (${url ? 'PostgreSQL' : 'inbäddad PGlite'}), Bot Connector-stand-in med ${LIMIT} anrop/s:`);
console.log('| mått | värde | mål | kvot |');
console.log('|---|---|---|---|');
console.log(`| ansvarslistan inläst (${N} rader) | ${f(loaded)} s | | |`);
console.log(`| ${LOOKED_UP} personer slagna i Graph | ${f(graphSeconds)} s, högst ${graphPeak} anrop på en sekund | ≤ 30/s | ${f(graphPeak / 30, 2)} |`);
console.log(`| svar på "starta insamling" | ${f(replyMs / 1000, 2)} s | | |`);
console.log(`| alla ${N} kort levererade | ${f(promptSeconds)} s (${f(N / promptSeconds)} kort/s, ${limit.throttled()} × 429) | ≤ ${PROMPT_TARGET_S} s | ${f(promptSeconds / PROMPT_TARGET_S, 2)} |`);
console.log(`| kort per sekund mot gränsen | ${f((100 * N) / promptSeconds / LIMIT, 0)} % av ${LIMIT}/s | | |`);
console.log(`| dubbletter | ${duplicates} | 0 | |`);
console.log(`| kortsvar (invoke), ${SUBMITS} st, ${CONCURRENCY} samtidigt: p50 / p95 / p99 | ${f(pct(50), 0)} / ${f(pct(95), 0)} / ${f(pct(99), 0)} ms (${f(SUBMITS / submitSeconds)} /s) | p95 ≤ ${SUBMIT_P95_TARGET_MS} ms | ${f(pct(95) / SUBMIT_P95_TARGET_MS, 2)} |`);
console.log(`| sparade värden | ${stored!.n} av ${SUBMITS}${refused ? `, ${refused} utan kvitto` : ''} | ${SUBMITS} | |`);
const ok = promptSeconds <= PROMPT_TARGET_S && pct(95) <= SUBMIT_P95_TARGET_MS && duplicates === 0 && stored!.n === SUBMITS && graphPeak <= 30;
console.log(ok ? '\nMålen nådda.' : '\nMålen INTE nådda.');
process.exitCode = ok ? 0 : 1;
