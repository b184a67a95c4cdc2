/**
 * A local stand-in for the Bot Connector service (and the Teams client that
 * posts to the bot): the bot's outgoing calls land here and are recorded;
 * faults (429 with Retry-After, 5xx, 403, 404) can be injected per request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';

export interface Recorded {
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  body: Record<string, unknown>;
  at: number;
}

/** A fault for one request: a status, optional Retry-After seconds. */
export interface Fault {
  status: number;
  retryAfter?: number;
  body?: unknown;
}

export class ConnectorStandIn {
  readonly received: Recorded[] = [];
  /** return a fault to inject it into this request */
  fault?: (req: { method: string; path: string; conversationId?: string }) => Fault | undefined;
  private server?: http.Server;
  private waiters: Array<() => void> = [];
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  /** Activities the bot posted to a conversation (replies and proactive messages), in order. */
  sent(conversationId?: string): Array<Record<string, unknown>> {
    return this.received
      .filter((r) => r.method === 'POST' && /\/activities(\/|$)/.test(r.path) && (!conversationId || r.conversationId === conversationId))
      .map((r) => r.body);
  }

  /** Waits until `pred` holds (checked on every recorded request), or fails after `ms`. */
  async waitFor(pred: () => boolean, ms = 10_000, what = 'villkoret'): Promise<void> {
    if (pred()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`väntade ${ms} ms på ${what}`)), ms);
      const check = () => {
        if (pred()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      const conversationId = parts[0] === 'v3' && parts[1] === 'conversations' ? parts[2] : undefined;
      const method = req.method ?? 'GET';
      const fault = this.fault?.({ method, path: url.pathname, conversationId });
      if (fault) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
        res.writeHead(fault.status, headers);
        res.end(JSON.stringify(fault.body ?? { error: { code: fault.status === 429 ? 'Throttled' : 'Error', message: 'injected' } }));
        return;
      }
      let body: Record<string, unknown> = {};
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        /* keep empty */
      }
      const json = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      // POST /v3/conversations: the bot opens a conversation (proactive 1:1)
      if (method === 'POST' && parts.length === 2 && parts[1] === 'conversations') {
        const member = (body.members as Array<{ id: string }> | undefined)?.[0]?.id ?? 'okänd';
        const id = `a:personal-${member.replace(/^29:/, '')}`;
        this.record({ method, path: url.pathname, conversationId: id, body, at: Date.now() });
        return json(201, { id });
      }
      const activityId = parts[3] === 'activities' ? parts[4] : undefined;
      const id = activityId && method === 'PUT' ? activityId : randomUUID();
      this.record({ method, path: url.pathname, conversationId, activityId, body, at: Date.now() });
      json(200, { id });
    });
  }

  private record(r: Recorded): void {
    this.received.push(r);
    for (const w of this.waiters.splice(0)) w();
  }
}

/** Posts activities to the bot the way Teams does. */
export class TeamsClient {
  readonly tenantId = '11111111-1111-1111-1111-111111111111';
  readonly botId = '28:rapportboten';

  constructor(
    readonly botUrl: string,
    readonly connector: ConnectorStandIn,
  ) {}

  user(id = 'u1', name = 'Test Användare') {
    return { id: `29:${id}`, name, aadObjectId: aadObjectId(id) };
  }

  personal(userId = 'u1') {
    return { id: `a:personal-${userId}`, conversationType: 'personal', tenantId: this.tenantId };
  }

  groupChat(id = '19:grupp@thread.v2') {
    return { id, conversationType: 'groupChat', tenantId: this.tenantId, isGroup: true };
  }

  channel(id = '19:kanal@thread.tacv2') {
    return { id, conversationType: 'channel', tenantId: this.tenantId, isGroup: true };
  }

  activity(type: string, conversation: Record<string, unknown>, userId = 'u1', extra: Record<string, unknown> = {}) {
    return {
      type,
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.url,
      channelId: 'msteams',
      from: this.user(userId),
      conversation,
      recipient: { id: this.botId, name: 'Rapportboten' },
      locale: 'sv-SE',
      channelData: { tenant: { id: this.tenantId }, ...(extra.channelData as object) },
      ...extra,
    };
  }

  async post(activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
    const res = await fetch(this.botUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof activity === 'string' ? activity : JSON.stringify(activity) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  }

  /** Sends a message and returns what the bot sent back to that conversation. */
  async say(text: string, options: { userId?: string; conversation?: Record<string, unknown>; mention?: boolean; expectReply?: boolean } = {}) {
    const conversation = options.conversation ?? this.personal(options.userId);
    const from = this.connector.received.length;
    const mention = options.mention ? { text: `<at>Rapportboten</at> ${text}`, entities: [{ type: 'mention', text: '<at>Rapportboten</at>', mentioned: { id: this.botId, name: 'Rapportboten' } }] } : { text };
    const r = await this.post(this.activity('message', conversation, options.userId, { textFormat: 'plain', ...mention }));
    if (options.expectReply !== false) await this.connector.waitFor(() => this.connector.received.length > from, 10_000, 'botens svar');
    else await new Promise((r2) => setTimeout(r2, 300));
    return { status: r.status, replies: this.connector.received.slice(from).map((x) => x.body) };
  }

  /** Action.Execute: an invoke whose response carries the card that replaces the clicked one. */
  async execute(verb: string, data: Record<string, unknown>, options: { userId?: string; conversation?: Record<string, unknown> } = {}) {
    const conversation = options.conversation ?? this.personal(options.userId);
    return this.post(this.activity('invoke', conversation, options.userId, { name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' } }));
  }

  /** The install event Teams sends when the app is added. */
  async install(conversation: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const from = this.connector.received.length;
    const r = await this.post(this.activity('conversationUpdate', conversation, 'u1', { membersAdded: [{ id: this.botId }], ...extra }));
    await this.connector.waitFor(() => this.connector.received.length > from, 10_000, 'välkomstkortet');
    return { status: r.status, replies: this.connector.received.slice(from).map((x) => x.body) };
  }
}

/** A stable Entra object id per test user (a hash, so similar ids never collide). */
export function aadObjectId(id: string): string {
  const h = createHash('sha256').update(id).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Teams' per-app limit as the platform applies it: at most `perSecond`
 * accepted sends in any one-second window, 429 with Retry-After above it.
 */
export function appRateLimit(perSecond: number): { fault: NonNullable<ConnectorStandIn['fault']>; throttled: () => number } {
  const accepted: number[] = [];
  let throttled = 0;
  return {
    throttled: () => throttled,
    fault: ({ method, path }) => {
      if (method !== 'POST' || !path.endsWith('/activities')) return undefined;
      const now = performance.now();
      while (accepted.length && accepted[0]! <= now - 1000) accepted.shift();
      if (accepted.length >= perSecond) {
        throttled++;
        return { status: 429, retryAfter: Math.max(0.1, Math.ceil((accepted[0]! + 1000 - now) / 100) / 10) };
      }
      accepted.push(now);
      return undefined;
    },
  };
}

/** A connector on a bad day: 30 % of requests throttled (429, Retry-After 0.2 s), 5 % unavailable (503), drawn from a seeded random. */
export function badDay(random: () => number): () => Fault | undefined {
  return () => {
    const r = random();
    return r < 0.3 ? { status: 429, retryAfter: 0.2 } : r < 0.35 ? { status: 503 } : undefined;
  };
}
