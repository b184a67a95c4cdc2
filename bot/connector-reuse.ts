/**
 * Keeps Bot Framework clients between turns. For every incoming activity
 * CloudAdapter builds a new ConnectorClient and a new UserTokenClient, each
 * an HTTP pipeline with all its policies: together a tenth of a question's
 * CPU. The clients hold no per-turn state and their credentials cache tokens
 * themselves, so one connector per app id, audience and service URL, and one
 * token client per app id, serve every turn (the legacy BotFrameworkAdapter
 * kept its connectors the same way).
 */
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { JwtTokenValidation, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type ConnectorFactory, type UserTokenClient } from 'botframework-connector';

/** Service URLs come from activities; in local mode anyone can name one, so the cache is bounded. */
const MAX_CLIENTS = 64;

export class ConnectorReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return kept(this.tokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  private reusing(factory: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(identity);
    return { create: (serviceUrl, audience) => kept(this.clients, `${appId}\n${audience ?? ''}\n${serviceUrl}`, () => factory.create(serviceUrl, audience)) };
  }
}

const appIdOf = (identity: ClaimsIdentity) => JwtTokenValidation.getAppIdFromClaims(identity.claims) ?? '';

/** The client kept under `key`, made once; a failed one is forgotten so the next turn tries again. */
function kept<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let client = cache.get(key);
  if (!client) {
    if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value!);
    client = make();
    client.catch(() => cache.delete(key));
    cache.set(key, client);
  }
  return client;
}
