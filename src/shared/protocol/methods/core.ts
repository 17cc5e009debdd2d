/**
 * Core methods every host answers: the version handshake, liveness and the
 * subscription lifecycle. Flow control (`credit`) and `cancel` are control
 * messages, not methods (see ../envelope.ts).
 */
import { z } from 'zod';
import { MAX_CREDIT } from '../limits';
import { defineMethods, defineStreams } from '../registry';

export const HostMode = z.enum(['desktop', 'web', 'remote']);
export type HostMode = z.infer<typeof HostMode>;

export const coreMethods = defineMethods({
  hello: {
    description: 'First message of every connection: versions and capabilities. A different MAJOR is refused.',
    params: z.object({
      protocol: z.string().describe('"MAJOR.MINOR" the client speaks'),
      capabilities: z.array(z.string().max(64)).max(64).default([]),
      client: z.object({ name: z.string().max(64), version: z.string().max(32) }).optional(),
    }),
    result: z.object({
      protocol: z.string(),
      capabilities: z.array(z.string()),
      host: z.object({
        name: z.string(),
        version: z.string(),
        mode: HostMode,
        instanceId: z.string().describe('random per host start: a client that sees it change knows the host restarted'),
      }),
      sessionId: z.string(),
    }),
  },
  ping: {
    description: 'Liveness check; also resets the idle timeout.',
    params: z.object({}),
    result: z.object({ pong: z.literal(true) }),
  },
  subscribe: {
    description: 'Opens a stream. Events after `sinceSeq` are sent while the client has credit.',
    params: z.object({
      stream: z.string().min(1).max(128),
      runId: z.string().min(1).max(128).optional(),
      sinceSeq: z
        .number()
        .int()
        .nonnegative()
        .default(0)
        .describe('last seq the client already has; 0 = from the start'),
      credit: z
        .number()
        .int()
        .nonnegative()
        .max(MAX_CREDIT)
        .default(64)
        .describe('events the host may send before more credit'),
    }),
    result: z.object({
      subscription: z.string(),
      headSeq: z.number().int().nonnegative().describe('seq of the newest event at subscribe time'),
    }),
  },
  unsubscribe: {
    description: 'Closes a stream opened by subscribe. Unknown ids are not an error (the stream may have ended).',
    params: z.object({ subscription: z.string().min(1) }),
    result: z.object({ closed: z.boolean() }),
  },
});

export const coreStreams = defineStreams({});
