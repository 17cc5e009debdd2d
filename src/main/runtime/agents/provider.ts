/**
 * Chat-completion providers for agent nodes: an OpenAI-compatible client
 * (POST {baseUrl}/chat/completions), the Ollama-style local preset (the same
 * API at http://127.0.0.1:11434/v1, no key), and the replay provider that
 * answers from recorded replies (tests and replays need no key or network).
 *
 * Every call has a timeout and bounded retries (only for network errors,
 * timeouts, 429 and 5xx); a reply that is not a chat completion is an error,
 * never a guess. Usage (tokens) comes back with each reply for accounting.
 */

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A port the reply may go to, as a tool the model can call with arguments matching `schema`. */
export interface ReplyTool {
  readonly port: string;
  readonly schema: Record<string, unknown>;
  readonly description?: string;
}

export interface ChatRequest {
  readonly messages: readonly ChatMessage[];
  /** Structured output: the reply must be JSON matching this schema. */
  readonly schema?: Record<string, unknown>;
  /** Tool calls route the reply: the model picks a port by calling its tool. */
  readonly tools?: readonly ReplyTool[];
  readonly temperature?: number;
  readonly maxTokens?: number;
}

export interface ChatReply {
  /** The message text (structured output arrives here as JSON text). */
  readonly content: string | null;
  /** The tool the model called, with its parsed arguments. */
  readonly toolCall?: { readonly port: string; readonly arguments: unknown };
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number };
  readonly model: string;
}

export interface Provider {
  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatReply>;
}

export class ProviderError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'http' | 'garbage' | 'exhausted',
    message: string,
  ) {
    super(message);
    this.name = 'ProviderError';
  }
}

export interface OpenAIOptions {
  readonly baseUrl: string;
  readonly model: string;
  /** The key's value (looked up by secret name by the caller); never logged or recorded. */
  readonly apiKey?: string;
  readonly timeoutMs?: number;
  readonly retries?: number;
  /** Delay before retry n (ms); default 200·2^n. */
  readonly backoffMs?: (attempt: number) => number;
  /** The fetch to use (a node passes one that obeys its egress policy); default: the global one. */
  readonly fetch?: typeof fetch;
}

export const OLLAMA_BASE_URL = 'http://127.0.0.1:11434/v1';

export class OpenAICompatibleProvider implements Provider {
  constructor(private readonly o: OpenAIOptions) {}

  async complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatReply> {
    const retries = this.o.retries ?? 2;
    let last: ProviderError | undefined;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0)
        await new Promise((resolve) => setTimeout(resolve, this.o.backoffMs?.(attempt) ?? 200 * 2 ** attempt));
      try {
        return await this.once(request, signal);
      } catch (e) {
        if (!(e instanceof ProviderError)) throw e;
        last = e;
        const retryable =
          e.kind === 'timeout' || e.kind === 'network' || (e.kind === 'http' && /HTTP (429|5\d\d)/.test(e.message));
        if (!retryable || signal?.aborted === true) throw e;
      }
    }
    throw new ProviderError(
      last?.kind ?? 'network',
      `${last?.message ?? 'failed'} (gave up after ${retries + 1} attempts)`,
    );
  }

  private async once(request: ChatRequest, outer?: AbortSignal): Promise<ChatReply> {
    const timeoutMs = this.o.timeoutMs ?? 60_000;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const onOuter = (): void => controller.abort();
    outer?.addEventListener('abort', onOuter, { once: true });
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    const body: Record<string, unknown> = { model: this.o.model, messages: request.messages };
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
    if (request.schema !== undefined)
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: 'reply', schema: request.schema, strict: true },
      };
    if (request.tools !== undefined && request.tools.length > 0) {
      body.tools = request.tools.map((t) => ({
        type: 'function',
        function: {
          name: t.port,
          description: t.description ?? `send the reply to port ${t.port}`,
          parameters: t.schema,
        },
      }));
      body.tool_choice = 'required';
    }
    let text: string;
    let status: number;
    try {
      const res = await (this.o.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.o.apiKey !== undefined ? { authorization: `Bearer ${this.o.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      status = res.status;
      text = await res.text();
    } catch (e) {
      if (controller.signal.aborted && outer?.aborted !== true)
        throw new ProviderError('timeout', `${url}: no reply within ${timeoutMs} ms`);
      throw new ProviderError(
        'network',
        `${url}: ${e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e)}`,
      );
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    }
    if (status < 200 || status >= 300) throw new ProviderError('http', `${url}: HTTP ${status}: ${text.slice(0, 200)}`);
    return parseCompletion(text, url, this.o.model);
  }
}

/** Reads an OpenAI chat completion; anything else is a 'garbage' error naming what is missing. */
export function parseCompletion(text: string, where: string, model: string): ChatReply {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ProviderError('garbage', `${where}: the reply is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const d = data as {
    choices?: {
      message?: { content?: unknown; tool_calls?: { function?: { name?: unknown; arguments?: unknown } }[] };
    }[];
    usage?: { prompt_tokens?: unknown; completion_tokens?: unknown };
    model?: unknown;
  };
  const message = d.choices?.[0]?.message;
  if (message === undefined) throw new ProviderError('garbage', `${where}: the reply has no choices[0].message`);
  const call = message.tool_calls?.[0]?.function;
  let toolCall: ChatReply['toolCall'];
  if (call !== undefined) {
    if (typeof call.name !== 'string') throw new ProviderError('garbage', `${where}: a tool call without a name`);
    let args: unknown;
    try {
      args = typeof call.arguments === 'string' ? JSON.parse(call.arguments) : call.arguments;
    } catch {
      throw new ProviderError('garbage', `${where}: tool call ${call.name} has arguments that are not JSON`);
    }
    toolCall = { port: call.name, arguments: args };
  }
  const content = typeof message.content === 'string' ? message.content : null;
  if (content === null && toolCall === undefined)
    throw new ProviderError('garbage', `${where}: the reply has neither content nor a tool call`);
  const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
  return {
    content,
    ...(toolCall !== undefined ? { toolCall } : {}),
    usage: { promptTokens: n(d.usage?.prompt_tokens), completionTokens: n(d.usage?.completion_tokens) },
    model: typeof d.model === 'string' ? d.model : model,
  };
}

/** Answers from recorded replies, in order; a reply is a string (content) or { port, arguments } (a tool call). */
export class ReplayProvider implements Provider {
  private next = 0;
  constructor(private readonly replies: readonly unknown[]) {}

  complete(): Promise<ChatReply> {
    const r = this.replies[this.next];
    if (r === undefined)
      return Promise.reject(
        new ProviderError(
          'exhausted',
          `the replay provider has no reply ${this.next + 1} (it holds ${this.replies.length})`,
        ),
      );
    this.next++;
    if (typeof r === 'string')
      return Promise.resolve({ content: r, usage: { promptTokens: 0, completionTokens: 0 }, model: 'replay' });
    if (r !== null && typeof r === 'object' && typeof (r as { port?: unknown }).port === 'string') {
      const t = r as { port: string; arguments?: unknown };
      return Promise.resolve({
        content: null,
        toolCall: { port: t.port, arguments: t.arguments ?? null },
        usage: { promptTokens: 0, completionTokens: 0 },
        model: 'replay',
      });
    }
    return Promise.resolve({
      content: JSON.stringify(r),
      usage: { promptTokens: 0, completionTokens: 0 },
      model: 'replay',
    });
  }
}
