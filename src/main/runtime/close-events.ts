/**
 * The close events of a code node's port (docs/workflow-semantics.md#buffered-edges-and-close): for an output on
 * closable buffered edges, the `c_close` events the node performs to close
 * them; for an input, the `c_closed` events it sees once a writer closed and
 * the buffer drained. workflow-net.ts names them (ScriptPort.closeEvents);
 * here they become event ids, once per port and event table.
 */
import type { EventTable } from '../../engine/csp/events';
import type { EventId } from '../../engine/csp/terms';
import type { ScriptPort } from './script-node';

const known = new WeakMap<ScriptPort, { readonly table: EventTable; readonly ids: readonly EventId[] | string }>();

/** The port's close events in edge order (empty: no closable edge), or why one is not an event of the network. */
export function closeEventIds(port: ScriptPort, events: EventTable): readonly EventId[] | string {
  const names = port.closeEvents;
  if (names === undefined || names.length === 0) return [];
  const cached = known.get(port);
  if (cached !== undefined && cached.table === events) return cached.ids;
  const found = names.map((name) => ({ name, id: events.parse(name) }));
  const missing = found.find((f) => f.id === undefined);
  // The names come from the compiled workflow, so a missing one is a bug in the wiring, not in the user's script.
  const ids =
    missing !== undefined
      ? `close event "${missing.name}" of port "${port.name}" is not an event of the network`
      : found.map((f) => f.id!);
  known.set(port, { table: events, ids });
  return ids;
}

/** What the sandbox sees as `CLOSED`: one frozen object per sandbox, compared with `===`. */
export const CLOSED_SENTINEL_SOURCE = `Object.defineProperty(globalThis, 'CLOSED', { value: Object.freeze({ closed: true }), writable: false, enumerable: false, configurable: false });`;
