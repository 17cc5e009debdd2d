/**
 * Puts built-in nodes into a network: each named component keeps its
 * generated contract (monitored) and runs the built-in's code instead.
 */
import type { NetworkSpec } from '../../../engine/runtime/network/network';
import type { BuiltinNode } from '../../../engine/workflow';
import type { AttachOptions } from '../scripts';
import type { ScriptPort } from '../script-node';
import type { BuiltinCodeNode, BuiltinContext, BuiltinPort } from './base';
import { HttpNode } from './http';
import { InjectNode, QueuedInjections, TimerNode } from './sources';
import { BufferNode, FilterNode, LogNode, MapNode, MergeNode, SplitNode } from './transforms';

export interface BuiltinSpec {
  readonly component: string;
  readonly node: BuiltinNode;
  readonly ports: readonly ScriptPort[];
}

/** Header values with `{ secret: NAME }` looked up in the environment; a missing secret is an error naming it. */
function resolveHeaders(
  node: BuiltinNode,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> | string {
  if (node.kind !== 'http') return {};
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(node.config.headers ?? {})) {
    if (typeof v === 'string') out[name] = v;
    else {
      const value = env[v.secret];
      if (value === undefined) return `node ${node.id}: header ${name} names the secret ${v.secret}, which is not set`;
      out[name] = value;
    }
  }
  return out;
}

function create(
  spec: BuiltinSpec,
  ctx: BuiltinContext,
  options: AttachOptions,
  headers: Record<string, string>,
): BuiltinCodeNode {
  const node = spec.node;
  switch (node.kind) {
    case 'timer':
      return new TimerNode(ctx, node, { wallClock: options.wallClock === true });
    case 'inject':
      return new InjectNode(ctx, node, options.injections ?? new QueuedInjections());
    case 'log':
      return new LogNode(ctx, node.config?.label ?? node.name);
    case 'map':
      return new MapNode(ctx, node.config.expression);
    case 'filter':
      return new FilterNode(ctx, node.config.expression);
    case 'split':
      return new SplitNode(ctx);
    case 'merge':
      return new MergeNode(ctx);
    case 'buffer':
      return new BufferNode(ctx, node.config.capacity);
    case 'http':
      return new HttpNode(ctx, node.config, headers, options.fetch);
  }
}

/** Returns the network with the built-ins attached, or the errors (a missing secret) that stop it from starting. */
export function attachBuiltins(
  spec: NetworkSpec,
  builtins: readonly BuiltinSpec[],
  options: AttachOptions = {},
): NetworkSpec | { errors: string[] } {
  const byName = new Map(builtins.map((b) => [b.component, b]));
  const headers = new Map<string, Record<string, string>>();
  const errors: string[] = [];
  for (const b of builtins) {
    const h = resolveHeaders(b.node, options.env ?? {});
    if (typeof h === 'string') errors.push(h);
    else headers.set(b.component, h);
  }
  if (errors.length > 0) return { errors };
  for (const b of builtins) if (b.node.kind === 'inject') options.injections?.register?.(b.node.id);
  return {
    ...spec,
    components: spec.components.map((c) => {
      const b = byName.get(c.name);
      if (b === undefined) return c;
      const ports: BuiltinPort[] = b.ports.map((p) => ({
        ...p,
        bare: b.node.ports.find((q) => q.name === p.name)?.type === undefined,
      }));
      return {
        ...c,
        code: (outside) =>
          create(
            b,
            { ports, events: spec.events, outside, ...(options.log !== undefined ? { log: options.log } : {}) },
            options,
            headers.get(c.name)!,
          ),
      };
    }),
  };
}
