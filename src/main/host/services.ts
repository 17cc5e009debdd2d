/**
 * The services a host owns, given to it when it is built (not looked up per
 * call): checks, runs, workflows and probes. Each domain's handlers sit beside its
 * service and reach it as `host.services.<domain>`.
 */
import { CheckService } from '../check/service';
import { ProbeService } from '../probe/service';
import type { RunPolicy } from '../runtime/policy';
import { RunService } from '../runtime/service';
import type { Store } from '../store';
import { WorkflowService } from '../workflows/service';
import type { HostLog } from './log';

export interface HostServices {
  readonly checks: CheckService;
  readonly runs: RunService;
  readonly workflows: WorkflowService;
  readonly probes: ProbeService;
}

/** What services may use of their host. */
export interface ServiceDeps {
  /** The open store, or undefined when it could not be opened. */
  readonly store: () => Store | undefined;
  /** The open store; throws ProtocolError `unavailable` (with the reason) when there is none. */
  readonly requireStore: () => Store;
  readonly log: HostLog;
  /** What runs may do (a node's script heap, egress and quotas); absent: no limits. */
  readonly runPolicy?: RunPolicy;
}

export type ServiceFactory = (deps: ServiceDeps) => HostServices;

export const defaultServices: ServiceFactory = (deps) => ({
  checks: new CheckService(),
  runs: new RunService(deps.store, (line) => deps.log.write('info', 'run', line), deps.runPolicy),
  workflows: new WorkflowService(deps.requireStore),
  probes: new ProbeService(),
});
