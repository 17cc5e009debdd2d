/**
 * Text encoding of envelopes, with the size limit and precise errors. Every
 * transport carries strings (WebSocket frames, IPC arguments, in-process calls)
 * so the same limit and the same parser apply everywhere.
 */
import type { Envelope, RequestId } from './envelope';
import { Envelope as EnvelopeSchema, RequestId as RequestIdSchema } from './envelope';
import type { ErrorPayload } from './errors';
import { describeZodError } from './errors';
import { MAX_MESSAGE_BYTES } from './limits';

export type Decoded =
  | { readonly ok: true; readonly message: Envelope }
  | { readonly ok: false; readonly error: ErrorPayload; readonly id?: RequestId };

const encoder = new TextEncoder();

/** Size in bytes of the UTF-8 encoding (what travels over the wire). */
export function byteLength(text: string): number {
  // Cheap upper bound first: every UTF-16 unit is at most 3 UTF-8 bytes.
  if (text.length * 3 <= MAX_MESSAGE_BYTES) return text.length;
  return encoder.encode(text).byteLength;
}

export function decode(text: string, limit = MAX_MESSAGE_BYTES): Decoded {
  const size = byteLength(text);
  if (size > limit) {
    return {
      ok: false,
      error: {
        code: 'too_large',
        message: `message is ${size} bytes; the limit is ${limit} bytes`,
        details: { size, limit },
      },
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'bad_message', message: `message is not valid JSON: ${why}` } };
  }
  const parsed = EnvelopeSchema.safeParse(raw);
  if (!parsed.success) {
    // Echo the id when it is readable so the client can fail the right call.
    const id = RequestIdSchema.safeParse((raw as { id?: unknown } | null)?.id);
    return {
      ok: false,
      error: { code: 'bad_message', message: `malformed envelope: ${describeZodError(parsed.error)}` },
      ...(id.success ? { id: id.data } : {}),
    };
  }
  return { ok: true, message: parsed.data };
}

export function encode(message: unknown): string {
  return JSON.stringify(message);
}
