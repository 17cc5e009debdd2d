/**
 * Shape anchors: one long-lived instance of every class on the hot path.
 *
 * Why: V8 gives class instances their layout ("map") through field-by-field
 * transitions that only live objects keep alive. When a run ends, every
 * engine, channel, ring and waiter of it is garbage; the next full GC drops
 * their maps and deoptimises all code compiled against them ("weak objects"
 * in --trace-deopt), so the next run starts cold in the interpreter. Measured
 * on ping-pong, runs in a loop with a full GC between them: about 3.2M msgs/s
 * without the anchors (every run re-warmed), 4.1M with them; in the runtime
 * benchmark ping-pong went from 1.09× to 1.33× `medium` (median per-round
 * ratio). Holding one instance of each keeps the maps, and with them the
 * optimised code, alive across runs. The anchors store both kinds of value in
 * each polymorphic field up front (null and an object, a number and
 * undefined), so a later run never has to generalise a field and deoptimise.
 */
import type { Channel } from './channel';
import type { Engine } from './engine';
import { AltState, Waiter } from './waiter';

function noop(): void {}

export interface ShapeAnchors {
  readonly engine: Engine;
  readonly rendezvous: Channel<unknown>;
  readonly buffered: Channel<unknown>;
  readonly plainWaiter: Waiter;
  readonly altWaiter: Waiter;
  readonly altState: AltState;
}

/** Builds the anchors on `engine`, which is never run; the caller keeps the result for the life of the module. */
export function shapeAnchors(engine: Engine): ShapeAnchors {
  const altState = new AltState(noop, noop, [], undefined);
  return {
    engine,
    rendezvous: engine.channel(0, 'shape-anchor-rendezvous'),
    buffered: engine.channel(1, 'shape-anchor-buffered'),
    plainWaiter: new Waiter(null, 0, undefined, noop, noop, undefined),
    altWaiter: new Waiter(altState, 1, 0, noop, noop, 'shape-anchor'),
    altState,
  };
}
