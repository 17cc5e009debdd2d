/**
 * Puts script nodes into a network: the named components keep their term as
 * the contract and run a ScriptNode instead (a fresh sandbox per run and per
 * replay). now() reads the run's virtual clock; random() a generator seeded
 * per node — both recorded as outside values, so replays never call them.
 */
import { XorShiftRng } from '../../engine/runtime/rng';
import type { Json } from '../../engine/runtime/network/json-values';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import type { InjectionSource } from './builtins/sources';
import { ScriptNode, type ScriptLimits, type ScriptPort } from './script-node';
import type { SandboxHeap } from './sandbox-heap';

export interface ScriptSpec {
  /** Component name in the network (the CSPm process standing for the node's contract). */
  readonly component: string;
  readonly source: string;
  readonly ports: readonly ScriptPort[];
  readonly limits?: ScriptLimits;
  /** A replica's index value, seen by the script as `ctx.index`. */
  readonly index?: Json;
}

export interface AttachOptions {
  readonly seed?: number;
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
  /** Every sandbox created, so the caller can free them when the run is over. */
  readonly created?: ScriptNode[];
  /** Where agent API keys are looked up by secret name (default: none). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Token / cost budget shared by the run's agents. */
  readonly budget?: { readonly maxTokens?: number; readonly maxCost?: number };
  /** Where inject nodes get their injections (default: none, so they end at once). */
  readonly injections?: InjectionSource;
  /** Timers wait real time between ticks (`--wall-clock`); default: virtual time. */
  readonly wallClock?: boolean;
  /** The heap the run's scripts share (networkFromSource makes one per run). */
  readonly heap?: SandboxHeap;
  /** How large that heap may grow (default DEFAULT_SANDBOX_HEAP_BYTES). */
  readonly sandboxHeapBytes?: number;
  /** The fetch HTTP and agent nodes use: on a node, one that obeys its egress policy (egress.ts). */
  readonly fetch?: typeof fetch;
  /** Token and cost caps of the host (a node's quotas): the workflow's own budget may be lower, never higher. */
  readonly budgetCap?: { readonly maxTokens?: number; readonly maxCost?: number };
}

export function attachScripts(
  spec: NetworkSpec,
  scripts: readonly ScriptSpec[],
  options: AttachOptions = {},
): NetworkSpec {
  const byName = new Map(scripts.map((s) => [s.component, s]));
  for (const s of scripts) {
    if (!spec.components.some((c) => c.name === s.component)) {
      throw new RangeError(
        `no component named ${s.component} in the network (components: ${spec.components.map((c) => c.name).join(', ')})`,
      );
    }
  }
  // now(): the run's virtual time by default (work between timer ticks takes no time), real
  // milliseconds since the start with --wall-clock; recorded either way.
  const started = Date.now();
  const clock = options.clock ?? (options.wallClock === true ? () => Date.now() - started : undefined);
  return {
    ...spec,
    components: spec.components.map((c, i) => {
      const s = byName.get(c.name);
      if (s === undefined) return c;
      return {
        ...c,
        code: (outside) => {
          const rng = new XorShiftRng((options.seed ?? 1) * 7919 + i);
          const node = new ScriptNode({
            name: c.name,
            source: s.source,
            ports: s.ports,
            events: spec.events,
            outside,
            ...(clock !== undefined ? { clock } : {}),
            random: () => rng.float(),
            ...(s.limits !== undefined ? { limits: s.limits } : {}),
            ...(s.index !== undefined ? { index: s.index } : {}),
            ...(options.log !== undefined ? { log: options.log } : {}),
            ...(options.heap !== undefined ? { heap: options.heap } : {}),
          });
          options.created?.push(node);
          return node;
        },
      };
    }),
  };
}
