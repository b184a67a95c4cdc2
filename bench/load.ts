/**
 * Drives a bot the way Teams does: each question a message activity from its
 * own user, the reply collected by a local Bot Connector stand-in; latency is
 * from the POST to the reply's arrival.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface LoadResult {
  n: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number;
}

export class ReplyCollector {
  private readonly waiting = new Map<string, () => void>();
  private server?: http.Server;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const conversation = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.split('/')[3] ?? '');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: randomUUID() }));
        this.waiting.get(conversation)?.();
      });
    });
    this.server.keepAliveTimeout = 60_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  expect(conversation: string): Promise<void> {
    return new Promise((resolve) => this.waiting.set(conversation, () => {
      this.waiting.delete(conversation);
      resolve();
    }));
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((r) => this.server?.close(() => r()));
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function load(botUrl: string, collector: ReplyCollector, questions: string[], n: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const user = `bench-${i}-${randomUUID().slice(0, 6)}`;
        const conversation = `a:personal-${user}`;
        const activity = {
          type: 'message', id: randomUUID(), timestamp: new Date().toISOString(), serviceUrl: collector.url, channelId: 'msteams',
          from: { id: `29:${user}`, name: 'Bench', aadObjectId: randomUUID() }, recipient: { id: '28:bot', name: 'bot' },
          conversation: { id: conversation, conversationType: 'personal', tenantId: 't' }, channelData: { tenant: { id: 't' } },
          locale: 'sv-SE', text: questions[i % questions.length], textFormat: 'plain',
        };
        const replied = collector.expect(conversation);
        const t0 = performance.now();
        try {
          const status = await post(botUrl, JSON.stringify(activity));
          if (status >= 400) errors++;
          await Promise.race([replied, new Promise((_, reject) => setTimeout(() => reject(new Error('inget svar')), 10_000))]);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { n, concurrency, seconds, perSecond: n / seconds, p50: p(0.5), p95: p(0.95), errors };
}
