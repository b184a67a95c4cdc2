/**
 * The Bot Framework adapter. Without app credentials it runs in local mode
 * (no authentication; replies go to the activity's serviceUrl — the Agents
 * Playground or a test connector). With credentials every request must carry
 * a valid Bot Framework token.
 */
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from '../services/config.js';
import type { Logger } from '../services/logging/logger.js';
import { ConnectorReusingAuthentication } from './connector-reuse.js';
import { botCredentials } from './connector-sender.js';

/** JWT library errors (bad signature, malformed token) surface from botbuilder as 500s; they are 401s. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

class TokenCheckingAdapter extends CloudAdapter {
  protected override async processActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
  protected override async processActivity(result: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
  protected override async processActivity(auth: string | AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    try {
      return await (typeof auth === 'string' ? super.processActivity(auth, activity, logic) : super.processActivity(auth, activity, logic));
    } catch (e) {
      if (e instanceof Error && TOKEN_ERRORS.has(e.name)) return { status: 401, body: { error: 'Ogiltig token.' } };
      throw e;
    }
  }
}

export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const credentials = botCredentials(config);
  const auth = new ConnectorReusingAuthentication(
    {
      ...credentials,
      // naming one endpoint makes botbuilder expect them all: the public cloud's, with the signing keys from elsewhere
      ...(config.BotOpenIdMetadataUrl
        ? {
            ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
            ToChannelFromBotOAuthScope: 'https://api.botframework.com',
            ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
            OAuthUrl: 'https://api.botframework.com',
            ToBotFromChannelOpenIdMetadataUrl: config.BotOpenIdMetadataUrl,
            ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
            CallerId: CallerIdConstants.PublicAzureChannel,
            ValidateAuthority: true,
          }
        : {}),
    } as ConfigurationBotFrameworkAuthenticationOptions,
    new ConfigurationServiceClientCredentialFactory(credentials),
  );
  const adapter = new TokenCheckingAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: { message: error.message, stack: error.stack }, activityType: context.activity.type }, 'fel under en tur');
    if (context.activity.type === 'message') {
      await context.sendActivity('Något gick fel när jag skulle svara. Försök igen om en stund.').catch(() => {});
    }
  };
  return adapter;
}
