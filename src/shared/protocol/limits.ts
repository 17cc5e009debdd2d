/**
 * Limits every transport enforces. Large payloads are fetched by reference
 * (a later method returns an id, the client pages through it) instead of
 * raising the message limit.
 */
/** Largest encoded message, in bytes of UTF-8, in either direction. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A connection with no incoming message for this long is closed by the host. */
export const IDLE_TIMEOUT_MS = 60_000;
/** Clients send `ping` this often so an idle but open UI is not cut off. */
export const KEEPALIVE_INTERVAL_MS = 20_000;
/** Events a subscription holds while the client has no credit; older ones become a gap. */
export const MAX_PENDING_EVENTS = 256;
/** Largest credit a client may grant in one message (keeps the host's promise bounded). */
export const MAX_CREDIT = 10_000;
/** Calls one connection may have in flight at once; more are refused with `rate_limited`. */
export const MAX_INFLIGHT_REQUESTS = 64;
/** Open subscriptions per connection; more are refused with `rate_limited`. */
export const MAX_SUBSCRIPTIONS = 128;
