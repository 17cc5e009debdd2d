/**
 * Shapes of the method and stream registry. Each domain file in ./methods
 * declares its methods (params + result schemas) and streams (event schema);
 * ./methods/index.ts spreads them into one table. Types come from z.infer, so
 * the client, the host handlers and the docs cannot drift apart.
 */
import type { z } from 'zod';

export interface MethodSpec<P extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  /** One sentence for docs/protocol.md and the surface snapshot. */
  readonly description: string;
  readonly params: P;
  readonly result: R;
}

export interface StreamSpec<E extends z.ZodType = z.ZodType> {
  readonly description: string;
  /** Whether a subscription must name a run (`runId`). */
  readonly perRun: boolean;
  /** Schema of one event's `data`. */
  readonly event: E;
}

/** Identity helpers that keep the literal schema types for inference. */
export function defineMethods<const T extends Record<string, MethodSpec>>(methods: T): T {
  return methods;
}
export function defineStreams<const T extends Record<string, StreamSpec>>(streams: T): T {
  return streams;
}
