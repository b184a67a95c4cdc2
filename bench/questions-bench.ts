/**
 * npm run bench (questions): Rapportboten answering questions over HTTP next
 * to a bare botbuilder echo bot, measured in the same run on the same
 * machine — latency p50/p95 and answered questions per second at
 * concurrency 1 and 20, and the ratios. Targets: throughput ≥ 60 % of the
 * echo bot's, p95 at concurrency 1 ≤ 2× the echo bot's.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { freePort } from '../test/support/bot-process.js';
import { load, ReplyCollector, type LoadResult } from './load.js';

const quick = process.argv.includes('--quick');
const N1 = quick ? 60 : 300;
const N20 = quick ? 300 : 2000;

async function start(script: string, args: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const child = fork(script, args, { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(readyUrl)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${script} startade inte`);
}

const questions = [
  ...JSON.parse(await readFile('test/eval/dev.json', 'utf8')),
  ...JSON.parse(await readFile('test/eval/heldout.json', 'utf8')),
].map((x: { q: string }) => x.q);

const collector = await new ReplyCollector().start();
const echoPort = await freePort();
const botPort = await freePort();
const echo = await start('bench/echo-bot.ts', [String(echoPort)], {}, `http://127.0.0.1:${echoPort}/health`);
const bot = await start('bot/main.ts', [], { PORT: String(botPort), HOST: '127.0.0.1', PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent', DATABASE_URL: '' }, `http://127.0.0.1:${botPort}/health`);

const measure = async (port: number, n: number, c: number) => {
  const url = `http://127.0.0.1:${port}/api/messages`;
  await load(url, collector, questions, Math.min(50, n), Math.min(c, 10)); // warm up
  return load(url, collector, questions, n, c);
};

const rows: Array<[string, LoadResult, LoadResult]> = [];
for (const [n, c] of [[N1, 1], [N20, 20]] as const) {
  const e = await measure(echoPort, n, c);
  const r = await measure(botPort, n, c);
  rows.push([`concurrency ${c}`, e, r]);
}
echo.kill();
bot.kill();
await collector.stop();

const f = (x: number) => x.toFixed(1);
console.log('\nFrågor över HTTP (Teams-aktivitet in, svar till lokal Bot Connector), samma körning:');
console.log('| | echo-bot p50 / p95 ms | Rapportboten p50 / p95 ms | echo-bot /s | Rapportboten /s | genomströmning, andel av echo | p95-kvot |');
console.log('|---|---|---|---|---|---|---|');
for (const [label, e, r] of rows) {
  console.log(`| ${label} | ${f(e.p50)} / ${f(e.p95)} | ${f(r.p50)} / ${f(r.p95)} | ${f(e.perSecond)} | ${f(r.perSecond)} | ${(100 * r.perSecond / e.perSecond).toFixed(0)} % | ${(r.p95 / e.p95).toFixed(2)}× |`);
  if (e.errors + r.errors) console.log(`  fel: echo ${e.errors}, Rapportboten ${r.errors}`);
}
const [c1, c20] = rows;
console.log(`\nMål: genomströmning ≥ 60 % av echo (c=20: ${(100 * c20![2].perSecond / c20![1].perSecond).toFixed(0)} %), p95 vid c=1 ≤ 2× echo (${(c1![2].p95 / c1![1].p95).toFixed(2)}×).`);
