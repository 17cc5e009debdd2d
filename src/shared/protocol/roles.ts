/**
 * Who may call what on a node. Every method has exactly one minimum role:
 *  - viewer: reads (host info, lists, results, streams, validation and other pure questions);
 *  - operator: runs, checks, probes and deploying workflows (anything that starts work or
 *    changes stored documents);
 *  - admin: everything, including what changes the host itself.
 * The table is typed by the method registry, so a new method does not compile until it
 * is placed here; a test also walks the registry at run time.
 */
import type { MethodName } from './methods/index';

export const NODE_ROLES = ['viewer', 'operator', 'admin'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

const RANK: Record<NodeRole, number> = { viewer: 0, operator: 1, admin: 2 };

export function isNodeRole(text: string): text is NodeRole {
  return (NODE_ROLES as readonly string[]).includes(text);
}

/** True when a holder of `held` may do what needs `needed`. */
export function roleAllows(held: NodeRole, needed: NodeRole): boolean {
  return RANK[held] >= RANK[needed];
}

/** The least role each method needs. */
export const METHOD_ROLES: { readonly [M in MethodName]: NodeRole } = {
  hello: 'viewer',
  ping: 'viewer',
  subscribe: 'viewer',
  unsubscribe: 'viewer',
  'host.info': 'viewer',
  // A remote client could fill the node's log with anything; the UI of a viewer has no need to write it.
  'host.log.write': 'operator',
  'check.run': 'operator',
  'check.assertions': 'viewer',
  'check.cancel': 'operator',
  'check.result': 'viewer',
  'run.start': 'operator',
  'run.enabled': 'viewer',
  'run.step': 'operator',
  'run.continue': 'operator',
  'run.pause': 'operator',
  'run.stepBack': 'operator',
  'run.goto': 'operator',
  'run.fork': 'operator',
  'run.inject': 'operator',
  'run.messages': 'viewer',
  'run.editMessage': 'operator',
  'run.stop': 'operator',
  'run.explore': 'operator',
  'run.explore.cancel': 'operator',
  'run.explore.state': 'viewer',
  'run.explore.dot': 'viewer',
  'run.state': 'viewer',
  'run.breakpoints.list': 'viewer',
  'run.breakpoints.add': 'operator',
  'run.breakpoints.update': 'operator',
  'run.breakpoints.remove': 'operator',
  'run.open': 'operator',
  'run.attach': 'operator',
  'run.restart': 'operator',
  'run.list': 'viewer',
  'run.trace': 'viewer',
  'run.payload': 'viewer',
  'run.compare': 'viewer',
  'run.rates': 'viewer',
  'run.calls': 'viewer',
  'run.host': 'viewer',
  'run.states': 'viewer',
  'run.queues': 'viewer',
  'run.export': 'viewer',
  'workflows.list': 'viewer',
  'workflows.get': 'viewer',
  'workflows.create': 'operator',
  'workflows.save': 'operator',
  'workflows.rename': 'operator',
  'workflows.duplicate': 'operator',
  'workflows.delete': 'operator',
  'workflows.undelete': 'operator',
  'workflows.history': 'viewer',
  'workflows.version': 'viewer',
  'workflows.diff': 'viewer',
  'workflows.restore': 'operator',
  'workflows.import': 'operator',
  'workflows.export': 'viewer',
  'workflows.examples': 'viewer',
  'workflows.validate': 'viewer',
  'cspm.processes': 'viewer',
  // A probe holds host memory until closed (LRU-capped) and evaluates user text: work, like a check.
  'probe.open': 'operator',
  'probe.expand': 'operator',
  'probe.close': 'operator',
  // The nodes a host knows carry their tokens: only an admin may add, list or relay through them.
  'nodes.list': 'admin',
  'nodes.add': 'admin',
  'nodes.remove': 'admin',
  'nodes.health': 'admin',
  'nodes.deploy': 'admin',
};

/** Whether a method only reads: its calls are not written to the audit ledger one by one. */
export function isReadOnly(method: MethodName): boolean {
  return METHOD_ROLES[method] === 'viewer';
}
