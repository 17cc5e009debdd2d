/** Facts about the host process and its log, which is also the first real stream. */
import { z } from 'zod';
import { defineMethods, defineStreams } from '../registry';
import { HostMode } from './core';

export const StoreStatus = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('open'),
    path: z.string(),
    schemaVersion: z.number().int(),
    /** Where secret values live and whether they are encrypted, said honestly (added in 1.0, optional). */
    secrets: z.object({ encrypted: z.boolean(), description: z.string() }).optional(),
  }),
  z.object({ status: z.literal('unavailable'), message: z.string() }),
]);
export type StoreStatus = z.infer<typeof StoreStatus>;

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

export const LogEntry = z.object({
  level: LogLevel,
  source: z.string().max(64).describe('who wrote it: host, server, renderer, ...'),
  message: z.string().max(8192),
  at: z.string().describe('ISO-8601 time'),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const hostMethods = defineMethods({
  'host.info': {
    description: 'Version, mode, data folder and store status of the host.',
    params: z.object({}),
    result: z.object({
      name: z.string(),
      version: z.string(),
      protocol: z.string(),
      mode: HostMode,
      dataDir: z.string(),
      store: StoreStatus,
      platform: z.string(),
      nodeVersion: z.string(),
    }),
  },
  'host.log.write': {
    description: 'Appends a line to the host log (the renderer reports its own errors this way).',
    params: z.object({ level: LogLevel, source: z.string().min(1).max(64), message: z.string().max(8192) }),
    result: z.object({ seq: z.number().int().positive() }),
  },
});

export const hostStreams = defineStreams({
  'host.log': {
    description: 'The host log, newest last. The host keeps the last 1,000 lines; older ones arrive as a gap.',
    perRun: false,
    event: LogEntry,
  },
});
