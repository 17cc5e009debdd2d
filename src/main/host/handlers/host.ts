/** host.info and host.log.write. */
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import type { hostMethods } from '../../../shared/protocol/methods/host';
import type { HandlerMap } from './types';

export const hostHandlers: HandlerMap<keyof typeof hostMethods> = {
  'host.info': (_params, { host }) => ({
    name: host.name,
    version: host.version,
    protocol: PROTOCOL_VERSION,
    mode: host.mode,
    dataDir: host.dataDir,
    store: host.storeStatus(),
    platform: `${process.platform}-${process.arch}`,
    nodeVersion: process.versions.node,
  }),
  'host.log.write': ({ level, source, message }, { host }) => ({ seq: host.log.write(level, source, message) }),
};
