/**
 * The HTTP request node: each message becomes one request to the node's URL
 * (its `{field}` placeholders filled from the message, URL-encoded), sent
 * only to hosts on the node's egress allow-list. The response is an outside
 * result (recorded, and played back on replay without any network).
 *
 * Responses: `{ status, headers: { content-type }, body }`, the body parsed as
 * JSON when the server says it is JSON. A 2xx goes to the reply port. Any
 * other status goes to the `failed` port when the node has one (else to the
 * reply port: the status is in the message, as in Node-RED). A request that
 * cannot be made or answered (a host not on the allow-list, a timeout, a
 * network error, an oversized body) goes to the `failed` port, or fails the
 * node with the reason when there is none. Redirects are not followed (a redirect could leave the allow-list):
 * a 3xx is reported like any other non-2xx status.
 */
import { hostAllowed, urlHost, URL_PLACEHOLDER } from '../../../engine/workflow/builtin-config';
import type { HttpConfig } from '../../../engine/workflow';
import { HTTP_FAILED_PORT } from '../../../engine/workflow/builtins';
import { BuiltinCodeNode, type BuiltinContext, type BuiltinPort } from './base';

/** Largest response body kept (bytes): a run record is not a download cache. */
export const MAX_RESPONSE_BYTES = 1 << 20;
const DEFAULT_TIMEOUT_MS = 10_000;

export interface HttpResponse {
  readonly status: number;
  readonly headers: { readonly 'content-type'?: string };
  readonly body: unknown;
}

/** Plain words for the network errors people meet most. */
const NETWORK_ERRORS: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve (DNS)',
  ECONNREFUSED: 'nothing listens on that host and port',
  ECONNRESET: 'the server closed the connection',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  CERT_HAS_EXPIRED: "the server's TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's TLS certificate is self-signed",
};

/** The URL for one message, or why there is none. */
export function requestUrl(template: string, msg: unknown): string | { error: string } {
  let missing: string | undefined;
  const url = template.replace(URL_PLACEHOLDER, (_m, name: string) => {
    const v =
      msg !== null && typeof msg === 'object' && Object.hasOwn(msg, name)
        ? (msg as Record<string, unknown>)[name]
        : undefined;
    if (v === undefined || v === null || typeof v === 'object') {
      missing ??= name;
      return '';
    }
    return encodeURIComponent(String(v));
  });
  if (missing !== undefined)
    return { error: `the message has no string or number field "${missing}" for the URL ${template}` };
  return url;
}

async function readBody(res: Response): Promise<unknown> {
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader !== undefined) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_RESPONSE_BYTES) {
        await reader.cancel();
        throw new Error(`the response body is over ${MAX_RESPONSE_BYTES} bytes`);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const type = res.headers.get('content-type') ?? '';
  if (/\bjson\b/i.test(type) && text.trim() !== '') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`the server said ${type} but the body is not JSON: ${text.slice(0, 80)}`);
    }
  }
  return text;
}

/** Performs one request (live runs only; replays hand back the recorded response). */
export async function performRequest(
  config: HttpConfig,
  url: string,
  msg: unknown,
  headers: Record<string, string>,
  fetchImpl: typeof fetch = fetch,
): Promise<HttpResponse> {
  const target = urlHost(url);
  if (target === undefined) throw new Error(`"${url}" is not an absolute http(s) URL`);
  if (!hostAllowed(config.allow, target))
    throw new Error(`host ${target.hostPort} is not in the allow-list (${config.allow.join(', ')})`);
  const method = config.method;
  const hasBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const timeout = config.timeout ?? DEFAULT_TIMEOUT_MS;
  let res: Response;
  try {
    res = await fetchImpl(url, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeout),
      headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(hasBody ? { body: JSON.stringify(msg) } : {}),
    });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError') throw new Error(`no response within ${timeout} ms`);
    const code = err.cause?.code;
    if (code !== undefined)
      throw new Error(NETWORK_ERRORS[code] !== undefined ? `${code}: ${NETWORK_ERRORS[code]}` : code);
    throw new Error(err.cause?.message ?? err.message);
  }
  const body = method === 'HEAD' ? '' : await readBody(res);
  const type = res.headers.get('content-type');
  return { status: res.status, headers: type !== null ? { 'content-type': type } : {}, body };
}

export class HttpNode extends BuiltinCodeNode {
  private readonly reply: BuiltinPort;
  private readonly errorPort: BuiltinPort | undefined;
  private lastUrl = '';
  private lastStatus: number | undefined;

  constructor(
    ctx: BuiltinContext,
    private readonly config: HttpConfig,
    /** Header values with secrets resolved (never recorded, never logged). */
    private readonly headers: Record<string, string>,
    /** A fetch that obeys the node's egress policy; default: the global one. */
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    super(ctx);
    this.reply = this.outputs.find((p) => p.name !== HTTP_FAILED_PORT)!;
    this.errorPort = this.outputs.find((p) => p.name === HTTP_FAILED_PORT);
  }

  protected receive(_port: BuiltinPort, value: unknown): void {
    this.lastUrl = '';
    const url = requestUrl(this.config.url, value);
    if (typeof url !== 'string') return this.problem(url.error);
    this.lastUrl = url;
    this.state = 'waiting';
    this.ctx.outside.request('http', () => performRequest(this.config, url, value, this.headers, this.fetchImpl));
  }

  deliver(_kind: string, value: unknown): void {
    this.state = 'blocked';
    const v = value as Partial<HttpResponse> & { error?: string };
    if (typeof v.error === 'string') return this.problem(v.error);
    this.lastStatus = v.status;
    if (typeof v.status === 'number' && v.status >= 200 && v.status < 300) return this.send(this.reply, value);
    if (this.errorPort !== undefined)
      return this.send(this.errorPort, { ...v, url: this.lastUrl, error: `HTTP ${v.status}` });
    this.send(this.reply, value);
  }

  /** A request that could not be made or answered: the `failed` port, or the node fails. */
  private problem(message: string): void {
    this.state = 'blocked';
    const text = `${this.config.method} ${this.lastUrl || this.config.url}: ${message}`;
    if (this.errorPort !== undefined) this.send(this.errorPort, { error: text, url: this.lastUrl || this.config.url });
    else this.fail(`http ${text}`);
  }

  protected override details(): Record<string, unknown> {
    return { url: this.lastUrl, ...(this.lastStatus !== undefined ? { status: this.lastStatus } : {}) };
  }
}
