/** The host protocol: one envelope, a registry of methods and streams, a client. */
export * from './version';
export * from './limits';
export * from './errors';
export * from './envelope';
export * from './codec';
export * from './registry';
export * from './transport';
export * from './client';
export * from './methods/index';
export * from './roles';
export { HostMode } from './methods/core';
export { StoreStatus, LogLevel, LogEntry } from './methods/host';
