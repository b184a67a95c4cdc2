/**
 * One chat-completion call to the configured model, with everything that can
 * go wrong turned into a reason to answer without it: the per-user limit, the
 * time limit, 429, 5xx, other API errors, a body that is not the expected
 * JSON, a refusal. Each call logs its purpose, outcome, time and token usage —
 * never the prompt, the answer or who asked.
 */
import { APIConnectionTimeoutError, APIError, APIUserAbortError, AzureOpenAI, OpenAI } from 'openai';
import type { ChatCompletionFunctionTool, ChatCompletionMessageParam, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { entraTokenProvider } from './entra-token.js';
import type { LlmSettings } from './llm-config.js';
import { UserRateLimiter } from './rate-limiter.js';

export type Purpose = 'tolka-fråga' | 'sammanfatta-förklaring' | 'läsa-rapporttext';

/** Why the bot answered without the model. */
export type Failure = 'begränsning' | 'tidsgräns' | 'överbelastad' | 'serverfel' | 'api-fel' | 'ogiltigt-svar' | 'vägran';

export interface ModelMessage {
  content?: string;
  toolCalls: Array<{ name: string; arguments: string }>;
}

export type CallResult = { ok: true; message: ModelMessage } | { ok: false; failure: Failure };

export interface ChatRequest {
  messages: ChatCompletionMessageParam[];
  tools?: ChatCompletionFunctionTool[];
  toolChoice?: ChatCompletionToolChoiceOption;
  maxTokens: number;
}

/** The part of a chat completion the bot reads; anything else is a malformed answer. */
const completion = z.object({
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullish(),
        message: z.object({
          content: z.string().nullish(),
          refusal: z.string().nullish(),
          tool_calls: z.array(z.object({ function: z.object({ name: z.string(), arguments: z.string() }) })).nullish(),
        }),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() }).partial().nullish(),
});

export class LlmClient {
  private readonly client: OpenAI;
  private readonly limiter: UserRateLimiter;
  private readonly model: string;

  constructor(
    private readonly settings: Exclude<LlmSettings, { mode: 'none' }>,
    private readonly log: Logger,
  ) {
    // everything explicit: nothing is read from the process environment behind the configuration's back
    const common = { timeout: settings.timeoutMs, maxRetries: settings.maxRetries, organization: null, project: null, logLevel: 'off' as const };
    if (settings.mode === 'azure') {
      const auth = settings.auth.kind === 'key' ? { apiKey: settings.auth.apiKey } : { azureADTokenProvider: entraTokenProvider(settings.auth, settings.timeoutMs) };
      this.client = new AzureOpenAI({ endpoint: settings.endpoint, deployment: settings.deployment, apiVersion: settings.apiVersion, baseURL: null, ...auth, ...common });
      this.model = settings.deployment;
    } else {
      this.client = new OpenAI({ apiKey: settings.apiKey, baseURL: settings.baseURL ?? 'https://api.openai.com/v1', ...common });
      this.model = settings.model;
    }
    this.limiter = new UserRateLimiter(settings.callsPerUserPerHour);
  }

  async call(purpose: Purpose, userKey: string, request: ChatRequest): Promise<CallResult> {
    if (!this.limiter.tryTake(userKey)) {
      this.log.info({ event: 'språkmodell', purpose, outcome: 'begränsning' }, 'språkmodellen används inte: användarens gräns per timme är nådd');
      return { ok: false, failure: 'begränsning' };
    }
    const started = performance.now();
    const done = (outcome: 'ok' | Failure, usage?: z.infer<typeof completion>['usage'], status?: number): void => {
      const tokens = usage ? { prompt: usage.prompt_tokens, completion: usage.completion_tokens, total: usage.total_tokens } : undefined;
      this.log.info({ event: 'språkmodell', purpose, outcome, status, ms: Math.round(performance.now() - started), tokens }, 'anrop till språkmodellen');
    };
    let raw: unknown;
    try {
      raw = await this.client.chat.completions.create(
        {
          model: this.model,
          messages: request.messages,
          ...(request.tools ? { tools: request.tools, tool_choice: request.toolChoice } : {}),
          max_completion_tokens: request.maxTokens,
        },
        // the whole call, retries included, stays within the time limit
        { signal: AbortSignal.timeout(this.settings.timeoutMs) },
      );
    } catch (e) {
      const failure = failureOf(e);
      done(failure, undefined, e instanceof APIError ? e.status : undefined);
      return { ok: false, failure };
    }
    const parsed = completion.safeParse(raw);
    if (!parsed.success) {
      done('ogiltigt-svar');
      return { ok: false, failure: 'ogiltigt-svar' };
    }
    const choice = parsed.data.choices[0]!;
    if (choice.message.refusal || choice.finish_reason === 'content_filter') {
      done('vägran', parsed.data.usage);
      return { ok: false, failure: 'vägran' };
    }
    done('ok', parsed.data.usage);
    return {
      ok: true,
      message: {
        content: choice.message.content ?? undefined,
        toolCalls: (choice.message.tool_calls ?? []).map((t) => ({ name: t.function.name, arguments: t.function.arguments })),
      },
    };
  }
}

function failureOf(e: unknown): Failure {
  if (e instanceof APIConnectionTimeoutError || e instanceof APIUserAbortError || (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))) return 'tidsgräns';
  if (e instanceof APIError && e.status === 429) return 'överbelastad';
  if (e instanceof APIError && (e.status ?? 0) >= 500) return 'serverfel';
  if (e instanceof SyntaxError) return 'ogiltigt-svar';
  return 'api-fel';
}
