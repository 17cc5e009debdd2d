/**
 * A workflow as a runnable network: compile it to CSPm (src/engine/workflow),
 * load the system, then give each script node its sandbox. A script node's
 * component is the one whose alphabet is the node's alphabet (`A_<Node>` in
 * the compiled script); its ports map to the edge channels the source map
 * names (the write end of a buffered edge for an output, the read end for an
 * input). Agent nodes are not run yet: a workflow with one is refused with
 * a message saying so.
 */
import type { EventId } from '../../engine/csp/terms';
import { networkFromCspm, type NetworkLoad } from '../../engine/runtime/network/load';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import { compileWorkflow, hasErrors, type Workflow } from '../../engine/workflow';
import type { SourceMap } from '../../engine/workflow/source-map';
import type { ScriptPort } from './script-node';
import { attachScripts, type AttachOptions, type ScriptSpec } from './scripts';

export type WorkflowNetwork = { ok: true; spec: NetworkSpec; sourceMap: SourceMap; assumptions: readonly string[] } | { ok: false; errors: readonly string[] };

function edgeChannel(map: SourceMap, edgeId: string, end: 'from' | 'to'): string | undefined {
  let sync: string | undefined;
  for (const [name, entry] of Object.entries(map.names)) {
    if (entry.kind !== 'edge' || entry.id !== edgeId) continue;
    if (entry.role === 'sync') sync = name;
    if (end === 'from' && entry.role === 'write') return name;
    if (end === 'to' && entry.role === 'read') return name;
  }
  return sync;
}

export function workflowNetwork(wf: Workflow, file: string, options: AttachOptions = {}): WorkflowNetwork {
  const agents = wf.processes.filter((p) => p.kind === 'agent');
  if (agents.length > 0) return { ok: false, errors: [`${file}: agent nodes cannot run yet (${agents.map((a) => a.id).join(', ')}); the runtime runs CSP and script nodes`] };
  const compiled = compileWorkflow(wf);
  if (hasErrors(compiled.diagnostics)) return { ok: false, errors: compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${file}: ${d.path}: ${d.message}`) };
  const net: NetworkLoad = networkFromCspm(compiled.cspm, { file: `${file} (compiled)` });
  if (!net.ok) return net;
  const { spec, script } = net;
  const scripts: ScriptSpec[] = [];
  const errors: string[] = [];
  for (const node of wf.processes) {
    if (node.kind !== 'script') continue;
    if (node.replicate !== undefined) {
      errors.push(`${file}: script node ${node.id} is replicated; replicated script nodes cannot run yet`);
      continue;
    }
    const alphaName = Object.entries(compiled.sourceMap.names).find(([, e]) => e.kind === 'alphabet' && e.id === node.id)?.[0];
    const alpha = alphaName === undefined ? undefined : script.evaluate(alphaName);
    const ids = new Set<EventId>();
    if (alpha?.ok === true && typeof alpha.value === 'object' && alpha.value.t === 'set') {
      for (const v of alpha.value.items) {
        const id = spec.events.lookup(v);
        if (id !== undefined) ids.add(id);
      }
    }
    const component = spec.components.find((c) => c.alphabet !== null && c.alphabet.length === ids.size && c.alphabet.every((e) => ids.has(e)));
    if (component === undefined) {
      errors.push(`${file}: cannot find the running component of script node ${node.id}`);
      continue;
    }
    const ports: ScriptPort[] = node.ports.map((p) => {
      const ref = `${node.id}.${p.name}`;
      const attached = wf.edges.filter((e) => (p.dir === 'out' ? e.from === ref : e.to === ref));
      const channels = attached.map((e) => edgeChannel(compiled.sourceMap, e.id, p.dir === 'out' ? 'from' : 'to')).filter((c): c is string => c !== undefined);
      if (attached.length === 0) channels.push(p.name);
      const json = p.type === 'json' && channels.every((ch) => spec.events.channelEvents(ch).length === 1);
      return { name: p.name, dir: p.dir, channels, json };
    });
    scripts.push({ component: component.name, source: node.script, ports });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, spec: scripts.length > 0 ? attachScripts(spec, scripts, options) : spec, sourceMap: compiled.sourceMap, assumptions: compiled.assumptions };
}
