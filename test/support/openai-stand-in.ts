/**
 * A local OpenAI-compatible server for tests: chat completions at
 * /v1/chat/completions (OpenAI) and /openai/deployments/{name}/chat/completions
 * (Azure), and an Entra ID token endpoint. Each request is recorded and
 * answered by the test's script: a tool call, a text, a refusal, a status, a
 * body that is not JSON, or no answer within the time limit.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Scripted {
  status?: number;
  /** JSON body */
  body?: unknown;
  /** a body sent as is, with this content type (malformed JSON) */
  raw?: { text: string; contentType: string };
  /** wait this long before answering */
  delayMs?: number;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** parsed JSON, or the form fields of a token request */
  body: Record<string, unknown>;
  raw: string;
}

const usage = { prompt_tokens: 812, completion_tokens: 41, total_tokens: 853 };

export function toolCall(name: string, args: unknown): Scripted {
  const message = { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) } }] };
  return { body: { id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: 'test', choices: [{ index: 0, message, finish_reason: 'tool_calls' }], usage } };
}

export function textReply(content: string): Scripted {
  return { body: { id: 'chatcmpl-2', object: 'chat.completion', created: 1, model: 'test', choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }], usage } };
}

export function refusalReply(refusal: string): Scripted {
  return { body: { id: 'chatcmpl-3', object: 'chat.completion', created: 1, model: 'test', choices: [{ index: 0, message: { role: 'assistant', content: null, refusal }, finish_reason: 'stop' }], usage } };
}

export class OpenAiStandIn {
  readonly requests: RecordedRequest[] = [];
  /** the answer to a chat completion; default: 500 (a test that expects no call notices one) */
  script: (request: RecordedRequest) => Scripted = () => ({ status: 500, body: { error: { message: 'inget skript i testet' } } });
  private server?: http.Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** chat completions, i.e. the calls to the model (not token requests) */
  get completions(): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const isToken = url.pathname.endsWith('/oauth2/v2.0/token');
      let body: Record<string, unknown> = {};
      try {
        body = isToken ? Object.fromEntries(new URLSearchParams(raw)) : raw ? JSON.parse(raw) : {};
      } catch {
        /* recorded as raw */
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, raw };
      this.requests.push(recorded);
      const answer: Scripted = isToken ? { body: { token_type: 'Bearer', expires_in: 3600, access_token: 'entra-token-for-test' } } : this.script(recorded);
      const send = () => {
        if (res.destroyed) return;
        if (answer.raw) {
          res.writeHead(answer.status ?? 200, { 'content-type': answer.raw.contentType, ...answer.headers });
          res.end(answer.raw.text);
        } else {
          res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
          res.end(JSON.stringify(answer.body ?? {}));
        }
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
      else send();
    });
  }
}
