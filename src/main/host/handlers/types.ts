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

export type Handler<M extends MethodName> = (params: Params<M>, ctx: HandlerContext) => Result<M> | Promise<Result<M>>;

export type HandlerMap<K extends MethodName> = { readonly [M in K]: Handler<M> };
