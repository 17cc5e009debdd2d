/**
 * Cross-record checks on a schema-valid workflow: unique ids, references that
 * resolve, port directions, type agreement along edges and buses, CSPm type
 * text, index expressions only on replicated nodes. Each finding carries the
 * document path of the offending value, so the YAML loader can place it.
 */
import { builtinConfigProblems } from './builtin-config';
import { isBuiltin } from './builtins';
import { diag, WF } from './diagnostics';
import type { WorkflowDiagnostic } from './diagnostics';
import { parseReplicate, splitPortRef } from './model';
import type { Channel, Port, ProcessNode, Workflow } from './model';
import { unsupportedKeyword } from './abstraction';
import { CSPM_RESERVED } from './names';
import { checkTypeText, declaredNames, normalType } from './types';

export interface PortInfo {
  readonly node: ProcessNode;
  readonly nodeIndex: number;
  readonly port: Port;
  readonly portIndex: number;
}

/** Looks a `node.port` reference up; undefined when it dangles. */
export function lookupPort(wf: Workflow, ref: string): PortInfo | undefined {
  const { node, port } = splitPortRef(ref);
  const nodeIndex = wf.processes.findIndex((p) => p.id === node);
  const n = wf.processes[nodeIndex];
  if (!n) return undefined;
  const portIndex = n.ports.findIndex((p) => p.name === port);
  const p = n.ports[portIndex];
  return p ? { node: n, nodeIndex, port: p, portIndex } : undefined;
}

/**
 * The CSPm type of a port's events as seen from outside the node: its data
 * type, prefixed by the replication set when the port is indexed. `json`
 * ports take the check type of the JSON channel they are attached to.
 */
export function fullPortType(node: ProcessNode, port: Port, jsonType?: string): string {
  let data = port.type === 'json' ? (jsonType ?? '') : (port.type ?? '');
  if (port.index !== undefined && node.replicate !== undefined) {
    const { set } = parseReplicate(node.replicate);
    data = data === '' ? set : `${set}.${data}`;
  }
  return data;
}

/** Check type of a JSON channel: its checkType, or none when it has no abstraction. */
export function jsonCheckType(ch: Channel | undefined): string | undefined {
  if (!ch?.json) return undefined;
  if (!ch.json.abstraction || ch.json.abstraction.length === 0) return undefined;
  return ch.json.checkType ?? `${capitalise(ch.id)}_T`;
}

function capitalise(s: string): string {
  const id = s.replace(/[^A-Za-z0-9_']/g, '_');
  return id.charAt(0).toUpperCase() + id.slice(1);
}

function duplicates<T>(
  items: readonly T[],
  key: (t: T) => string,
  path: (i: number) => string,
  what: string,
): WorkflowDiagnostic[] {
  const seen = new Map<string, number>();
  const out: WorkflowDiagnostic[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push(diag(WF.duplicateId, path(i), `duplicate ${what} "${k}" (first used at ${path(first)})`));
  });
  return out;
}

export function validateWorkflow(wf: Workflow): WorkflowDiagnostic[] {
  const out: WorkflowDiagnostic[] = [];
  const decl = declaredNames(wf.declarations);
  const known = new Set<string>([...decl.all, ...Object.keys(wf.parameters)]);
  for (const ch of wf.channels) if (ch.json) for (const r of ch.json.abstraction ?? []) known.add(r.as);
  for (const ch of wf.channels) if (ch.json) known.add(jsonCheckType(ch) ?? '');

  // Ids: nodes, buses and groups share one namespace (all are drawn and laid out).
  const drawn = [
    ...wf.processes.map((p, i) => ({ id: p.id, path: `processes[${i}].id` })),
    ...wf.buses.map((b, i) => ({ id: b.id, path: `buses[${i}].id` })),
    ...wf.groups.map((g, i) => ({ id: g.id, path: `groups[${i}].id` })),
  ];
  out.push(
    ...duplicates(
      drawn,
      (d) => d.id,
      (i) => drawn[i]!.path,
      'node id',
    ),
  );
  out.push(
    ...duplicates(
      wf.edges,
      (e) => e.id,
      (i) => `edges[${i}].id`,
      'edge id',
    ),
  );
  out.push(
    ...duplicates(
      wf.channels,
      (c) => c.id,
      (i) => `channels[${i}].id`,
      'channel id',
    ),
  );
  out.push(
    ...duplicates(
      wf.assertions,
      (a) => a.id,
      (i) => `assertions[${i}].id`,
      'assertion id',
    ),
  );

  const typeOk = (type: string | undefined, path: string): void => {
    if (type === undefined || type === 'json') return;
    const err = checkTypeText(type, known);
    if (err) out.push(diag(WF.badType, path, err));
  };

  wf.processes.forEach((node, ni) => {
    const base = `processes[${ni}]`;
    out.push(
      ...duplicates(
        node.ports,
        (p) => p.name,
        (i) => `${base}.ports[${i}].name`,
        'port name',
      ),
    );
    node.ports.forEach((port, pi) => {
      typeOk(port.type, `${base}.ports[${pi}].type`);
      if (CSPM_RESERVED.has(port.name)) {
        out.push(
          diag(
            WF.reservedName,
            `${base}.ports[${pi}].name`,
            `port name "${port.name}" is a CSPm keyword or built-in; behaviours could not refer to it`,
          ),
        );
      }
      if (port.index !== undefined && node.replicate === undefined) {
        out.push(
          diag(
            WF.badIndex,
            `${base}.ports[${pi}].index`,
            `port "${port.name}" has an index but node "${node.id}" is not replicated`,
          ),
        );
      }
    });
    if (node.replicate !== undefined) {
      const { variable } = parseReplicate(node.replicate);
      if (node.ports.some((p) => p.name === variable)) {
        out.push(diag(WF.badIndex, `${base}.replicate`, `replication variable "${variable}" is also a port name`));
      }
    }
    if (isBuiltin(node))
      for (const problem of builtinConfigProblems(node))
        out.push(diag(WF.badBuiltin, `${base}.${problem.path}`, problem.message));
    if (node.kind === 'agent') {
      const outPorts = new Set(node.ports.filter((p) => p.dir === 'out').map((p) => p.name));
      const a = node.agent;
      if (a.replyPort !== undefined && !outPorts.has(a.replyPort)) {
        out.push(
          diag(
            WF.danglingRef,
            `${base}.agent.replyPort`,
            `"${a.replyPort}" is not an output port of node "${node.id}"`,
          ),
        );
      }
      (a.routing ?? []).forEach((r, ri) => {
        if (!outPorts.has(r.port))
          out.push(
            diag(
              WF.danglingRef,
              `${base}.agent.routing[${ri}].port`,
              `"${r.port}" is not an output port of node "${node.id}"`,
            ),
          );
      });
      if (a.provider === 'replay' && (a.replies ?? []).length === 0) {
        out.push(diag(WF.schema, `${base}.agent.replies`, 'the replay provider needs recorded replies', 'warning'));
      }
      if (a.provider === 'openai' && a.apiKey === undefined) {
        out.push(
          diag(WF.schema, `${base}.agent.apiKey`, 'the openai provider needs apiKey: { secret: NAME }', 'warning'),
        );
      }
    }
  });

  const schemaOk = (schema: unknown, path: string): void => {
    const bad = unsupportedKeyword(schema);
    if (bad)
      out.push(diag(WF.schema, path, `JSON Schema keyword ${bad} is outside the supported subset (docs/workflows.md)`));
  };
  wf.processes.forEach((node, ni) => {
    if (node.kind === 'agent')
      (node.agent.routing ?? []).forEach((r, ri) => schemaOk(r.match, `processes[${ni}].agent.routing[${ri}].match`));
  });
  wf.channels.forEach((ch, ci) => {
    (ch.json?.abstraction ?? []).forEach((r, ri) => schemaOk(r.match, `channels[${ci}].json.abstraction[${ri}].match`));
    if (ch.json?.schema !== undefined) schemaOk(ch.json.schema, `channels[${ci}].json.schema`);
    typeOk(ch.type, `channels[${ci}].type`);
    if (ch.type !== undefined && ch.json !== undefined)
      out.push(diag(WF.schema, `channels[${ci}]`, 'a channel has either type or json, not both'));
    if (ch.close && ch.capacity === undefined)
      out.push(diag(WF.badChannelUse, `channels[${ci}].close`, 'close needs a buffered channel (set capacity)'));
    if (ch.checkCapacity !== undefined && (ch.capacity === undefined || ch.checkCapacity > ch.capacity)) {
      out.push(
        diag(
          WF.badChannelUse,
          `channels[${ci}].checkCapacity`,
          `checkCapacity must be at most capacity (${ch.capacity ?? 'none'})`,
        ),
      );
    }
  });

  // Edges: real ports, right directions, agreeing types, each channel record used once.
  const attached = new Map<string, string>(); // node.port -> first attachment path (edge or bus)
  const channelUse = new Map<string, number>();
  wf.edges.forEach((edge, ei) => {
    const base = `edges[${ei}]`;
    const from = lookupPort(wf, edge.from);
    const to = lookupPort(wf, edge.to);
    if (!from)
      out.push(
        diag(
          WF.danglingRef,
          `${base}.from`,
          `no port "${edge.from}" (node ids: ${wf.processes.map((p) => p.id).join(', ') || 'none'})`,
        ),
      );
    else if (from.port.dir !== 'out')
      out.push(diag(WF.portDirection, `${base}.from`, `"${edge.from}" is an input port; an edge goes from an output`));
    if (!to)
      out.push(
        diag(
          WF.danglingRef,
          `${base}.to`,
          `no port "${edge.to}" (node ids: ${wf.processes.map((p) => p.id).join(', ') || 'none'})`,
        ),
      );
    else if (to.port.dir !== 'in')
      out.push(diag(WF.portDirection, `${base}.to`, `"${edge.to}" is an output port; an edge goes to an input`));
    let ch: Channel | undefined;
    if (edge.channel !== undefined) {
      ch = wf.channels.find((c) => c.id === edge.channel);
      if (!ch) out.push(diag(WF.danglingRef, `${base}.channel`, `no channel "${edge.channel}"`));
      const prev = channelUse.get(edge.channel);
      if (prev !== undefined) {
        out.push(
          diag(
            WF.badChannelUse,
            `${base}.channel`,
            `channel "${edge.channel}" is already used by edges[${prev}]; each edge is its own channel`,
          ),
        );
      } else channelUse.set(edge.channel, ei);
    }
    for (const [ref] of [[edge.from], [edge.to]] as const) {
      if (attached.has(ref) && attached.get(ref)!.startsWith('buses')) {
        out.push(
          diag(WF.badBus, base, `port "${ref}" is a bus member (${attached.get(ref)}) and cannot also carry an edge`),
        );
      }
      if (!attached.has(ref)) attached.set(ref, base);
    }
    if (!from || !to) return;
    const isJson = from.port.type === 'json' || to.port.type === 'json';
    if (isJson) {
      if (from.port.type !== to.port.type) {
        out.push(
          diag(
            WF.typeMismatch,
            base,
            `"${edge.from}" carries ${from.port.type ?? 'no data'} but "${edge.to}" carries ${to.port.type ?? 'no data'}`,
          ),
        );
      } else if (ch && !ch.json) {
        out.push(
          diag(
            WF.typeMismatch,
            `${base}.channel`,
            `json ports need a channel with json: (channel "${ch.id}" has a CSPm type)`,
          ),
        );
      }
    } else if (ch?.json) {
      out.push(
        diag(WF.typeMismatch, `${base}.channel`, `channel "${ch.id}" is a JSON channel but the ports are not json`),
      );
    }
    const jt = jsonCheckType(ch);
    const ft = fullPortType(from.node, from.port, jt);
    const tt = fullPortType(to.node, to.port, jt);
    if (!isJson && normalType(ft) !== normalType(tt)) {
      out.push(
        diag(
          WF.typeMismatch,
          base,
          `"${edge.from}" has type ${ft || 'no data'} but "${edge.to}" has type ${tt || 'no data'}`,
        ),
      );
    } else if (ch && ch.type !== undefined && normalType(ch.type) !== normalType(ft)) {
      out.push(
        diag(
          WF.typeMismatch,
          `${base}.channel`,
          `channel "${ch.id}" has type ${ch.type} but the ports have type ${ft || 'no data'}`,
        ),
      );
    }
    if (ch?.capacity !== undefined && (from.port.index !== undefined || to.port.index !== undefined)) {
      out.push(
        diag(
          WF.badChannelUse,
          `${base}.channel`,
          'buffered edges between indexed ports are not supported; use one edge per instance or no buffer',
        ),
      );
    }
  });
  wf.channels.forEach((ch, ci) => {
    if (!channelUse.has(ch.id))
      out.push(diag(WF.badChannelUse, `channels[${ci}]`, `channel "${ch.id}" is not used by any edge`, 'warning'));
  });

  wf.buses.forEach((bus, bi) => {
    const base = `buses[${bi}]`;
    typeOk(bus.type, `${base}.type`);
    bus.members.forEach((ref, mi) => {
      const p = lookupPort(wf, ref);
      const path = `${base}.members[${mi}]`;
      if (!p) {
        out.push(diag(WF.danglingRef, path, `no port "${ref}"`));
        return;
      }
      if (attached.has(ref))
        out.push(diag(WF.badBus, path, `port "${ref}" is already attached at ${attached.get(ref)}`));
      else attached.set(ref, base);
      const pt = fullPortType(p.node, { ...p.port, index: undefined });
      if (normalType(pt) !== normalType(bus.type)) {
        out.push(
          diag(
            WF.typeMismatch,
            path,
            `port "${ref}" has type ${pt || 'no data'} but bus "${bus.id}" has type ${bus.type ?? 'no data'}`,
          ),
        );
      }
      if (p.port.index !== undefined)
        out.push(diag(WF.badBus, path, 'indexed ports cannot be bus members: every instance would share the bus'));
    });
  });

  wf.assertions.forEach((a, ai) => {
    const text = a.text.replace(/^\s*assert\s+/, '');
    if (!/:\[|\[(T|F|FD|V|VD|R|RD)=/.test(text)) {
      out.push(
        diag(
          WF.badAssertion,
          `assertions[${ai}].text`,
          `expected a CSPm assertion such as "SYSTEM :[deadlock free]" or "SPEC [T= SYSTEM", got ${JSON.stringify(a.text)}`,
        ),
      );
    }
  });

  const groupable = new Set([...wf.processes.map((p) => p.id), ...wf.buses.map((b) => b.id)]);
  const groupOf = new Map<string, string>();
  wf.groups.forEach((g, gi) => {
    g.members.forEach((m, mi) => {
      const path = `groups[${gi}].members[${mi}]`;
      if (!groupable.has(m)) out.push(diag(WF.badGroup, path, `no node or bus "${m}" to group`));
      else if (groupOf.has(m))
        out.push(
          diag(
            WF.badGroup,
            path,
            `"${m}" is already in group "${groupOf.get(m)}"; a node belongs to at most one group`,
          ),
        );
      else groupOf.set(m, g.id);
    });
  });

  const drawnIds = new Set(drawn.map((d) => d.id));
  for (const key of Object.keys(wf.layout)) {
    if (!drawnIds.has(key))
      out.push(diag(WF.badLayout, `layout.${key}`, `layout entry for unknown node "${key}"`, 'warning'));
  }
  return out;
}
