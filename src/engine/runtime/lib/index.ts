/** The TypeScript library API: see docs/runtime-api.md. */
export { Engine } from './engine';
export type { EngineOptions, ProcessBody, ProcessContext, RunOutcome, WaitingOp } from './engine';
export { Channel } from './channel';
export { alt } from './alt';
export type { AltCase, AltOptions } from './alt';
export type { AltResult } from './waiter';
export { AltError, ChannelClosedError, EngineStoppedError } from './errors';
