/**
 * Settings of indicator collection (insamling): Microsoft Graph for finding
 * managers and installing the app for them, the reminder schedule, the
 * deviation that asks for confirmation, and export links. Validated with the
 * rest of the configuration at start (services/config.ts).
 */
import { z } from 'zod';

const text = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const url = text.pipe(z.string().url('ska vara en http(s)://-adress').optional());

/** "7,2,-1": days before the deadline (negative = after it). */
const dayList = z
  .string()
  .default('7,2,-1')
  .transform((s, ctx) => {
    const days = s.split(/[,;\s]+/).filter(Boolean).map(Number);
    if (days.some((d) => !Number.isInteger(d) || d < -30 || d > 60)) {
      ctx.addIssue({ code: 'custom', message: 'ska vara hela dagar före sista dagen, t.ex. "7,2,-1" (−1 = dagen efter)' });
      return z.NEVER;
    }
    return [...new Set(days)].sort((a, b) => b - a);
  });

/** The environment variables of collection (all optional). */
export const collectionEnv = {
  /** Entra ID app registration with the application permissions User.Read.All and TeamsAppInstallation.ReadWriteSelfForUser.All */
  GRAPH_TENANT_ID: text,
  GRAPH_CLIENT_ID: text,
  GRAPH_CLIENT_SECRET: text,
  /** where client-credentials tokens come from; default https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token */
  GRAPH_TOKEN_URL: url,
  /** Microsoft Graph's root (sovereign clouds; tests) */
  GRAPH_BASE_URL: url,
  /** the app's id in the tenant's app catalog (not the manifest id): GET /appCatalogs/teamsApps?$filter=externalId eq '{manifest id}' */
  GRAPH_TEAMS_APP_ID: text,
  /** the most Graph requests in any second, all instances together (paced with a margin below it) */
  GRAPH_REQUESTS_PER_SECOND: z.coerce.number().min(1).max(30).default(30),
  /** reminders: days before the deadline, negative = after it */
  COLLECTION_REMINDER_DAYS: dayList,
  /** days after the deadline when the controller gets the list of who is still missing */
  COLLECTION_ESCALATION_DAYS: z.coerce.number().int().min(0).max(30).default(2),
  /** the hour (Europe/Stockholm) reminders go out on working days */
  COLLECTION_REMINDER_HOUR: z.coerce.number().int().min(6).max(18).default(9),
  /** a value further than this from the previous one (in percent of it) is confirmed before it is stored */
  COLLECTION_DEVIATION_PERCENT: z.coerce.number().min(1).max(1000).default(50),
  /** how the bot is reached from outside (for export download links); default http://localhost:PORT */
  PUBLIC_BASE_URL: url,
  /** the key export links are signed with; default one generated once and kept in the store */
  EXPORT_URL_SECRET: text.pipe(z.string().min(32, 'minst 32 tecken').optional()),
  /** how long an export link works */
  EXPORT_URL_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
};

type CollectionEnv = z.infer<z.ZodObject<typeof collectionEnv>>;

/** Problems that involve more than one variable. */
export function collectionEnvIssues(c: CollectionEnv & { MicrosoftAppTenantId?: string }): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  const graph = [c.GRAPH_CLIENT_ID, c.GRAPH_CLIENT_SECRET].filter(Boolean).length;
  if (graph === 1) issues.push({ path: c.GRAPH_CLIENT_ID ? 'GRAPH_CLIENT_SECRET' : 'GRAPH_CLIENT_ID', message: 'GRAPH_CLIENT_ID och GRAPH_CLIENT_SECRET sätts tillsammans' });
  if (graph === 2 && !c.GRAPH_TENANT_ID && !c.MicrosoftAppTenantId && !c.GRAPH_TOKEN_URL) issues.push({ path: 'GRAPH_TENANT_ID', message: 'krävs när Graph är konfigurerat' });
  if (graph === 2 && !c.GRAPH_TEAMS_APP_ID) issues.push({ path: 'GRAPH_TEAMS_APP_ID', message: 'krävs för att installera appen åt chefer (appens id i organisationens appkatalog)' });
  return issues;
}

export interface GraphSettings {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  baseUrl: string;
  teamsAppId: string;
  perSecond: number;
}

export interface CollectionSettings {
  graph?: GraphSettings;
  reminderDays: number[];
  escalationDays: number;
  reminderHour: number;
  deviationPercent: number;
  publicBaseUrl: string;
  exportSecret?: string;
  exportMinutes: number;
}

export function collectionSettings(c: CollectionEnv & { MicrosoftAppTenantId?: string; PORT: number }): CollectionSettings {
  const tenant = c.GRAPH_TENANT_ID ?? c.MicrosoftAppTenantId;
  const graph =
    c.GRAPH_CLIENT_ID && c.GRAPH_CLIENT_SECRET && c.GRAPH_TEAMS_APP_ID
      ? {
          tokenUrl: c.GRAPH_TOKEN_URL ?? `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
          clientId: c.GRAPH_CLIENT_ID,
          clientSecret: c.GRAPH_CLIENT_SECRET,
          baseUrl: (c.GRAPH_BASE_URL ?? 'https://graph.microsoft.com').replace(/\/+$/, ''),
          teamsAppId: c.GRAPH_TEAMS_APP_ID,
          perSecond: c.GRAPH_REQUESTS_PER_SECOND,
        }
      : undefined;
  return {
    graph,
    reminderDays: c.COLLECTION_REMINDER_DAYS,
    escalationDays: c.COLLECTION_ESCALATION_DAYS,
    reminderHour: c.COLLECTION_REMINDER_HOUR,
    deviationPercent: c.COLLECTION_DEVIATION_PERCENT,
    publicBaseUrl: (c.PUBLIC_BASE_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    exportSecret: c.EXPORT_URL_SECRET,
    exportMinutes: c.EXPORT_URL_MINUTES,
  };
}
