/**
 * Configuration from the environment, validated once at start. Each problem
 * is reported by variable name with what is wrong, all at once.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { llmEnv, llmEnvIssues } from './llm/llm-config.js';
import { collectionEnv, collectionEnvIssues } from './collection/collection-config.js';

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const csv = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? '')
      .split(/[,;\s]+/)
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean),
  );

export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** postgres://user:pass@host:5432/db — selects PostgreSQL instead of the embedded store */
    DATABASE_URL: optionalText.pipe(z.string().url('ska vara en postgres://-adress').optional()),
    /** where the embedded store keeps its files ('memory://' keeps nothing) */
    PGLITE_DIR: z.string().default('.data/pglite'),

    // Bot Framework app registration; all empty = local mode without authentication
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    CertificateThumbprint: optionalText,
    CertificatePrivateKey: optionalText,
    /** where Bot Framework signing keys are published (sovereign clouds; tests). Default: the public cloud's */
    BotOpenIdMetadataUrl: optionalText.pipe(z.string().url().optional()),

    /** AAD object ids or e-mail addresses of controllers (ekonomer) */
    CONTROLLERS: csv,

    /** how often (ms) the deviation alerts look for changed figures in the store (docs/alerts.md) */
    ALERTS_WATCH_MS: z.coerce.number().int().min(0).default(2000),
    /** how long an outbox worker holds a claimed message; after a crash it is sent again once this has passed */
    OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
    /**
     * threads that answer questions while the main thread is busy with other turns; 0 = the main
     * thread answers everything; auto = one per spare core (at most four)
     */
    ANSWER_WORKERS: z
      .union([z.literal('auto'), z.coerce.number().int().min(0).max(16)])
      .default('auto')
      .transform((n) => (n === 'auto' ? Math.min(4, availableParallelism() - 1) : n)),

    // optional language model (docs/llm.md); none set = deterministic understanding only
    ...llmEnv,

    // indicator collection: Graph, reminders, export links (docs/collection.md)
    ...collectionEnv,
  })
  .superRefine((c, ctx) => {
    for (const issue of llmEnvIssues(c)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    for (const issue of collectionEnvIssues(c)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
    const needsId = [c.MicrosoftAppPassword, c.CertificateThumbprint, c.MicrosoftAppTenantId].some(Boolean);
    if (needsId && !c.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'krävs när MicrosoftAppPassword, certifikat eller MicrosoftAppTenantId är satt' });
    }
    if (c.MicrosoftAppId) {
      const type = c.MicrosoftAppType ?? 'MultiTenant';
      if (type !== 'UserAssignedMSI' && !c.MicrosoftAppPassword && !(c.CertificateThumbprint && c.CertificatePrivateKey)) {
        ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'krävs (eller CertificateThumbprint + CertificatePrivateKey, eller MicrosoftAppType=UserAssignedMSI)' });
      }
      if (type !== 'MultiTenant' && !c.MicrosoftAppTenantId) {
        ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `krävs när MicrosoftAppType=${type}` });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(miljön)'}: ${i.message}`);
  throw new ConfigError(`Felaktig konfiguration:\n${lines.join('\n')}`);
}

export const isLocalMode = (c: Config) => !c.MicrosoftAppId;
