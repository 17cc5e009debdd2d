/** The host: sessions, handlers, streams; transports live in ../server and ../electron. */
export { Host } from './host';
export type { HostOptions } from './host';
export { Session } from './session';
export type { SessionTransport, SessionOptions } from './session';
export { HostLog } from './log';
export { connectInProcess } from './in-process';
export { bootstrapHost, HostStartError } from './bootstrap';
export type { BootstrapOptions, RunningHost } from './bootstrap';
