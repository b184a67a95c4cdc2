/**
 * The outbox delivers proactive messages once each, within Teams' limits,
 * through the real Bot Connector client code against a local stand-in that
 * can answer 429/503/403/404 — and never sends a row twice, also with two
 * workers on one store.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConnectorSender } from '../bot/connector-sender.js';
import { loadConfig } from '../services/config.js';
import { enqueue, Outbox, type OutboxMessage } from '../services/proactive/outbox.js';
import { OutboxWorker } from '../services/proactive/outbox-worker.js';
import { ConnectorStandIn } from './support/connector-stand-in.js';
import { openTestStore, type TestStore } from './support/test-store.js';

let store: TestStore;
let connector: ConnectorStandIn;
const sender = new ConnectorSender(loadConfig({}));
const workers: OutboxWorker[] = [];

beforeAll(async () => {
  store = await openTestStore();
  connector = await new ConnectorStandIn().start();
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  connector.fault = undefined;
  connector.received.length = 0;
  await store.db.query('delete from outbox');
  await store.db.query('delete from rate_bucket');
  await store.db.query('delete from conversation_pace');
});
afterAll(async () => {
  await connector.stop();
  await store.close();
});

let seq = 0;
function messages(n: number, options: Partial<OutboxMessage['target']> & { purpose?: string } = {}): OutboxMessage[] {
  const run = ++seq;
  return Array.from({ length: n }, (_, i) => ({
    dedupeKey: `test-${run}-${i}`,
    purpose: options.purpose ?? 'test',
    target: { serviceUrl: connector.url, conversationId: options.conversationId ?? `a:personal-${run}-${i}`, conversationType: options.conversationType ?? 'personal', tenantId: 't1', userId: options.userId ?? `29:user-${run}-${i}` },
    activity: { text: `Meddelande ${run}-${i}` },
  }));
}

function worker(options: ConstructorParameters<typeof OutboxWorker>[2] = {}): OutboxWorker {
  const w = new OutboxWorker(store.db, sender, { pollMs: 20, backoffMs: { base: 20, cap: 200 }, ...options });
  workers.push(w);
  w.start();
  return w;
}

const delivered = () => connector.sent().map((a) => a.text as string);
const statuses = async () => Object.fromEntries((await store.db.query<{ status: string; n: number }>('select status, count(*)::int as n from outbox group by status')).map((r) => [r.status, r.n]));
const settled = (n: number) => connector.waitFor(() => false, 0).catch(() => undefined).then(async () => {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const [row] = await store.db.query<{ open: number }>(`select count(*)::int as open from outbox where status in ('pending','sending')`);
    if (row!.open === 0) return;
    await new Promise((r) => setTimeout(r, 30));
  }
  throw new Error(`utskicken blev inte klara (${n})`);
});

describe('outbox', () => {
  it('delivers each queued message once, and ignores a message queued twice', async () => {
    const batch = messages(30);
    expect(await enqueue(store.db, batch)).toBe(30);
    expect(await enqueue(store.db, batch)).toBe(0);
    worker();
    await settled(30);
    expect(delivered().sort()).toEqual(batch.map((m) => m.activity.text).sort());
    expect(await statuses()).toEqual({ delivered: 30 });
  });

  it('retries 429 after Retry-After and 503 with backoff, until delivered', async () => {
    const tries = new Map<string, number>();
    connector.fault = ({ conversationId }) => {
      const n = (tries.get(conversationId!) ?? 0) + 1;
      tries.set(conversationId!, n);
      if (n === 1) return { status: 429, retryAfter: 0.05 };
      if (n === 2) return { status: 503 };
      return undefined;
    };
    await enqueue(store.db, messages(10));
    worker();
    await settled(10);
    expect(new Set(delivered()).size).toBe(10);
    expect(delivered()).toHaveLength(10);
    const [attempts] = await store.db.query<{ min: number }>('select min(attempts)::int as min from outbox');
    expect(attempts!.min).toBe(3);
  });

  it('shows what is still to be sent: due, waiting to retry, scheduled for later — and nothing once delivered', async () => {
    const outbox = new Outbox(store.db);
    connector.fault = () => ({ status: 503 });
    const [now, later] = [messages(3), messages(2).map((m) => ({ ...m, notBefore: new Date(Date.now() + 3_600_000) }))];
    await enqueue(store.db, [...now, ...later]);
    expect(await outbox.backlog()).toEqual({ sending: 0, due: 3, retrying: 0, scheduled: 2 });
    const w = worker({ backoffMs: { base: 60_000, cap: 60_000 } });
    await vi.waitFor(async () => expect(await outbox.backlog()).toEqual({ sending: 0, due: 0, retrying: 3, scheduled: 2 }), { timeout: 10_000 });
    await w.stop();
    connector.fault = undefined;
    await store.db.query(`update outbox set next_attempt_at = now()`);
    worker();
    await settled(5);
    expect(await outbox.backlog()).toEqual({ sending: 0, due: 0, retrying: 0, scheduled: 0 });
  });

  it('ends every row in a final state with the reason: blocked (403), gone (404), failed', async () => {
    const blocked = messages(1)[0]!;
    const gone = messages(1, { conversationType: 'channel', conversationId: '19:borttagen@thread.tacv2', userId: undefined })[0]!;
    const bad = messages(1, { conversationId: 'a:trasig' })[0]!;
    connector.fault = ({ conversationId }) =>
      conversationId === blocked.target.conversationId ? { status: 403, body: { error: { code: 'BotDisabledByAdmin', message: 'blockerad' } } }
      : conversationId === gone.target.conversationId ? { status: 404, body: { error: { code: 'ConversationNotFound', message: 'finns inte' } } }
      : conversationId === 'a:trasig' ? { status: 400, body: { error: { code: 'BadArgument', message: 'fel' } } }
      : undefined;
    await enqueue(store.db, [blocked, gone, bad]);
    worker();
    await settled(3);
    const rows = await store.db.query<{ dedupe_key: string; status: string; last_error: string }>('select dedupe_key, status, last_error from outbox');
    const by = (k: string) => rows.find((r) => r.dedupe_key === k)!;
    expect(by(blocked.dedupeKey).status).toBe('blocked');
    expect(by(gone.dedupeKey).status).toBe('gone');
    expect(by(bad.dedupeKey)).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/400 fel/) });
  });

  it('re-creates a 1:1 conversation that is gone and delivers there', async () => {
    const m = messages(1, { conversationId: 'a:gammal', userId: '29:anna' })[0]!;
    connector.fault = ({ conversationId, method }) => (method === 'POST' && conversationId === 'a:gammal' ? { status: 404, body: { error: { code: 'ConversationNotFound', message: 'borta' } } } : undefined);
    await enqueue(store.db, [m]);
    worker();
    await settled(1);
    expect(connector.sent('a:personal-anna').map((a) => a.text)).toEqual([m.activity.text]);
    expect(await statuses()).toEqual({ delivered: 1 });
  });

  it('gives up after the attempts run out, saying why', async () => {
    connector.fault = () => ({ status: 503 });
    await enqueue(store.db, messages(1));
    worker({ maxAttempts: 3 });
    await settled(1);
    const [row] = await store.db.query<{ status: string; last_error: string; attempts: number }>('select status, last_error, attempts from outbox');
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: expect.stringMatching(/gav upp efter 3 försök: 503/) });
  });

  it('keeps to the app limit across instances and to the per-conversation limit', async () => {
    const limits = { perApp: 20, perConversation: 4 };
    await enqueue(store.db, [...messages(40), ...messages(12, { conversationId: '19:samma@thread.tacv2', conversationType: 'channel', userId: undefined })]);
    worker({ limits });
    worker({ limits });
    await settled(52);
    const times = connector.received.map((r) => r.at).sort((a, b) => a - b);
    // counted over two seconds: on a loaded machine requests sent on time can arrive bunched
    const inWindow = (ts: number[], ms: number) => Math.max(...ts.map((t) => ts.filter((u) => u >= t && u < t + ms).length));
    const burst = Math.round(limits.perApp / 5);
    expect(inWindow(times, 2000)).toBeLessThanOrEqual(2 * limits.perApp + burst + 1);
    expect(inWindow(connector.received.filter((r) => r.conversationId === '19:samma@thread.tacv2').map((r) => r.at), 2000)).toBeLessThanOrEqual(2 * limits.perConversation + 1);
  });

  it('two workers on one store never send the same row twice', async () => {
    const batch = messages(120);
    await enqueue(store.db, batch);
    const seen = new Map<string, number>();
    worker({ batch: 7 });
    worker({ batch: 7 });
    await settled(120);
    for (const t of delivered()) seen.set(t, (seen.get(t) ?? 0) + 1);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(seen.size).toBe(120);
  });

  it('a row claimed by a worker that died is sent by another after the lease', async () => {
    await enqueue(store.db, messages(3));
    await store.db.query(`update outbox set status = 'sending', locked_by = 'död-arbetare', locked_until = now() - interval '1 second', attempts = 1`);
    worker();
    await settled(3);
    expect(delivered()).toHaveLength(3);
  });
});
