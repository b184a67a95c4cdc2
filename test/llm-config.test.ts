/**
 * Configuring the language model: the three modes, the errors a wrong
 * combination gets at start (by variable name), the one log line that says
 * which mode is on, and Azure OpenAI end to end — with a key, and with Entra
 * ID (client credentials) against a local token endpoint.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerText } from '../services/answering/answer-question.js';
import { Knowledge } from '../services/answering/knowledge.js';
import { ConfigError, loadConfig } from '../services/config.js';
import { createLanguageModel } from '../services/llm/language-model.js';
import { readBoards } from '../services/reports/boards.js';
import { query } from '../services/understanding/query.js';
import { visibleText } from './support/answer-score.js';
import { OpenAiStandIn, toolCall } from './support/openai-stand-in.js';
import { openTestStore, type TestStore } from './support/test-store.js';

const SECRET = 'entra-klienthemlighet';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  return { log, lines };
}

const errorsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return '';
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
};

describe('configuration', () => {
  it('is off by default, and says so in one line', () => {
    const { log, lines } = capture();
    expect(createLanguageModel(loadConfig({}), log)).toBeUndefined();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ event: 'språkmodell', mode: 'ingen språkmodell (enbart deterministisk tolkning)' });
  });

  it('names the mode, host and model at start — never the key', () => {
    const { log, lines } = capture();
    createLanguageModel(loadConfig({ OPENAI_API_KEY: 'sk-hemlig', OPENAI_BASE_URL: 'http://llm.intern:8000/v1', OPENAI_MODEL: 'llama-3.1' }), log);
    createLanguageModel(loadConfig({ AZURE_OPENAI_ENDPOINT: 'https://linkoping.openai.azure.com/', AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-mini', AZURE_OPENAI_TENANT_ID: 't', AZURE_OPENAI_CLIENT_ID: 'c', AZURE_OPENAI_CLIENT_SECRET: SECRET }), log);
    expect(lines[0]).toMatchObject({ mode: 'OpenAI-kompatibel', host: 'llm.intern:8000', model: 'llama-3.1', timeoutMs: 4000 });
    expect(lines[1]).toMatchObject({ mode: 'Azure OpenAI', host: 'linkoping.openai.azure.com', deployment: 'gpt-4o-mini', apiVersion: '2024-10-21', auth: 'Entra ID' });
    expect(JSON.stringify(lines)).not.toMatch(/sk-hemlig|entra-klienthemlighet/);
  });

  it('reports wrong combinations by variable name', () => {
    expect(errorsOf({ OPENAI_BASE_URL: 'http://localhost:11434/v1' })).toMatch(/OPENAI_API_KEY: krävs/);
    expect(errorsOf({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/', AZURE_OPENAI_API_KEY: 'k' })).toMatch(/AZURE_OPENAI_DEPLOYMENT: krävs/);
    expect(errorsOf({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/', AZURE_OPENAI_DEPLOYMENT: 'd' })).toMatch(/AZURE_OPENAI_API_KEY: krävs .*Entra ID/);
    expect(errorsOf({ AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_CLIENT_ID: 'c' })).toMatch(/AZURE_OPENAI_API_KEY: krävs/);
    expect(errorsOf({ OPENAI_API_KEY: 'k', AZURE_OPENAI_ENDPOINT: 'https://x.openai.azure.com/', AZURE_OPENAI_DEPLOYMENT: 'd', AZURE_OPENAI_API_KEY: 'k' })).toMatch(/antingen OPENAI_\* eller AZURE_OPENAI_\*/);
    expect(errorsOf({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'inte en adress' })).toMatch(/OPENAI_BASE_URL/);
    expect(errorsOf({ OPENAI_API_KEY: 'k', LLM_TIMEOUT_MS: '0' })).toMatch(/LLM_TIMEOUT_MS/);
  });
});

describe('Azure OpenAI', () => {
  let store: TestStore;
  let knowledge: Knowledge;
  let server: OpenAiStandIn;
  const UNSURE = 'Vad lägger vi på tonåringar som inte kan bo hemma?';

  beforeAll(async () => {
    store = await openTestStore();
    knowledge = new Knowledge(store.db, (await readBoards()).otherBoards);
    server = await new OpenAiStandIn().start();
    server.script = () => toolCall('tolka_fraga', Object.fromEntries(Object.keys(query.shape).map((k) => [k, ({ intent: 'belopp', measure: 'prognos', subject: '569 Barn och ungdomsvård' } as Record<string, unknown>)[k] ?? null])));
  });
  afterAll(async () => {
    await server.stop();
    await store.close();
  });

  async function ask(env: Record<string, string>) {
    const model = createLanguageModel(loadConfig({ AZURE_OPENAI_ENDPOINT: server.url, AZURE_OPENAI_DEPLOYMENT: 'rapport-gpt', LLM_TIMEOUT_MS: '2000', ...env }), capture().log)!;
    const { catalogue, names } = await knowledge.current();
    return visibleText(await answerText({ db: store.db, catalogue, names, ...model.forUser('ledare') }, UNSURE));
  }

  it('calls the deployment with the api version and the key in the api-key header', async () => {
    const before = server.requests.length;
    expect(await ask({ AZURE_OPENAI_API_KEY: 'azure-nyckel' })).toContain('489,4 mnkr');
    const [call] = server.requests.slice(before);
    expect(call!.path).toBe('/openai/deployments/rapport-gpt/chat/completions');
    expect(call!.query.get('api-version')).toBe('2024-10-21');
    expect(call!.headers['api-key']).toBe('azure-nyckel');
  });

  it('gets an Entra ID token by client credentials and sends it as a bearer token — the secret goes only to Entra ID', async () => {
    const before = server.requests.length;
    const text = await ask({ AZURE_OPENAI_TENANT_ID: 'kommunens-tenant', AZURE_OPENAI_CLIENT_ID: 'rapportboten-app', AZURE_OPENAI_CLIENT_SECRET: SECRET, AZURE_OPENAI_AUTHORITY_HOST: server.url });
    expect(text).toContain('489,4 mnkr');
    const [token, call] = server.requests.slice(before);
    expect(token!.path).toBe('/kommunens-tenant/oauth2/v2.0/token');
    expect(token!.body).toMatchObject({ grant_type: 'client_credentials', client_id: 'rapportboten-app', client_secret: SECRET, scope: 'https://cognitiveservices.azure.com/.default' });
    expect(call!.path).toBe('/openai/deployments/rapport-gpt/chat/completions');
    expect(call!.headers.authorization).toBe('Bearer entra-token-for-test');
    expect(call!.raw).not.toContain(SECRET);
  });
});
