/**
 * Proactive sends over the Bot Connector REST API. Tokens come from
 * botbuilder's credential factory; the HTTP call is made here so the outbox
 * sees every status and Retry-After — the SDK's own pipeline would retry 429s
 * out of sight and break the shared rate limit.
 */
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { isLocalMode, type Config } from '../services/config.js';
import type { MessageSender, OutboundActivity, SendResult, SendTarget } from '../services/proactive/message-sender.js';

const SCOPE = 'https://api.botframework.com';
const LOGIN = 'https://login.microsoftonline.com/botframework.com';
const TIMEOUT_MS = 15_000;

/** The app registration as botbuilder names it; no app id = local mode. */
export function botCredentials(config: Config) {
  return {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppId ? (config.MicrosoftAppType ?? 'MultiTenant') : undefined,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    CertificateThumbprint: config.CertificateThumbprint,
    CertificatePrivateKey: config.CertificatePrivateKey,
  };
}

export function credentialFactory(config: Config): ConfigurationServiceClientCredentialFactory {
  return new ConfigurationServiceClientCredentialFactory(botCredentials(config));
}

export class ConnectorSender implements MessageSender {
  constructor(
    private readonly config: Config,
    private readonly factory = credentialFactory(config),
  ) {}

  send(target: SendTarget, activity: OutboundActivity): Promise<SendResult> {
    return this.call('POST', target.serviceUrl, `v3/conversations/${encodeURIComponent(target.conversationId)}/activities`, message(target, activity));
  }

  update(target: SendTarget, activityId: string, activity: OutboundActivity): Promise<SendResult> {
    return this.call('PUT', target.serviceUrl, `v3/conversations/${encodeURIComponent(target.conversationId)}/activities/${encodeURIComponent(activityId)}`, { ...message(target, activity), id: activityId });
  }

  async openPersonal(t: Pick<SendTarget, 'serviceUrl' | 'tenantId' | 'botId'> & { userId: string }) {
    const r = await this.call('POST', t.serviceUrl, 'v3/conversations', {
      isGroup: false,
      bot: { id: t.botId ?? `28:${this.config.MicrosoftAppId ?? 'rapportboten'}` },
      members: [{ id: t.userId }],
      tenantId: t.tenantId,
      channelData: { tenant: { id: t.tenantId } },
    });
    return r.ok && r.activityId ? { ok: true as const, conversationId: r.activityId } : { ok: false as const, status: r.ok ? 500 : r.status, message: r.ok ? 'inget samtals-id i svaret' : r.message };
  }

  private async headers(): Promise<Record<string, string>> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (isLocalMode(this.config)) return headers;
    // AppCredentials (secret, certificate or managed identity) all expose getToken
    const credentials = (await this.factory.createCredentials(this.config.MicrosoftAppId!, SCOPE, LOGIN, true)) as unknown as { getToken(): Promise<string> };
    headers.authorization = `Bearer ${await credentials.getToken()}`;
    return headers;
  }

  private async call(method: string, serviceUrl: string, path: string, body: unknown): Promise<SendResult> {
    const url = new URL(path, serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
    let res: Response;
    try {
      res = await fetch(url, { method, headers: await this.headers(), body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (e) {
      return { ok: false, status: 0, message: `nätverksfel: ${(e as Error).message}` };
    }
    const text = await res.text().catch(() => '');
    let json: { id?: string; error?: { code?: string; message?: string } } = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      /* not JSON */
    }
    if (res.ok) return { ok: true, activityId: json.id };
    return { ok: false, status: res.status, retryAfterMs: retryAfter(res.headers.get('retry-after')), code: json.error?.code, message: json.error?.message ?? (text.slice(0, 200) || res.statusText) };
  }
}

function message(target: SendTarget, activity: OutboundActivity) {
  return {
    type: 'message',
    text: activity.text,
    textFormat: 'plain',
    attachments: activity.attachments,
    conversation: { id: target.conversationId },
    channelData: target.tenantId ? { tenant: { id: target.tenantId } } : undefined,
  };
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
