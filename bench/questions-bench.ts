/**
 * npm run bench (questions): Rapportboten answering questions over HTTP next
 * to a bare botbuilder echo bot, measured in the same run on the same
 * machine — latency p50/p95 and answered questions per second at
 * concurrency 1 and 20, and the ratios. Targets: throughput ≥ 60 % of the
 * echo bot's, p95 at concurrency 1 ≤ 2× the echo bot's. Rapportboten runs
 * twice: as configured by default (ANSWER_WORKERS=auto: answering threads on
 * the spare cores take questions while the main thread is busy) and with the
 * main thread answering everything (ANSWER_WORKERS=0).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { freePort } from '../test/support/bot-process.js';
import { load, ReplyCollector, type LoadResult } from './load.js';
import { perQuestion, threadTimes, type ThreadCpu } from './thread-cpu.js';
import { loadConfig } from '../services/config.js';

const quick = process.argv.includes('--quick');
const N1 = quick ? 60 : 1000;
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
const echo = await start('bench/echo-bot.ts', [String(echoPort)], {}, `http://127.0.0.1:${echoPort}/health`);
const auto = loadConfig({}).ANSWER_WORKERS; // what ANSWER_WORKERS=auto gives on this machine
const bots: Array<[string, number, ChildProcess]> = [];
for (const [label, workers] of [[`Rapportboten (standard: ${auto} svarstråd${auto === 1 ? '' : 'ar'})`, 'auto'], ['Rapportboten, bara huvudtråden (ANSWER_WORKERS=0)', '0']] as const) {
  const port = await freePort();
  bots.push([label, port, await start('bot/main.ts', [], { PORT: String(port), HOST: '127.0.0.1', PGLITE_DIR: 'memory://', LOG_LEVEL: 'silent', DATABASE_URL: '', ANSWER_WORKERS: workers }, `http://127.0.0.1:${port}/health`)]);
}

/** CPU per question: the bot's threads, and this process (load generator and connector stand-in) */
type Cpu = ThreadCpu & { load: number };

const measure = async (child: ChildProcess, port: number, n: number, c: number): Promise<LoadResult & { cpu?: Cpu }> => {
  const url = `http://127.0.0.1:${port}/api/messages`;
  // warm up with every question once: a running bot has read each kind of answer's rows before (they are kept per store version)
  await load(url, collector, questions, quick ? 50 : questions.length, Math.min(c, 10));
  const [before, ownBefore] = [threadTimes(child.pid!), process.cpuUsage()];
  const result = await load(url, collector, questions, n, c);
  const threads = perQuestion(child.pid!, before, threadTimes(child.pid!), n);
  const own = process.cpuUsage(ownBefore);
  return { ...result, cpu: threads && { ...threads, load: (own.user + own.system) / 1000 / n } };
};

// the machines are noisy: echo and bots take turns in short rounds, and each ratio is the median of the rounds' own ratios
const ROUNDS = quick ? 1 : 5;
type Measured = Awaited<ReturnType<typeof measure>>;
const runs = new Map<string, Array<{ e: Measured; r: Measured }>>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [n, c] of [[N1, 1], [N20, 20]] as const) {
    const e = await measure(echo, echoPort, Math.ceil(n / ROUNDS), c);
    for (const [label, port, child] of bots) {
      const key = `${c}\n${label}`;
      runs.set(key, [...(runs.get(key) ?? []), { e, r: await measure(child, port, Math.ceil(n / ROUNDS), c) }]);
    }
  }
}
echo.kill();
for (const [, , child] of bots) child.kill();
await collector.stop();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f = (x: number) => x.toFixed(1);
console.log(`\nFrågor över HTTP (Teams-aktivitet in, svar till lokal Bot Connector), samma körning, ${availableParallelism()} kärnor; median av ${ROUNDS} omgångar:`);
console.log('| | bot | echo-bot p50 / p95 ms | bot p50 / p95 ms | echo-bot /s | bot /s | genomströmning, andel av echo | p95-kvot |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [key, xs] of runs) {
  const [c, label] = key.split('\n');
  const m = (pick: (x: LoadResult) => number, who: 'e' | 'r') => f(median(xs.map((x) => pick(x[who]))));
  const share = median(xs.map((x) => x.r.perSecond / x.e.perSecond));
  const p95 = median(xs.map((x) => x.r.p95 / x.e.p95));
  console.log(`| concurrency ${c} | ${label} | ${m((x) => x.p50, 'e')} / ${m((x) => x.p95, 'e')} | ${m((x) => x.p50, 'r')} / ${m((x) => x.p95, 'r')} | ${m((x) => x.perSecond, 'e')} | ${m((x) => x.perSecond, 'r')} | ${(100 * share).toFixed(0)} % | ${p95.toFixed(2)}× |`);
  const errors = xs.reduce((n, x) => n + x.e.errors + x.r.errors, 0);
  if (errors) console.log(`  fel: ${errors}`);
}

// where a question's CPU goes: on two cores the ratio follows the CPU a question costs in all, not one thread
const cpuRows = [...runs].filter(([, xs]) => xs.every((x) => x.e.cpu && x.r.cpu));
if (cpuRows.length) {
  console.log('\nCPU per fråga, ms (median av omgångarna): huvudtråd / övriga trådar (svarstrådar, V8:s skräpsamling) / lastgeneratorn:');
  console.log('| | bot | echo-bot | bot |');
  console.log('|---|---|---|---|');
  const cpu = (xs: Array<Cpu | undefined>) => (['main', 'others', 'load'] as const).map((k) => median(xs.map((x) => x![k])).toFixed(2)).join(' / ');
  for (const [key, xs] of cpuRows) {
    const [c, label] = key.split('\n');
    console.log(`| concurrency ${c} | ${label} | ${cpu(xs.map((x) => x.e.cpu))} | ${cpu(xs.map((x) => x.r.cpu))} |`);
  }
}
console.log('\nMål: genomströmning ≥ 60 % av echo, p95 vid c=1 ≤ 2× echo.');
