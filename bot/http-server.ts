/**
 * The HTTP endpoint: POST /api/messages for the Bot Framework, GET /health.
 * Malformed requests get a 4xx with a Swedish message before they reach the
 * SDK; nothing a client sends makes it answer 5xx.
 */
import http from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { FeatureRoute } from '../services/chat/feature.js';
import type { Logger } from '../services/logging/logger.js';
import { describeActivityProblems, incomingActivity } from './activity-schema.js';

const MAX_BODY = 512 * 1024;

export interface HttpHandlers {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  /** false when the activity was already handled (a retried delivery) */
  firstTime?: (activity: { id?: string; type: string }) => Promise<boolean>;
  health: () => Promise<Record<string, unknown>>;
  log: Logger;
  /** features' own GET routes (export downloads) */
  routes?: FeatureRoute[];
}

export function createHttpServer(h: HttpHandlers): http.Server {
  return http.createServer((req, res) => {
    handle(req, res, h).catch((err: Error) => {
      h.log.error({ err: { message: err.message, stack: err.stack } }, 'oväntat fel i HTTP-hanteringen');
      if (!res.headersSent) send(res, 500, { error: 'Internt fel.' });
      else res.end();
    });
  });
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, h: HttpHandlers): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/health' || path === '/healthz') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'Använd GET.' });
    const health = await h.health().catch((e: Error) => ({ status: 'fel', error: e.message }));
    return send(res, health.status === 'ok' ? 200 : 503, health);
  }
  const route = h.routes?.find((r) => (path ?? '').startsWith(r.prefix));
  if (route) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'Använd GET.' });
    const reply = await route.get(new URL(req.url ?? '/', 'http://localhost'));
    res.writeHead(reply.status, { 'cache-control': 'no-store', ...reply.headers });
    return void res.end(req.method === 'HEAD' ? undefined : reply.body);
  }
  if (path !== '/api/messages') return send(res, 404, { error: 'Finns inte. Boten tar emot aktiviteter på POST /api/messages.' });
  if (req.method !== 'POST') return send(res, 405, { error: 'Använd POST.' });

  const raw = await readBody(req);
  if (raw === undefined) return send(res, 413, { error: `För stor förfrågan (högst ${MAX_BODY / 1024} kB).` });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return send(res, 400, { error: 'Förfrågan är inte giltig JSON.' });
  }
  const parsed = incomingActivity.safeParse(body);
  if (!parsed.success) return send(res, 400, { error: `Ogiltig aktivitet: ${describeActivityProblems(parsed.error)}` });
  const activity = parsed.data;
  if (h.firstTime && activity.id && activity.type === 'message' && !(await h.firstTime(activity))) {
    return send(res, 200, {});
  }

  const shim = {
    socket: req.socket,
    status(code: number) {
      res.statusCode = code;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
    },
    send(payload: unknown) {
      if (payload !== undefined && payload !== null && typeof payload === 'object') {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.write(JSON.stringify(payload));
      } else if (payload !== undefined) res.write(String(payload));
    },
    end() {
      res.end();
    },
  };
  await h.adapter.process({ body: activity as Record<string, unknown>, headers: req.headers as Record<string, string>, method: req.method }, shim, h.logic);
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
