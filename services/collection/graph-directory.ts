/**
 * The two Microsoft Graph calls collection needs, through
 * @microsoft/microsoft-graph-client: a user by e-mail/UPN → their Entra
 * object id, and installing the app in a user's personal scope (201
 * installed, 409 already installed). App-only token by client credentials
 * from a configurable token endpoint; requests paced to at most
 * GRAPH_REQUESTS_PER_SECOND across all instances (a token bucket in the store).
 */
import { Client, GraphError, HTTPMessageHandler, RetryHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import { z } from 'zod';
import { SharedBucket } from '../proactive/rate-limiter.js';
import type { Queryable } from '../store/database.js';
import type { GraphSettings } from './collection-config.js';

/** permanent: asking again will not help (no such user, no permission) until someone changes something */
export type UserLookup = { found: true; id: string; displayName?: string } | { found: false; permanent: boolean; reason: string };
export type Installation = { ok: true; already: boolean } | { ok: false; permanent: boolean; reason: string };

export interface Directory {
  findUser(upn: string): Promise<UserLookup>;
  installApp(userId: string): Promise<Installation>;
}

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });
const userResponse = z.object({ id: z.string().min(1), displayName: z.string().nullish() });

/** Client credentials → a bearer token, kept until a minute before it expires. */
class ClientCredentials {
  private token?: { value: string; until: number };
  private pending?: Promise<string>;

  constructor(private readonly s: GraphSettings) {}

  get(): Promise<string> {
    if (this.token && Date.now() < this.token.until) return Promise.resolve(this.token.value);
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetch(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.s.clientId, client_secret: this.s.clientSecret, scope: 'https://graph.microsoft.com/.default' });
    const res = await fetch(this.s.tokenUrl, { method: 'POST', body, signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`tokenutfärdaren svarade ${res.status}`);
    const t = tokenResponse.parse(await res.json());
    this.token = { value: t.access_token, until: Date.now() + (t.expires_in - 60) * 1000 };
    return t.access_token;
  }
}

/** Puts the token on every request: the client only ever calls the configured Graph root. */
class BearerToken implements Middleware {
  private next?: Middleware;
  constructor(private readonly credentials: ClientCredentials) {}

  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    const headers = (options.headers ??= {}) as Record<string, string>;
    headers.Authorization = `Bearer ${await this.credentials.get()}`;
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

export class GraphDirectory implements Directory {
  private readonly client: Client;
  private readonly bucket: SharedBucket;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    db: Queryable,
    private readonly s: GraphSettings,
  ) {
    this.client = Client.initWithMiddleware({
      baseUrl: `${s.baseUrl}/`,
      defaultVersion: 'v1.0',
      middleware: [new BearerToken(new ClientCredentials(s)), new RetryHandler(), new HTTPMessageHandler()],
    });
    // a bucket of one, refilled at five sixths of the ceiling: requests delayed on the way (a busy
    // event loop, the network) and then arriving together still stay under it in any second
    this.bucket = new SharedBucket(db, 'graph', Math.max(1, Math.floor((s.perSecond * 5) / 6)), 1);
  }

  async findUser(upn: string): Promise<UserLookup> {
    await this.pace();
    try {
      const user = userResponse.parse(await this.client.api(`/users/${encodeURIComponent(upn)}`).select(['id', 'displayName']).get());
      return { found: true, id: user.id, displayName: user.displayName ?? undefined };
    } catch (e) {
      if (e instanceof GraphError && e.statusCode === 404) return { found: false, permanent: true, reason: 'finns inte i organisationens katalog' };
      return { found: false, permanent: isPermanent(e), reason: describe(e) };
    }
  }

  async installApp(userId: string): Promise<Installation> {
    await this.pace();
    try {
      await this.client.api(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`).post({
        'teamsApp@odata.bind': `${this.s.baseUrl}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(this.s.teamsAppId)}`,
      });
      return { ok: true, already: false };
    } catch (e) {
      if (e instanceof GraphError && e.statusCode === 409) return { ok: true, already: true };
      return { ok: false, permanent: isPermanent(e), reason: describe(e) };
    }
  }

  /** One request at a time asks the shared bucket (many waiters polling it would only load the store). */
  private pace(): Promise<void> {
    const mine = this.queue.then(() => this.token());
    this.queue = mine.catch(() => undefined);
    return mine;
  }

  private async token(): Promise<void> {
    for (;;) {
      const { got, waitMs } = await this.bucket.take(1);
      if (got > 0) return;
      await new Promise((r) => setTimeout(r, Math.max(5, waitMs)));
    }
  }
}

const isPermanent = (e: unknown) => e instanceof GraphError && [400, 401, 403, 404].includes(e.statusCode);

function describe(e: unknown): string {
  if (e instanceof GraphError) {
    if (e.statusCode === 401 || e.statusCode === 403) return `Graph nekade (${e.statusCode}): appen saknar behörighet (User.Read.All, TeamsAppInstallation.ReadWriteSelfForUser.All)`;
    return `Graph svarade ${e.statusCode}${e.code ? ` ${e.code}` : ''}`;
  }
  return `Graph kunde inte nås: ${(e as Error).message}`.slice(0, 200);
}
