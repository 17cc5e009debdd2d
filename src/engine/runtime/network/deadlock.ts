/**
 * The wait-for graph of a stuck network: for every component that has not
 * terminated, each event it offers and the components that refuse it (they
 * have the event in their alphabet and do not offer it now). A component that
 * offers nothing at all is listed with no edges (it is STOP-like).
 */
import type { Scheduler } from './scheduler';

export interface WaitEdge {
  /** The component waited on. */
  readonly on: string;
  /** Events (CSPm text) the waiter offers and `on` refuses; at most 8 listed. */
  readonly events: readonly string[];
  /** `on` has terminated: it will never take part again (a source that ran out, a node that ended). */
  readonly ended?: true;
}

export interface Waiter {
  readonly process: string;
  /** Its state as CSPm. */
  readonly state: string;
  /** Everything it offers now (CSPm text, at most 16 listed). */
  readonly offers: readonly string[];
  readonly waitsOn: readonly WaitEdge[];
}

function offersEvent(offers: Int32Array, e: number): boolean {
  let lo = 0;
  let hi = offers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = offers[mid]!;
    if (x === e) return true;
    if (x < e) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

export function waitForGraph(s: Scheduler, print: (component: number) => string): Waiter[] {
  const out: Waiter[] = [];
  for (let c = 0; c < s.names.length; c++) {
    if (s.termOf(c) === s.factory.omega) continue;
    const offers = s.offersOf(c);
    const edges = new Map<number, string[]>();
    for (const e of offers) {
      for (const p of s.participantsOf(e)) {
        if (p === c || offersEvent(s.offersOf(p), e)) continue;
        let list = edges.get(p);
        if (list === undefined) edges.set(p, (list = []));
        if (list.length < 8) list.push(s.events.text(e));
      }
    }
    out.push({
      process: s.names[c]!,
      state: print(c),
      offers: [...offers.slice(0, 16)].map((e) => s.events.text(e)),
      waitsOn: [...edges.entries()]
        .sort(([a], [b]) => a - b)
        .map(([p, events]) => ({
          on: s.names[p]!,
          events,
          ...(s.termOf(p) === s.factory.omega ? { ended: true as const } : {}),
        })),
    });
  }
  return out;
}
