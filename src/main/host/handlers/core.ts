/** hello, ping, subscribe, unsubscribe. The session keeps the per-connection state. */
import type { coreMethods } from '../../../shared/protocol/methods/core';
import type { HandlerMap } from './types';

export const coreHandlers: HandlerMap<keyof typeof coreMethods> = {
  hello: (params, { session }) => session.acceptHello(params),
  ping: () => ({ pong: true }),
  subscribe: (params, { session }) => session.openSubscription(params),
  unsubscribe: ({ subscription }, { session }) => ({ closed: session.closeSubscription(subscription) }),
};
