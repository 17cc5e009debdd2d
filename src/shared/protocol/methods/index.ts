/**
 * The protocol registry: every method and stream, from one file per domain.
 * To add a domain: write methods/<domain>.ts with defineMethods/defineStreams,
 * spread it below, then add src/main/host/handlers/<domain>.ts (the type
 * checker then insists on a handler for every new method). See docs/protocol.md.
 */
import type { z } from 'zod';
import { coreMethods, coreStreams } from './core';
import { hostMethods, hostStreams } from './host';
import { checkMethods, checkStreams } from './check';
import { runMethods, runStreams } from './run';
import { workflowsMethods, workflowsStreams } from './workflows';
import { probeMethods, probeStreams } from './probe';
import { nodesMethods, nodesStreams } from './nodes';

export const methods = {
  ...coreMethods,
  ...hostMethods,
  ...checkMethods,
  ...runMethods,
  ...workflowsMethods,
  ...probeMethods,
  ...nodesMethods,
};

export const streams = {
  ...coreStreams,
  ...hostStreams,
  ...checkStreams,
  ...runStreams,
  ...workflowsStreams,
  ...probeStreams,
  ...nodesStreams,
};

/** Domain tables, kept separately so a test can prove no two define the same name. */
export const domains = {
  core: { methods: coreMethods, streams: coreStreams },
  host: { methods: hostMethods, streams: hostStreams },
  check: { methods: checkMethods, streams: checkStreams },
  run: { methods: runMethods, streams: runStreams },
  workflows: { methods: workflowsMethods, streams: workflowsStreams },
  probe: { methods: probeMethods, streams: probeStreams },
  nodes: { methods: nodesMethods, streams: nodesStreams },
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods & string;
/** What a client passes (defaults may be omitted). */
export type ParamsIn<M extends MethodName> = z.input<Methods[M]['params']>;
/** What a handler receives (defaults filled in, unknown fields dropped). */
export type Params<M extends MethodName> = z.output<Methods[M]['params']>;
export type Result<M extends MethodName> = z.output<Methods[M]['result']>;

export type Streams = typeof streams;
export type StreamName = keyof Streams & string;
export type StreamEvent<S extends StreamName> = z.output<Streams[S]['event']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
export function isStreamName(name: string): name is StreamName {
  return Object.hasOwn(streams, name);
}
