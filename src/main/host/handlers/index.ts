/**
 * Every method's handler, one file per protocol domain. Adding a domain is one
 * line here; the type below fails to compile until every method in
 * src/shared/protocol/methods has a handler.
 */
import type { MethodName } from '../../../shared/protocol';
import { coreHandlers } from './core';
import { hostHandlers } from './host';
import { checkHandlers } from './check';
import { runHandlers } from '../../runtime/handlers';
import { workflowsHandlers } from '../../workflows/handlers';
import { probeHandlers } from '../../probe/handlers';
import { nodesHandlers } from '../../node/nodes-handlers';
import type { HandlerMap } from './types';

export const handlers: HandlerMap<MethodName> = {
  ...coreHandlers,
  ...hostHandlers,
  ...checkHandlers,
  ...runHandlers,
  ...workflowsHandlers,
  ...probeHandlers,
  ...nodesHandlers,
};
