/** Handler signatures. A handler gets validated params and returns a result (or throws ProtocolError). */
import type { MethodName, Params, Result } from '../../../shared/protocol';
import type { Host } from '../host';
import type { Session } from '../session';

export interface HandlerContext {
  readonly host: Host;
  readonly session: Session;
  /** Aborted when the client sends `cancel` for this call or the connection closes. */
  readonly signal: AbortSignal;
}

/**
 * A result as a handler may return it: the protocol type, read-only all the
 * way down, so the engine's own (read-only) records are returned as they are
 * instead of being copied or cast. Results are only serialised.
 */
export type Returned<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? readonly Returned<E>[]
    : T extends object
      ? { readonly [K in keyof T]: Returned<T[K]> }
      : T;

export type Handler<M extends MethodName> = (
  params: Params<M>,
  ctx: HandlerContext,
) => Returned<Result<M>> | Promise<Returned<Result<M>>>;

export type HandlerMap<K extends MethodName> = { readonly [M in K]: Handler<M> };
