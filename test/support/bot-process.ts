/**
 * The bot as a child process (`node --import tsx bot/main.ts`), for tests
 * that stop it the way a platform does (SIGTERM) or kill it (SIGKILL), and
 * the store settings that let a child reach the test's store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { ROOT } from '../../services/paths.js';

export interface BotProcess {
  child: ChildProcess;
  url: string;
  /** what the child wrote to stderr (shown when a test fails) */
  stderr: () => string;
  /** sends the signal and resolves when the process has exited */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** resolves once the outbox has nothing being sent, due or waiting to retry (its /health says so) */
  outboxSettled(ms?: number): Promise<void>;
}

/** A port nothing listens on now. */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Environment that points a child at a PostgreSQL schema (search_path in the URL). */
export function postgresEnv(url: string, schema: string): Record<string, string> {
  return { DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` };
}

export async function startBot(env: Record<string, string>, readyMs = 60_000): Promise<BotProcess> {
  const port = await freePort();
  let err = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ANSWER_WORKERS: '0', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`boten avslutades vid start (${child.exitCode}): ${err}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`boten startade inte inom ${readyMs} ms: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    stderr: () => err,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    async outboxSettled(ms = 60_000) {
      const until = Date.now() + ms;
      let backlog: Record<string, number> = {};
      while (Date.now() < until) {
        backlog = ((await (await fetch(`${url}/health`)).json()) as { outbox: Record<string, number> }).outbox;
        if (backlog.sending === 0 && backlog.due === 0 && backlog.retrying === 0) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`utskicken blev inte klara inom ${ms} ms: ${JSON.stringify(backlog)}`);
    },
  };
}
