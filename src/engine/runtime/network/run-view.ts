/**
 * What the debugger shows of a run between steps: each process's state (a CSP
 * component's term as CSPm, a code node's status and inspectable state) and
 * the depth of each queue the canvas draws. Read-only views of a Scheduler.
 */
import type { EventTable } from '../../csp/events';
import { printTerm } from '../../csp/print';
import type { ProcessState, QueueDepth, QueueSpec } from './run';
import type { Scheduler } from './scheduler';

/** Component c's current term as CSPm. */
export function printComponent(sched: Scheduler, c: number, events: EventTable): string {
  return printTerm(sched.termOf(c), events);
}

export function processStatesOf(sched: Scheduler, events: EventTable): ProcessState[] {
  return sched.names.map((name, c) => {
    const terminated = sched.termOf(c) === sched.factory.omega;
    const code = sched.codeOf(c);
    if (code === null) return { name, state: printComponent(sched, c, events), terminated };
    const status = code.status();
    const offers = status === 'blocked' ? ` on {${events.textsOf([...code.offers()]).join(', ')}}` : '';
    const state = status === 'failed' ? `failed: ${code.error() ?? ''}` : `${status}${offers}`;
    return { name, state, terminated, script: code.inspect() };
  });
}

/**
 * Depth of each queue: a buffer node's outbox, or the first argument of a
 * buffer process (`BUF(k)` counts, `BUF(<a, b>)` holds a sequence).
 */
export function queueDepthsOf(sched: Scheduler, queues: readonly QueueSpec[]): QueueDepth[] {
  const out: QueueDepth[] = [];
  for (const q of queues) {
    const c = sched.names.indexOf(q.component);
    if (c < 0) continue;
    const code = sched.codeOf(c);
    let depth: number | undefined;
    if (code !== null) {
      const queued = (code.inspect() as { queued?: unknown } | null)?.queued;
      if (typeof queued === 'number') depth = queued;
    } else {
      const t = sched.termOf(c);
      const arg = t.node.op === 'call' ? t.node.args[0] : undefined;
      if (typeof arg === 'number') depth = arg;
      else if (arg !== undefined && typeof arg === 'object' && arg.t === 'seq') depth = arg.items.length;
    }
    if (depth !== undefined) out.push({ id: q.id, depth, capacity: q.capacity });
  }
  return out;
}
