/** Shared hooks: one useStream for every protocol stream, react-query over the protocol client. */
export { useStream } from './use-stream';
export type { StreamBatchItem, StreamHandlers } from './use-stream';
export { currentClient, hostRequest, invalidateMethods, useHostMutation, useHostQuery } from './host-query';
export { useHostInfo } from './host-info';
