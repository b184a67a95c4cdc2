/**
 * Which language model, if any, helps the bot: none (the default), any
 * OpenAI-compatible server, or Azure OpenAI with a key or Entra ID (client
 * credentials of an app registration). The variables are validated with the
 * rest of the configuration at start (services/config.ts); here they become
 * one of three modes.
 */
import { z } from 'zod';

const text = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const url = text.pipe(z.string().url('ska vara en adress, t.ex. https://…').optional());

/** The environment variables of the language model (all optional). */
export const llmEnv = {
  OPENAI_API_KEY: text,
  /** any OpenAI-compatible server, e.g. http://localhost:11434/v1; default: api.openai.com */
  OPENAI_BASE_URL: url,
  OPENAI_MODEL: text,
  AZURE_OPENAI_ENDPOINT: url,
  AZURE_OPENAI_DEPLOYMENT: text,
  AZURE_OPENAI_API_VERSION: text,
  AZURE_OPENAI_API_KEY: text,
  /** Entra ID instead of a key: an app registration with the role "Cognitive Services OpenAI User" */
  AZURE_OPENAI_TENANT_ID: text,
  AZURE_OPENAI_CLIENT_ID: text,
  AZURE_OPENAI_CLIENT_SECRET: text,
  /** where Entra ID issues tokens (sovereign clouds; tests) */
  AZURE_OPENAI_AUTHORITY_HOST: url,
  /** how long one model call may take before the bot answers without it */
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(4000),
  /** retries of a failed call, within the same time limit */
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(3).default(0),
  /** model calls one user may cause per hour; beyond that the bot answers without the model */
  LLM_USER_CALLS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(60),
};

type LlmEnv = z.output<z.ZodObject<typeof llmEnv>>;

/** Problems with the combination of variables, by variable name (for the configuration's superRefine). */
export function llmEnvIssues(c: LlmEnv): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  const azure = [c.AZURE_OPENAI_ENDPOINT, c.AZURE_OPENAI_DEPLOYMENT, c.AZURE_OPENAI_API_KEY, c.AZURE_OPENAI_CLIENT_ID].some(Boolean);
  const openai = [c.OPENAI_API_KEY, c.OPENAI_BASE_URL, c.OPENAI_MODEL].some(Boolean);
  if (azure && openai) issues.push({ path: 'OPENAI_API_KEY', message: 'sätt antingen OPENAI_* eller AZURE_OPENAI_*, inte båda' });
  if (openai && !azure && !c.OPENAI_API_KEY) issues.push({ path: 'OPENAI_API_KEY', message: 'krävs när OPENAI_BASE_URL eller OPENAI_MODEL är satt (en server utan nycklar tar vilket värde som helst)' });
  if (azure) {
    if (!c.AZURE_OPENAI_ENDPOINT) issues.push({ path: 'AZURE_OPENAI_ENDPOINT', message: 'krävs för Azure OpenAI (https://<resurs>.openai.azure.com/)' });
    if (!c.AZURE_OPENAI_DEPLOYMENT) issues.push({ path: 'AZURE_OPENAI_DEPLOYMENT', message: 'krävs för Azure OpenAI (namnet på modellens distribution)' });
    const entra = [c.AZURE_OPENAI_TENANT_ID, c.AZURE_OPENAI_CLIENT_ID, c.AZURE_OPENAI_CLIENT_SECRET];
    if (c.AZURE_OPENAI_API_KEY && entra.some(Boolean)) issues.push({ path: 'AZURE_OPENAI_API_KEY', message: 'sätt antingen en nyckel eller Entra ID-uppgifterna, inte båda' });
    if (!c.AZURE_OPENAI_API_KEY && !entra.every(Boolean)) {
      issues.push({ path: 'AZURE_OPENAI_API_KEY', message: 'krävs (eller AZURE_OPENAI_TENANT_ID + AZURE_OPENAI_CLIENT_ID + AZURE_OPENAI_CLIENT_SECRET för Entra ID)' });
    }
  }
  return issues;
}

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
/** the GA version with structured outputs (strict function calls) */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';
const ENTRA_AUTHORITY = 'https://login.microsoftonline.com';

interface Limits {
  timeoutMs: number;
  maxRetries: number;
  callsPerUserPerHour: number;
}

export type LlmSettings =
  | { mode: 'none' }
  | ({ mode: 'openai'; apiKey: string; baseURL?: string; model: string } & Limits)
  | ({
      mode: 'azure';
      endpoint: string;
      deployment: string;
      apiVersion: string;
      auth: { kind: 'key'; apiKey: string } | { kind: 'entra'; tenantId: string; clientId: string; clientSecret: string; authorityHost: string };
    } & Limits);

/** The mode from validated configuration (llmEnvIssues has run: the combinations are complete). */
export function llmSettings(c: LlmEnv): LlmSettings {
  const limits: Limits = { timeoutMs: c.LLM_TIMEOUT_MS, maxRetries: c.LLM_MAX_RETRIES, callsPerUserPerHour: c.LLM_USER_CALLS_PER_HOUR };
  if (c.AZURE_OPENAI_ENDPOINT && c.AZURE_OPENAI_DEPLOYMENT) {
    const auth = c.AZURE_OPENAI_API_KEY
      ? { kind: 'key' as const, apiKey: c.AZURE_OPENAI_API_KEY }
      : { kind: 'entra' as const, tenantId: c.AZURE_OPENAI_TENANT_ID!, clientId: c.AZURE_OPENAI_CLIENT_ID!, clientSecret: c.AZURE_OPENAI_CLIENT_SECRET!, authorityHost: c.AZURE_OPENAI_AUTHORITY_HOST ?? ENTRA_AUTHORITY };
    return { mode: 'azure', endpoint: c.AZURE_OPENAI_ENDPOINT, deployment: c.AZURE_OPENAI_DEPLOYMENT, apiVersion: c.AZURE_OPENAI_API_VERSION ?? DEFAULT_AZURE_API_VERSION, auth, ...limits };
  }
  if (c.OPENAI_API_KEY) return { mode: 'openai', apiKey: c.OPENAI_API_KEY, baseURL: c.OPENAI_BASE_URL, model: c.OPENAI_MODEL ?? DEFAULT_OPENAI_MODEL, ...limits };
  return { mode: 'none' };
}

/** What the start-up log says about the mode: never a key or secret. */
export function describeSettings(s: LlmSettings): Record<string, unknown> {
  switch (s.mode) {
    case 'none':
      return { mode: 'ingen språkmodell (enbart deterministisk tolkning)' };
    case 'openai':
      return { mode: 'OpenAI-kompatibel', host: new URL(s.baseURL ?? 'https://api.openai.com/v1').host, model: s.model, timeoutMs: s.timeoutMs };
    case 'azure':
      return { mode: 'Azure OpenAI', host: new URL(s.endpoint).host, deployment: s.deployment, apiVersion: s.apiVersion, auth: s.auth.kind === 'key' ? 'nyckel' : 'Entra ID', timeoutMs: s.timeoutMs };
  }
}
