/**
 * Entra ID tokens for Azure OpenAI by the client-credentials flow of an app
 * registration (tenant, client id, client secret) — one form post, no Azure
 * SDK. The token is reused until five minutes before it expires.
 */
import { z } from 'zod';

const SCOPE = 'https://cognitiveservices.azure.com/.default';

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive() });

export interface ClientCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost: string;
}

export function entraTokenProvider(credentials: ClientCredentials, timeoutMs: number): () => Promise<string> {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const url = new URL(`${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`, credentials.authorityHost.endsWith('/') ? credentials.authorityHost : `${credentials.authorityHost}/`);

  async function fetchToken(): Promise<string> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret, scope: SCOPE }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // the error body may echo the request; only the status is worth keeping
    if (!res.ok) throw new Error(`Entra ID svarade ${res.status}`);
    const body = tokenResponse.parse(await res.json());
    cached = { token: body.access_token, renewAt: Date.now() + Math.max(0, body.expires_in - 300) * 1000 };
    return body.access_token;
  }

  return async () => {
    if (cached && Date.now() < cached.renewAt) return cached.token;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  };
}
