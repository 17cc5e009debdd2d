/**
 * The one envelope used over IPC, WebSocket and in-process: `{ v, id?, type, payload }`.
 * `v` is the protocol MAJOR version, so a peer from another major fails loudly
 * on its very first message instead of misreading later ones.
 *
 * Client → host
 *   request      { id, type: <method name>, payload: params }
 *   cancel       { type: "cancel", payload: { id } }                 (no reply)
 *   credit       { type: "credit", payload: { subscription, credit } } (no reply)
 * Host → client
 *   result       { id, type: "result", payload: result }
 *   error        { id?, type: "error", payload: { code, message, details? } }
 *   event        { type: "event", payload: { subscription, seq, data } }
 *   gap          { type: "gap", payload: { subscription, fromSeq, toSeq } }
 *   closing      { type: "closing", payload: { reason } }            (before the host drops a connection)
 * Subscriptions are opened and closed with the `subscribe` / `unsubscribe` methods.
 */
import { z } from 'zod';
import { ErrorPayload } from './errors';
import { PROTOCOL_MAJOR } from './version';

/** Request ids are chosen by the client; short strings or integers. */
export const RequestId = z.union([z.string().min(1).max(64), z.number().int().nonnegative()]);
export type RequestId = z.infer<typeof RequestId>;

export const Envelope = z.object({
  v: z.number().int().nonnegative(),
  id: RequestId.optional(),
  type: z.string().min(1).max(128),
  payload: z.unknown(),
});
export type Envelope = z.infer<typeof Envelope>;

export const CancelPayload = z.object({ id: RequestId });
export const CreditPayload = z.object({ subscription: z.string().min(1), credit: z.number().int().positive() });
export const EventPayload = z.object({
  subscription: z.string(),
  seq: z.number().int().nonnegative(),
  data: z.unknown(),
});
export type EventPayload = z.infer<typeof EventPayload>;
/** Events fromSeq..toSeq (inclusive) were not delivered; refetch them with `sinceSeq`. */
export const GapPayload = z.object({
  subscription: z.string(),
  fromSeq: z.number().int().nonnegative(),
  toSeq: z.number().int().nonnegative(),
});
export type GapPayload = z.infer<typeof GapPayload>;
export const ClosingPayload = z.object({ reason: z.string() });

/** Message types that are not method names. Methods may not use these names. */
export const CONTROL_TYPES = ['cancel', 'credit', 'result', 'error', 'event', 'gap', 'closing'] as const;

export type HostMessage =
  | { v: number; id: RequestId; type: 'result'; payload: unknown }
  | { v: number; id?: RequestId; type: 'error'; payload: ErrorPayload }
  | { v: number; type: 'event'; payload: EventPayload }
  | { v: number; type: 'gap'; payload: GapPayload }
  | { v: number; type: 'closing'; payload: { reason: string } };

export const HostMessageSchema = z.discriminatedUnion('type', [
  z.object({ v: z.number(), id: RequestId, type: z.literal('result'), payload: z.unknown() }),
  z.object({ v: z.number(), id: RequestId.optional(), type: z.literal('error'), payload: ErrorPayload }),
  z.object({ v: z.number(), type: z.literal('event'), payload: EventPayload }),
  z.object({ v: z.number(), type: z.literal('gap'), payload: GapPayload }),
  z.object({ v: z.number(), type: z.literal('closing'), payload: ClosingPayload }),
]);

export function envelope<T extends HostMessage['type']>(
  type: T,
  payload: Extract<HostMessage, { type: T }>['payload'],
  id?: RequestId,
): HostMessage {
  return (
    id === undefined ? { v: PROTOCOL_MAJOR, type, payload } : { v: PROTOCOL_MAJOR, id, type, payload }
  ) as HostMessage;
}
