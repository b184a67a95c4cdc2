/**
 * The Bot Connector side of a local chat: the bot (in local mode) sends its
 * replies and proactive messages to the serviceUrl of the activities it
 * receives, which is this server on a free local port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export type Activity = Record<string, unknown>;

export interface ChatMember {
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
}

export class LocalConnector {
  private server?: http.Server;
  url = '';

  constructor(
    /** called for every activity the bot sends: new messages, and updates of earlier ones */
    private readonly onActivity: (activity: Activity, kind: 'ny' | 'uppdaterad') => void,
    private readonly member: ChatMember,
  ) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      let body: Activity = {};
      try {
        body = raw ? (JSON.parse(raw) as Activity) : {};
      } catch {
        return json(400, { error: { code: 'BadArgument', message: 'not JSON' } });
      }
      const parts = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (parts[0] !== 'v3' || parts[1] !== 'conversations') return json(404, { error: { code: 'NotFound' } });
      // POST /v3/conversations: the bot opens a 1:1 chat (proactive); it is this chat
      if (parts.length === 2 && req.method === 'POST') {
        if (body.activity) this.onActivity(body.activity as Activity, 'ny');
        return json(201, { id: `a:chat-${this.member.id}`, activityId: randomUUID() });
      }
      // the member lookup Teams offers (e-mail/UPN of the person chatting)
      if (parts[3] === 'members' || parts[3] === 'pagedmembers') {
        const m = { id: this.member.id, name: this.member.name, aadObjectId: this.member.aadObjectId, email: this.member.email, userPrincipalName: this.member.email };
        return json(200, parts[3] === 'pagedmembers' ? { members: [m] } : parts[4] ? m : [m]);
      }
      if (parts[3] === 'activities') {
        if (req.method === 'PUT') {
          this.onActivity(body, 'uppdaterad');
          return json(200, { id: parts[4] });
        }
        if (req.method === 'DELETE') return json(200, {});
        this.onActivity(body, 'ny');
        return json(200, { id: randomUUID() });
      }
      json(404, { error: { code: 'NotFound' } });
    });
  }
}
