/**
 * A local stand-in for the Microsoft Graph endpoints collection uses: the
 * client-credentials token endpoint, GET /v1.0/users/{upn} and
 * POST /v1.0/users/{id}/teamwork/installedApps (201 the first time, 409
 * after). Records every request with its time, to check pacing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphUser {
  id: string;
  displayName: string;
}

export interface GraphRequest {
  method: string;
  path: string;
  at: number;
  body?: Record<string, unknown>;
}

export const GRAPH_TOKEN = 'graph-stand-in-token';

export class GraphStandIn {
  readonly requests: GraphRequest[] = [];
  readonly installed = new Set<string>();
  /** a status to answer instead, per request */
  fault?: (req: GraphRequest) => number | undefined;
  private server?: http.Server;
  url = '';

  constructor(readonly users: Map<string, GraphUser> = new Map()) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  /** The environment that points the bot at this stand-in. */
  env(teamsAppId = 'katalog-app-id'): Record<string, string> {
    return {
      GRAPH_CLIENT_ID: 'graph-client',
      GRAPH_CLIENT_SECRET: 'graph-secret',
      GRAPH_TENANT_ID: 'tenant',
      GRAPH_TOKEN_URL: `${this.url}/token`,
      GRAPH_BASE_URL: this.url,
      GRAPH_TEAMS_APP_ID: teamsAppId,
    };
  }

  calls(method: string, prefix: string): GraphRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(prefix));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = decodeURIComponent(url.pathname);
      const method = req.method ?? 'GET';
      let body: Record<string, unknown> | undefined;
      try {
        body = raw && !raw.includes('grant_type') ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const record: GraphRequest = { method, path, at: Date.now(), body };
      this.requests.push(record);
      const json = (status: number, payload?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      const error = (status: number, code: string) => json(status, { error: { code, message: code } });
      if (method === 'POST' && path === '/token') {
        const form = new URLSearchParams(raw);
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_secret') !== 'graph-secret') return error(401, 'invalid_client');
        return json(200, { access_token: GRAPH_TOKEN, token_type: 'Bearer', expires_in: 3600 });
      }
      if (req.headers.authorization !== `Bearer ${GRAPH_TOKEN}`) return error(401, 'InvalidAuthenticationToken');
      const faulted = this.fault?.(record);
      if (faulted) return error(faulted, 'Injected');
      const user = path.match(/^\/v1\.0\/users\/([^/]+)$/);
      if (method === 'GET' && user) {
        const found = this.users.get(user[1]!.toLowerCase());
        return found ? json(200, { '@odata.context': 'x', ...found }) : error(404, 'Request_ResourceNotFound');
      }
      const install = path.match(/^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/);
      if (method === 'POST' && install) {
        if (typeof body?.['teamsApp@odata.bind'] !== 'string' || !body['teamsApp@odata.bind'].endsWith('/appCatalogs/teamsApps/katalog-app-id')) return error(400, 'BadRequest');
        if (this.installed.has(install[1]!)) return error(409, 'Conflict');
        this.installed.add(install[1]!);
        // Graph answers 201 with no body
        res.writeHead(201);
        return void res.end();
      }
      error(404, 'NotFound');
    });
  }
}
