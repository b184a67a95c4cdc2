/**
 * The Bot Framework adapter. Without app credentials it runs in local mode
 * (no authentication; replies go to the activity's serviceUrl — the Agents
 * Playground or a test connector). With credentials every request must carry
 * a valid Bot Framework token.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import type { Config } from '../services/config.js';
import type { Logger } from '../services/logging/logger.js';

export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const credentials = {
    MicrosoftAppId: config.MicrosoftAppId,
    MicrosoftAppPassword: config.MicrosoftAppPassword,
    MicrosoftAppType: config.MicrosoftAppId ? (config.MicrosoftAppType ?? 'MultiTenant') : undefined,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    CertificateThumbprint: config.CertificateThumbprint,
    CertificatePrivateKey: config.CertificatePrivateKey,
  };
  const auth = new ConfigurationBotFrameworkAuthentication(
    credentials as ConfigurationBotFrameworkAuthenticationOptions,
    new ConfigurationServiceClientCredentialFactory(credentials),
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log.error({ err: { message: error.message, stack: error.stack }, activityType: context.activity.type }, 'fel under en tur');
    if (context.activity.type === 'message') {
      await context.sendActivity('Något gick fel när jag skulle svara. Försök igen om en stund.').catch(() => {});
    }
  };
  return adapter;
}
