/**
 * Errors are data: `{ code, message, details? }`, carried in an `error` message.
 * Codes are stable strings clients may switch on; messages are for people and
 * always say what was wrong and where (the zod path for a malformed message).
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'bad_message', // not JSON, or not a valid envelope / payload
  'too_large', // over MAX_MESSAGE_BYTES
  'hello_required', // a request before a successful hello
  'protocol_mismatch', // major versions differ
  'unknown_method',
  'unknown_stream',
  'invalid_params',
  'cancelled',
  'not_found',
  'conflict',
  'unavailable', // e.g. the store could not be opened
  'internal', // a bug: the message carries the error's name and text, never a stack
  // Added in 1.2 (nodes): an older client reads these as an unreadable error, which it reports as internal.
  'unauthorized', // the connection's token was revoked or expired
  'forbidden', // the token's role may not call this method
  'rate_limited', // too many requests, calls in flight or subscriptions on one connection
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorPayload = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

/** Thrown by handlers and by the client; crosses the wire as an ErrorPayload. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(payload: ErrorPayload): ProtocolError {
    return new ProtocolError(payload.code, payload.message, payload.details);
  }
}

/**
 * One line per zod issue, each prefixed with its path in the message
 * ("payload.sinceSeq: expected number, received string").
 */
export function describeZodError(error: z.ZodError, prefix: readonly (string | number)[] = []): string {
  return error.issues
    .map((issue) => {
      const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? p.toString() : p))];
      const where = path.length === 0 ? '(message)' : formatPath(path);
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}
