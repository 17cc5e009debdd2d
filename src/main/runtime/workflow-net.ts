/**
 * A workflow as a runnable network: compile it to CSPm (src/engine/workflow),
 * load the system, then give each script node its sandbox. A script node's
 * component is the one whose alphabet is the node's alphabet (`A_<Node>` in
 * the compiled script); its ports map to the edge channels the source map
 * names (the write end of a buffered edge for an output, the read end for an
 * input). Agent nodes get an AgentNode with the provider their config
 * names (openai, ollama, replay); an API key is read from `options.env` by the
 * name of its secret (`apiKey: { secret: OPENAI_KEY }`: the app's stored
 * secrets over the environment). Built-in nodes get their code from
 * builtins/attach.ts, and JSON buffered edges a payload-carrying FIFO
 * (builtins/edge-buffers.ts).
 *
 * A replicated code node (`replicate: i in S`) is one code node per value v
 * of S, each attached to the component whose alphabet is `A_<Node>(v)`; an
 * indexed port (`index: e`) of replica v means only the events under e(v).
 * S and e are CSPm over the workflow's parameters, so they are evaluated by
 * the loaded script itself (replicas.ts adds the definitions that name them).
 */
import type { QueueSpec } from '../../engine/runtime/network/run';
import { TAU, TICK, type EventId, type Term } from '../../engine/csp/terms';
import { networkFromCspm, type NetworkLoad } from '../../engine/runtime/network/load';
import type { NetworkSpec } from '../../engine/runtime/network/network';
import { compileWorkflow, hasErrors, type Workflow } from '../../engine/workflow';
import { edgeName, type SourceMap } from '../../engine/workflow/source-map';
import { showValue } from '../../engine/csp/values';
import { valueToJson, type Json } from '../../engine/runtime/network/json-values';
import { portEvents, type ScriptPort } from './script-node';
import { replicaProbes } from './replicas';
import { attachScripts, type AttachOptions, type ScriptSpec } from './scripts';
import { isBuiltin } from '../../engine/workflow/builtins';
import { attachEdgeBuffers } from './builtins/edge-buffers';
import { attachBuiltins, type BuiltinSpec } from './builtins/attach';
import { AgentNode } from './agents/agent-node';
import { OLLAMA_BASE_URL, OpenAICompatibleProvider, ReplayProvider, type Provider } from './agents/provider';
import { UsageMeter } from './agents/routing';
import type { AgentNode as AgentNodeModel } from '../../engine/workflow';

export type WorkflowNetwork =
  | { ok: true; spec: NetworkSpec; sourceMap: SourceMap; assumptions: readonly string[] }
  | { ok: false; errors: readonly string[] };

/** The channel a port at this end of an edge uses: the write or read end of a buffered edge, else the edge itself. */
function edgeChannel(map: SourceMap, edgeId: string, end: 'from' | 'to'): string | undefined {
  return edgeName(map, edgeId, end === 'from' ? 'write' : 'read') ?? edgeName(map, edgeId, 'sync');
}

export function workflowNetwork(wf: Workflow, file: string, options: AttachOptions = {}): WorkflowNetwork {
  const compiled = compileWorkflow(wf);
  if (hasErrors(compiled.diagnostics))
    return {
      ok: false,
      errors: compiled.diagnostics.filter((d) => d.severity === 'error').map((d) => `${file}: ${d.path}: ${d.message}`),
    };
  const probes = replicaProbes(wf, compiled.cspm);
  const net: NetworkLoad = networkFromCspm(compiled.cspm + probes.text, {
    file: `${file} (compiled)`,
    // Components are matched to nodes by alphabet below: the compiler's own alphabetised split only.
    splitParallel: false,
  });
  if (!net.ok) return net;
  const { spec, script } = net;
  const scripts: ScriptSpec[] = [];
  const errors: string[] = [];
  const agentComponents = new Map<
    string,
    { readonly agent: AgentNodeModel['agent']; readonly scriptPorts: ScriptPort[]; readonly instance?: Instance }
  >();
  // A budget given by the caller (the CLI's flags) wins over the workflow's own settings.
  const meter = new UsageMeter(capBudget({ ...wf.settings?.budget, ...options.budget }, options.budgetCap));
  // Components taken so far (by index: two components may print alike), and the node names they get.
  const used = new Set<number>();
  const rename = new Map<number, string>();
  const builtins: BuiltinSpec[] = [];
  // Lookups made once: a workflow of a thousand nodes must not scan every name, edge and component per node.
  const nameOf = sourceNames(compiled.sourceMap);
  const edgesAt = edgesByPort(wf);
  const channelById = new Map(wf.channels.map((c) => [c.id, c]));
  const withAlphabet = componentsByAlphabet(spec.components);
  for (const node of wf.processes) {
    const alphaName = nameOf('alphabet', node.id);
    const nodeName = nameOf('node', node.id);
    const replicas = probes.replicas(node, script, `${file}: node ${node.id}`);
    if (typeof replicas === 'string') {
      // A CSP node needs no attaching (it already runs); a code node without its replicas cannot run.
      if (node.kind !== 'csp') errors.push(replicas);
      continue;
    }
    for (const replica of replicas) {
      const alpha =
        alphaName === undefined
          ? undefined
          : script.evaluate(alphaName, replica.value === undefined ? [] : [replica.value]);
      const ids = new Set<EventId>();
      if (alpha?.ok === true && typeof alpha.value === 'object' && alpha.value.t === 'set') {
        for (const v of alpha.value.items) {
          const id = spec.events.lookup(v);
          if (id !== undefined) ids.add(id);
        }
      }
      // Nodes (and replicas) are composed in document order, so the first unused component with this alphabet is this one's.
      const ci = withAlphabet.get(alphabetKey(ids))?.find((i) => !used.has(i)) ?? -1;
      const found = ci < 0 ? undefined : spec.components[ci];
      if (found !== undefined) {
        used.add(ci);
        // A single node's component is shown under the node's name (its term may print as a local
        // definition, `Clock(4)` or `B(0)`); a replica keeps its instance name, `Worker(2)`.
        if (replica.value === undefined && nodeName !== undefined) rename.set(ci, nodeName);
      }
      const component = found === undefined ? undefined : { ...found, name: rename.get(ci) ?? found.name };
      if (node.kind === 'csp') continue;
      if (component === undefined) {
        errors.push(
          `${file}: cannot find the running component of ${node.kind} node ${node.id}${replica.value === undefined ? '' : ` for ${replica.variable} = ${showValue(replica.value)}`}`,
        );
        continue;
      }
      const ports: ScriptPort[] = node.ports.map((p) => {
        const ref = `${node.id}.${p.name}`;
        const attached = edgesAt.get(`${p.dir === 'out' ? 'from' : 'to'} ${ref}`) ?? [];
        const channels = attached
          .map((e) => edgeChannel(compiled.sourceMap, e.id, p.dir === 'out' ? 'from' : 'to'))
          .filter((c): c is string => c !== undefined);
        if (attached.length === 0) channels.push(p.name);
        const json = p.type === 'json';
        const chan = attached.map((e) => channelById.get(e.channel ?? e.id)).find((c) => c?.json !== undefined);
        const rules = chan?.json?.abstraction;
        const abstraction =
          json && rules !== undefined
            ? { rules, ...(chan?.json?.fallback !== undefined ? { fallback: chan.json.fallback } : {}) }
            : undefined;
        const prefix = replica.prefixes.get(p.name);
        const schema = json ? chan?.json?.schema : undefined;
        const closeEvents = attached
          .map((e) => edgeName(compiled.sourceMap, e.id, p.dir === 'out' ? 'close' : 'closed'))
          .filter((c): c is string => c !== undefined);
        return {
          name: p.name,
          dir: p.dir,
          channels,
          json,
          ...(abstraction !== undefined ? { abstraction } : {}),
          ...(schema !== undefined ? { schema } : {}),
          ...(prefix !== undefined ? { prefix } : {}),
          ...(closeEvents.length > 0 ? { closeEvents } : {}),
        };
      });
      const index: Json | undefined = replica.value === undefined ? undefined : valueToJson(replica.value);
      const instance: Instance | undefined =
        replica.value === undefined ? undefined : { variable: replica.variable, value: showValue(replica.value) };
      if (isBuiltin(node)) builtins.push({ component: component.name, node, ports });
      else if (node.kind === 'script')
        scripts.push({
          component: component.name,
          source: node.script,
          ports,
          ...(index !== undefined ? { index } : {}),
        });
      else
        agentComponents.set(component.name, {
          agent: node.agent,
          scriptPorts: ports,
          ...(instance !== undefined ? { instance } : {}),
        });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  // Buffers of buffered edges show as their process, `BUF_q`, not its first state `BUF_q(<>, true)`.
  const byHead = new Map<string, number[]>();
  spec.components.forEach((c, i) => {
    const open = c.name.indexOf('(');
    if (open > 0) byHead.set(c.name.slice(0, open), [...(byHead.get(c.name.slice(0, open)) ?? []), i]);
  });
  for (const [proc, entry] of Object.entries(compiled.sourceMap.names)) {
    if (entry.kind !== 'buffer') continue;
    const ci = byHead.get(proc)?.find((i) => !rename.has(i)) ?? -1;
    if (ci >= 0) rename.set(ci, proc);
  }
  const components = spec.components.map((c, i) => (rename.has(i) ? { ...c, name: rename.get(i)! } : c));
  const named: NetworkSpec = { ...spec, components, queues: queuesOf(wf, compiled.sourceMap, components, nameOf) };
  let withCode = attachEdgeBuffers(
    scripts.length > 0 ? attachScripts(named, scripts, options) : named,
    wf,
    compiled.sourceMap,
  );
  if (builtins.length > 0) {
    const attached = attachBuiltins(withCode, builtins, options);
    if ('errors' in attached) return { ok: false, errors: attached.errors.map((e) => `${file}: ${e}`) };
    withCode = attached;
  }
  if (agentComponents.size > 0) {
    withCode = {
      ...withCode,
      components: withCode.components.map((c) => {
        const a = agentComponents.get(c.name);
        if (a === undefined) return c;
        return {
          ...c,
          code: (outside) =>
            new AgentNode({
              startsBySpeaking: speaksFirst(spec, c.term, a.scriptPorts),
              name: c.name,
              system: a.agent.system,
              ...(a.agent.prompt !== undefined ? { prompt: a.agent.prompt } : {}),
              ports: a.scriptPorts,
              events: spec.events,
              outside,
              provider: providerOf(a.agent, options.env ?? {}, options.fetch),
              routing: {
                // JSON output ports take the reply as JSON (never as a string that merely looks like it).
                structured:
                  (a.agent.routing !== undefined && a.agent.routing.length > 0) ||
                  a.scriptPorts.some((p) => p.dir === 'out' && p.json),
                ...(a.agent.routing !== undefined ? { rules: a.agent.routing } : {}),
                ...(a.agent.replyPort !== undefined ? { replyPort: a.agent.replyPort } : {}),
              },
              meter,
              ...(a.instance !== undefined ? { instance: a.instance } : {}),
              ...(a.agent.temperature !== undefined ? { temperature: a.agent.temperature } : {}),
              ...(a.agent.maxTokens !== undefined ? { maxTokens: a.agent.maxTokens } : {}),
            }),
        };
      }),
    };
  }
  return { ok: true, spec: withCode, sourceMap: compiled.sourceMap, assumptions: compiled.assumptions };
}

/** A replica as its agent is told: `i` and its index value as CSPm text. */
type Instance = { readonly variable: string; readonly value: string };

/** The queues whose depths a run reports: buffered edges (their buffer process) and buffer nodes. */
function queuesOf(
  wf: Workflow,
  map: SourceMap,
  components: readonly { readonly name: string }[],
  nameOf: (kind: string, id: string) => string | undefined,
): QueueSpec[] {
  const out: QueueSpec[] = [];
  // Buffer components are already named after their process (see the renaming above).
  const componentNames = new Set(components.map((c) => c.name));
  const edgeById = new Map(wf.edges.map((e) => [e.id, e]));
  const channelById = new Map(wf.channels.map((c) => [c.id, c]));
  for (const [name, entry] of Object.entries(map.names)) {
    if (entry.kind !== 'buffer') continue;
    const edge = edgeById.get(entry.edge);
    const capacity = channelById.get(edge?.channel ?? edge?.id ?? '')?.capacity;
    const channel = edgeName(map, entry.edge, 'read');
    if (componentNames.has(name) && capacity !== undefined)
      out.push({ id: entry.edge, component: name, capacity, ...(channel !== undefined ? { channel } : {}) });
  }
  for (const node of wf.processes) {
    if (node.kind !== 'buffer') continue;
    const name = nameOf('node', node.id);
    if (name !== undefined && componentNames.has(name))
      out.push({ id: node.id, component: name, capacity: node.config.capacity });
  }
  return out;
}

/** The first name the source map gives an entry of this kind for this node id (what a scan in order would find). */
function sourceNames(map: SourceMap): (kind: string, id: string) => string | undefined {
  const first = new Map<string, string>();
  for (const [name, entry] of Object.entries(map.names)) {
    if (!('id' in entry) || typeof entry.id !== 'string') continue;
    const key = `${entry.kind} ${entry.id}`;
    if (!first.has(key)) first.set(key, name);
  }
  return (kind, id) => first.get(`${kind} ${id}`);
}

/** The edges leaving (`from <node.port>`) and reaching (`to <node.port>`) each port, in document order. */
function edgesByPort(wf: Workflow): Map<string, Workflow['edges'][number][]> {
  const at = new Map<string, Workflow['edges'][number][]>();
  const add = (key: string, e: Workflow['edges'][number]): void => {
    const list = at.get(key);
    if (list === undefined) at.set(key, [e]);
    else list.push(e);
  };
  for (const e of wf.edges) {
    add(`from ${e.from}`, e);
    add(`to ${e.to}`, e);
  }
  return at;
}

function alphabetKey(ids: Iterable<number>): string {
  return [...new Set(ids)].sort((a, b) => a - b).join(',');
}

/** Component indices by alphabet (as a set), in order: a node takes the first unused one with its alphabet. */
function componentsByAlphabet(components: NetworkSpec['components']): Map<string, number[]> {
  const by = new Map<string, number[]>();
  components.forEach((c, i) => {
    if (c.alphabet === null) return;
    const key = alphabetKey(c.alphabet);
    const list = by.get(key);
    if (list === undefined) by.set(key, [i]);
    else list.push(i);
  });
  return by;
}

/** Whether a node's contract can begin only with output events (then the agent opens the talk). */
function speaksFirst(spec: NetworkSpec, contract: Term, ports: readonly ScriptPort[]): boolean {
  // An input's close counts as input too: a contract that may begin with `in_closed` listens first.
  const inputs = new Set(
    ports
      .filter((p) => p.dir === 'in')
      .flatMap((p) => [
        ...portEvents(p, spec.events),
        ...(p.closeEvents ?? []).flatMap((c) => [...spec.events.channelEvents(c)]),
      ]),
  );
  const seen = new Set<number>();
  const stack = [spec.factory.canon(contract)];
  let anyOutput = false;
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    for (const tr of spec.factory.semantics.transitions(t)) {
      if (tr.event === TAU) stack.push(tr.target);
      else if (inputs.has(tr.event)) return false;
      else if (tr.event !== TICK) anyOutput = true;
    }
  }
  return anyOutput;
}

/** The lower of each limit (a node's quota caps what a workflow asks for). */
function capBudget(
  b: { maxTokens?: number; maxCost?: number },
  cap: AttachOptions['budgetCap'],
): { maxTokens?: number; maxCost?: number } {
  const low = (x: number | undefined, y: number | undefined): number | undefined =>
    x === undefined ? y : y === undefined ? x : Math.min(x, y);
  const maxTokens = low(b.maxTokens, cap?.maxTokens);
  const maxCost = low(b.maxCost, cap?.maxCost);
  return { ...(maxTokens !== undefined ? { maxTokens } : {}), ...(maxCost !== undefined ? { maxCost } : {}) };
}

function providerOf(
  a: AgentNodeModel['agent'],
  env: Readonly<Record<string, string | undefined>>,
  fetchImpl: typeof fetch | undefined,
): Provider {
  if (a.provider === 'replay') return new ReplayProvider(a.replies ?? []);
  const key = a.apiKey !== undefined ? env[a.apiKey.secret] : undefined;
  return new OpenAICompatibleProvider({
    baseUrl: a.baseUrl ?? (a.provider === 'ollama' ? OLLAMA_BASE_URL : 'https://api.openai.com/v1'),
    model: a.model,
    ...(key !== undefined ? { apiKey: key } : {}),
    ...(fetchImpl !== undefined ? { fetch: fetchImpl } : {}),
  });
}
