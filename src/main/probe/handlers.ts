/** probe.open / probe.expand / probe.close and cspm.processes, answered by the host's ProbeService. */
import type { probeMethods } from '../../shared/protocol/methods/probe';
import type { HandlerMap } from '../host/handlers/types';

export const probeHandlers: HandlerMap<keyof typeof probeMethods> = {
  'probe.open': (p, { host }) => host.services.probes.open(p),
  'probe.expand': ({ probeId, stateId }, { host }) => host.services.probes.expand(probeId, stateId),
  'probe.close': ({ probeId }, { host }) => ({ closed: host.services.probes.close(probeId) }),
  'cspm.processes': (p, { host }) => host.services.probes.processes(p),
};
