/**
 * Workflow → CSPm script (docs/workflow-semantics.md, docs/architecture.md#the-canvas-is-cspm).
 *
 * Port names are channels declared once and used verbatim inside behaviours;
 * each edge is its own channel; a node's ports are renamed onto the edges they
 * carry (`NODE [[ port <- e1, port <- e2 ]]`, fan-in and fan-out as choice);
 * buses are shared channels every member synchronises on; buffered edges get
 * a buffer process; code nodes contribute their contract. The system is the
 * alphabetised parallel composition of all of it, with hidden channels
 * hidden, followed by the workflow's assertions. The output stays inside
 * the subset of docs/cspm.md so FDR4 reads it unchanged.
 */
import { builtinAssumption, builtinContract, isBuiltin } from './builtins';
import { bufferDefinition, bufferStates } from './compile-buffers';
import type { BufferNames } from './compile-buffers';
import { diag, hasErrors, WF } from './diagnostics';
import type { WorkflowDiagnostic } from './diagnostics';
import { parseReplicate, splitPortRef } from './model';
import type { Channel, Edge, Port, ProcessNode, Workflow } from './model';
import { NameAllocator } from './names';
import type { BodySpan, LineRange, SourceEntry, SourceMap } from './source-map';
import { evaluatorTypeSize } from './type-size';
import { declaredNames } from './types';
import { fullPortType, jsonCheckType, validateWorkflow } from './validate';

export interface CompileOptions {
  /**
   * Number of values of a CSPm type text. By default the CSPm evaluator
   * computes it from the workflow's parameters and declarations; a type it
   * cannot size (e.g. Int) gets no estimate, listed as an assumption.
   */
  readonly typeSize?: (type: string) => number | undefined;
}

export interface CompiledAssertion {
  readonly id: string;
  /** The assertion as emitted, without `assert`. */
  readonly text: string;
  readonly line: number;
  readonly expect?: 'pass' | 'fail';
}

export interface CompileResult {
  /** The script; empty when diagnostics hold errors. */
  readonly cspm: string;
  readonly sourceMap: SourceMap;
  readonly diagnostics: readonly WorkflowDiagnostic[];
  /** Statements every check of this script rests on (docs/workflow-semantics.md#buffered-edges-and-close, #contracts-of-code-nodes). */
  readonly assumptions: readonly string[];
  readonly assertions: readonly CompiledAssertion[];
  /** The name of the composed system process. */
  readonly system: string;
}

export const DEFAULT_BUFFER_STATE_LIMIT = 1_000_000;

/** Text for a `--` comment: user names may hold line breaks. */
const oneLine = (s: string): string => s.replace(/\s*[\r\n]+\s*/g, ' ');

/** Up to this many components the system is one readable right-nested chain. */
const SMALL_SYSTEM = 4;

interface Component {
  readonly process: string;
  readonly alphabet: string;
  readonly label: string;
}

/** `C1 [ A1 || Union({A2, A3}) ] (C2 [ A2 || A3 ] C3)`: readable for a few components. */
function chainLines(components: readonly Component[]): string[] {
  const lines: string[] = [];
  components.forEach((c, i) => {
    const rest = components.slice(i + 1);
    if (rest.length === 0) {
      lines.push(`${'  '.repeat(i + 1)}${c.process}${')'.repeat(Math.max(0, i - 1))}`);
      return;
    }
    const restAlpha = rest.length === 1 ? rest[0]!.alphabet : `Union({${rest.map((r) => r.alphabet).join(', ')}})`;
    lines.push(
      `${'  '.repeat(i + 1)}${i > 0 ? '(' : ''}${c.process}`,
      `${'  '.repeat(i + 1)}[ ${c.alphabet} || ${restAlpha} ]`,
    );
  });
  return lines;
}

/**
 * A balanced tree of binary compositions, each subtree's alphabet defined once
 * by name: text linear in the number of components and nesting depth log2(n),
 * so large canvases give scripts every parser reads comfortably.
 */
function treeLines(
  components: readonly Component[],
  alloc: NameAllocator,
  names: Record<string, SourceEntry>,
  emit: (...lines: string[]) => void,
): string[] {
  const defs: string[] = [];
  const build = (lo: number, hi: number, depth: number): { lines: string[]; alpha: string } => {
    const pad = '  '.repeat(depth + 1);
    if (hi - lo === 1) return { lines: [`${pad}${components[lo]!.process}`], alpha: components[lo]!.alphabet };
    const mid = (lo + hi) >> 1;
    const left = build(lo, mid, depth + 1);
    const right = build(mid, hi, depth + 1);
    const alpha = alloc.allocate(`A_SYSTEM_${lo + 1}_${hi}`);
    names[alpha] = { kind: 'system' };
    defs.push(`${alpha} = union(${left.alpha}, ${right.alpha})  -- components ${lo + 1}..${hi}`);
    return {
      lines: [`${pad}(`, ...left.lines, `${pad}) [ ${left.alpha} || ${right.alpha} ] (`, ...right.lines, `${pad})`],
      alpha,
    };
  };
  const root = build(0, components.length, 0);
  emit('-- Alphabets of parts of the composition (a balanced tree of binary compositions)', ...defs);
  return root.lines;
}

interface Attachment {
  /** Channel the port's events are renamed to. */
  readonly target: string;
  /** Close event renamings (port-local name → edge event). */
  readonly close?: { readonly local: string; readonly target: string };
}

const indexText = (ix: string): string => (/^[A-Za-z0-9_']+$/.test(ix.trim()) ? ix.trim() : `(${ix.trim()})`);

export function compileWorkflow(wf: Workflow, options: CompileOptions = {}): CompileResult {
  const diagnostics: WorkflowDiagnostic[] = [...validateWorkflow(wf)];
  const assumptions: string[] = [];
  const names: Record<string, SourceEntry> = {};
  const ranges: LineRange[] = [];
  const bodies: BodySpan[] = [];
  const out: string[] = [];
  const emit = (...lines: string[]): void => {
    out.push(...lines);
  };
  const range = (kind: LineRange['kind'], id: string, body: () => void): void => {
    const start = out.length + 1;
    body();
    ranges.push({ kind, id, startLine: start, endLine: out.length });
  };
  const failed = (): CompileResult => ({
    cspm: '',
    sourceMap: { names, ranges, bodies },
    diagnostics,
    assumptions,
    assertions: [],
    system: 'SYSTEM',
  });
  if (hasErrors(diagnostics)) return failed();

  const decl = declaredNames(wf.declarations);
  const alloc = new NameAllocator();
  for (const n of decl.all) alloc.reserve(n);
  for (const p of Object.keys(wf.parameters)) {
    alloc.reserve(p);
    names[p] = { kind: 'parameter', name: p };
  }
  alloc.reserve('SYSTEM');
  names['SYSTEM'] = { kind: 'system' };
  const channelOf = (e: Edge): Channel | undefined =>
    e.channel === undefined ? undefined : wf.channels.find((c) => c.id === e.channel);

  // Port channels: one per distinct port name, all nodes using it must agree on its type.
  const portTypes = new Map<string, { type: string; nodes: string[]; path: string }>();
  const closeLocals = new Set<string>();
  const jsonTypeOfPort = (node: ProcessNode, port: Port): string | undefined => {
    if (port.type !== 'json') return undefined;
    const ref = `${node.id}.${port.name}`;
    const types = wf.edges.filter((e) => e.from === ref || e.to === ref).map((e) => jsonCheckType(channelOf(e)) ?? '');
    const distinct = [...new Set(types)];
    if (distinct.length > 1) {
      diagnostics.push(
        diag(
          WF.portTypeConflict,
          `processes[${wf.processes.indexOf(node)}].ports[${node.ports.indexOf(port)}]`,
          `json port "${ref}" is attached to channels with different check types: ${distinct.map((t) => t || 'no data').join(', ')}`,
        ),
      );
    }
    return distinct[0] || undefined;
  };
  wf.processes.forEach((node, ni) => {
    node.ports.forEach((port, pi) => {
      const type = fullPortType(node, port, jsonTypeOfPort(node, port));
      const prev = portTypes.get(port.name);
      const path = `processes[${ni}].ports[${pi}].type`;
      if (!prev) portTypes.set(port.name, { type, nodes: [node.id], path });
      else if (prev.type.replace(/\s+/g, '') !== type.replace(/\s+/g, '')) {
        diagnostics.push(
          diag(
            WF.portTypeConflict,
            path,
            `port name "${port.name}" has type ${type || 'no data'} here but ${prev.type || 'no data'} at ${prev.path}; ports are channels in CSPm, so give one type or rename one port`,
          ),
        );
      } else prev.nodes.push(node.id);
      if (decl.all.has(port.name) && !decl.channels.has(port.name)) {
        diagnostics.push(
          diag(
            WF.reservedName,
            `processes[${ni}].ports[${pi}].name`,
            `port name "${port.name}" is also defined in declarations`,
          ),
        );
      }
    });
  });
  for (const [name, info] of portTypes) {
    alloc.reserve(name);
    names[name] = { kind: 'port', port: name, nodes: info.nodes };
  }

  // Node process names.
  const nodeName = new Map<string, string>();
  for (const node of wf.processes) {
    const n = alloc.allocate(node.name, 'P');
    nodeName.set(node.id, n);
    names[n] = { kind: 'node', id: node.id };
  }

  // Edge channels (and buffers).
  const attachments = new Map<string, Attachment[]>(); // node.port -> attachments
  const attach = (ref: string, a: Attachment): void => {
    attachments.set(ref, [...(attachments.get(ref) ?? []), a]);
  };
  interface EdgeOut {
    edge: Edge;
    name: string;
    type: string;
    ch?: Channel;
    buffer?: BufferNames;
    capacity?: number;
    identity?: boolean;
  }
  const edgeOuts: EdgeOut[] = [];
  // How many nodes have a port of each name, and how many attachments each port has.
  const portOwners = new Map<string, number>();
  for (const node of wf.processes)
    for (const port of node.ports) portOwners.set(port.name, (portOwners.get(port.name) ?? 0) + 1);
  const attachCount = new Map<string, number>();
  for (const e of wf.edges) for (const ref of [e.from, e.to]) attachCount.set(ref, (attachCount.get(ref) ?? 0) + 1);
  for (const b of wf.buses) for (const ref of b.members) attachCount.set(ref, (attachCount.get(ref) ?? 0) + 1);
  /**
   * An edge or bus named exactly like the ports it joins, when no other node
   * has a port of that name, is the port channel itself: no renaming needed
   * (this keeps imported scripts' event names).
   */
  const identity = (name: string, refs: readonly string[]): boolean =>
    refs.every((r) => splitPortRef(r).port === name && attachCount.get(r) === 1) &&
    portOwners.get(name) === refs.length;
  for (const edge of wf.edges) {
    const ch = channelOf(edge);
    const same = ch?.capacity === undefined && identity(ch?.name ?? edge.id, [edge.from, edge.to]);
    const name = same ? (ch?.name ?? edge.id) : alloc.allocate(ch?.name ?? edge.id, 'c');
    const { node: fromNode, port: fromPort } = splitPortRef(edge.from);
    const writer = wf.processes.find((p) => p.id === fromNode)!;
    const wport = writer.ports.find((p) => p.name === fromPort)!;
    const type = fullPortType(writer, wport, jsonCheckType(ch));
    const readerPort = splitPortRef(edge.to).port;
    if (ch?.capacity !== undefined) {
      const buffer: BufferNames = {
        write: name,
        read: alloc.allocate(`${name}_out`),
        process: alloc.allocate(`BUF_${name}`),
        ...(ch.close ? { close: alloc.allocate(`${name}_close`), closed: alloc.allocate(`${name}_closed`) } : {}),
      };
      names[name] = { kind: 'edge', id: edge.id, role: 'write' };
      names[buffer.read] = { kind: 'edge', id: edge.id, role: 'read' };
      names[buffer.process] = { kind: 'buffer', edge: edge.id };
      attach(edge.from, {
        target: name,
        ...(buffer.close ? { close: { local: `${fromPort}_close`, target: buffer.close } } : {}),
      });
      attach(edge.to, {
        target: buffer.read,
        ...(buffer.closed ? { close: { local: `${readerPort}_closed`, target: buffer.closed } } : {}),
      });
      if (buffer.close && buffer.closed) {
        names[buffer.close] = { kind: 'edge', id: edge.id, role: 'close' };
        names[buffer.closed] = { kind: 'edge', id: edge.id, role: 'closed' };
        closeLocals.add(`${fromPort}_close`);
        closeLocals.add(`${readerPort}_closed`);
      }
      edgeOuts.push({ edge, name, type, ch, buffer, capacity: ch.checkCapacity ?? ch.capacity });
    } else {
      names[name] = { kind: 'edge', id: edge.id, role: 'sync' };
      attach(edge.from, { target: name });
      attach(edge.to, { target: name });
      edgeOuts.push({ edge, name, type, ...(ch ? { ch } : {}), ...(same ? { identity: true } : {}) });
    }
  }
  for (const local of closeLocals) {
    if (portTypes.has(local) || decl.all.has(local)) {
      diagnostics.push(diag(WF.reservedName, '', `close event "${local}" clashes with a port or a declaration`));
    }
    alloc.reserve(local);
  }

  // Buses.
  const busNames = new Map<string, string>();
  for (const bus of wf.buses) {
    const name = identity(bus.name, bus.members) ? bus.name : alloc.allocate(bus.name, 'b');
    busNames.set(bus.id, name);
    names[name] = { kind: 'bus', id: bus.id };
    for (const m of bus.members) attach(m, { target: name });
  }

  // Unconnected ports whose name several nodes leave open get their own channel, so they do not synchronise by accident.
  const openUse = new Map<string, string[]>();
  for (const node of wf.processes) {
    for (const port of node.ports) {
      if (!attachments.has(`${node.id}.${port.name}`))
        openUse.set(port.name, [...(openUse.get(port.name) ?? []), node.id]);
    }
  }
  const externals: { name: string; type: string; node: string; port: string }[] = [];
  for (const node of wf.processes) {
    for (const port of node.ports) {
      const ref = `${node.id}.${port.name}`;
      if (attachments.has(ref) || (openUse.get(port.name)?.length ?? 0) < 2) continue;
      const name = alloc.allocate(`${nodeName.get(node.id)}_${port.name}`);
      names[name] = { kind: 'external', node: node.id, port: port.name };
      externals.push({ name, type: portTypes.get(port.name)?.type ?? '', node: node.id, port: port.name });
      attach(ref, { target: name });
    }
  }

  // Generated check types of JSON channels whose datatype is not declared.
  const generated = new Map<string, string[]>();
  for (const ch of wf.channels) {
    const t = jsonCheckType(ch);
    if (!t || !ch.json || decl.types.has(t)) continue;
    const ctors = generated.get(t) ?? [];
    for (const c of [...(ch.json.abstraction ?? []).map((r) => r.as), ch.json.fallback ?? 'Other'])
      if (!ctors.includes(c)) ctors.push(c);
    generated.set(t, ctors);
    if (!alloc.isTaken(t)) alloc.reserve(t);
    names[t] = { kind: 'datatype', channel: ch.id };
  }
  // CSPm constructors are global: one constructor cannot belong to two generated datatypes.
  const ctorOwner = new Map<string, string>();
  for (const [t, ctors] of generated) {
    for (const c of ctors) {
      const other = ctorOwner.get(c);
      const ci = wf.channels.findIndex((ch) => jsonCheckType(ch) === t);
      if (other !== undefined && other !== t) {
        diagnostics.push(
          diag(
            WF.portTypeConflict,
            `channels[${ci}].json`,
            `constructor ${c} would belong to both ${other} and ${t}; give each JSON channel its own fallback and constructor names`,
          ),
        );
      } else if (decl.all.has(c)) {
        diagnostics.push(
          diag(
            WF.portTypeConflict,
            `channels[${ci}].json`,
            `constructor ${c} of generated type ${t} is already defined in declarations`,
          ),
        );
      }
      ctorOwner.set(c, t);
      alloc.reserve(c);
    }
  }

  // Buffer state estimates.
  const limit = wf.settings?.bufferStateLimit ?? DEFAULT_BUFFER_STATE_LIMIT;
  const bufferTypes = edgeOuts.filter((e) => e.buffer && e.type !== '').map((e) => e.type);
  const typeSize =
    options.typeSize ??
    (bufferTypes.length > 0
      ? evaluatorTypeSize(
          wf,
          bufferTypes,
          [...generated].map(([t, ctors]) => `datatype ${t} = ${ctors.join(' | ')}`).join('\n'),
        )
      : () => undefined);
  for (const e of edgeOuts) {
    if (!e.buffer || !e.ch) continue;
    const ci = wf.channels.indexOf(e.ch);
    const size = e.type === '' ? undefined : typeSize(e.type);
    if (e.type !== '' && size === undefined) {
      assumptions.push(
        `edge ${e.edge.id}: buffer states not estimated (the size of type ${e.type} could not be evaluated)`,
      );
      continue;
    }
    const states = bufferStates(e.ch.capacity!, size, e.ch.close === true);
    if (states > limit) {
      if (e.ch.checkCapacity === undefined) {
        diagnostics.push(
          diag(
            WF.bufferTooLarge,
            `channels[${ci}].capacity`,
            `edge ${e.edge.id}: a buffer of capacity ${e.ch.capacity} over ${e.type || 'bare events'} has about ${states.toExponential(2)} states, above the limit ${limit}; lower the capacity or set checkCapacity`,
          ),
        );
      }
    }
    if (e.ch.checkCapacity !== undefined && e.ch.checkCapacity < e.ch.capacity!) {
      assumptions.push(
        `edge ${e.edge.id}: checked with capacity ${e.ch.checkCapacity} instead of ${e.ch.capacity} (checkCapacity); unsound for deadlock and refinement`,
      );
    }
  }
  if (hasErrors(diagnostics)) return failed();

  // ---- Emit ----
  emit(
    `-- ${oneLine(wf.name)}`,
    '-- Generated from a workflow by CSP Agent Network Studio (docs/workflow-semantics.md). Names of nodes,',
    '-- edges and ports follow the fixed naming rule; comments point back to the canvas.',
    '',
  );
  const params = Object.entries(wf.parameters);
  if (params.length > 0) {
    emit('-- Parameters');
    for (const [k, v] of params) emit(`${k} = ${String(v)}`);
    emit('');
  }
  if (generated.size > 0) {
    emit('-- Check types of JSON channels (payloads are abstracted to these at run time)');
    for (const [t, ctors] of generated) emit(`datatype ${t} = ${ctors.join(' | ')}`);
    emit('');
  }
  if (wf.declarations && wf.declarations.trim() !== '') {
    range('declarations', 'declarations', () => {
      const lines = wf.declarations!.replace(/\s+$/, '').split('\n');
      emit('-- Declarations (from the workflow)');
      bodies.push({
        path: 'declarations',
        startLine: out.length + 1,
        endLine: out.length + lines.length,
        firstColumn: 1,
        column: 1,
      });
      emit(...lines);
    });
    emit('');
  }
  const declare = (name: string, type: string, comment: string): void => {
    emit(`channel ${name}${type === '' ? '' : ` : ${type}`}${comment === '' ? '' : `  -- ${comment}`}`);
  };
  const ports = [...portTypes].filter(([n]) => !decl.channels.has(n));
  if (ports.length > 0 || closeLocals.size > 0) {
    emit('-- Port channels: the local names node behaviours use');
    for (const [name, info] of ports) declare(name, info.type, `port of ${info.nodes.join(', ')}`);
    for (const local of closeLocals) declare(local, '', 'close event of a port');
    emit('');
  }
  if (edgeOuts.length + externals.length + wf.buses.length > 0) {
    emit('-- Edge channels: one per edge');
    for (const e of edgeOuts) {
      const label = `edge ${e.edge.id}: ${e.edge.from} -> ${e.edge.to}`;
      if (e.buffer) {
        declare(e.name, e.type, `${label} (written; buffer capacity ${e.ch?.capacity})`);
        declare(e.buffer.read, e.type, `${label} (read)`);
        if (e.buffer.close && e.buffer.closed)
          emit(`channel ${e.buffer.close}, ${e.buffer.closed}  -- ${label} (close, closed)`);
      } else if (e.identity) emit(`-- ${label}: the port channel ${e.name} itself`);
      else declare(e.name, e.type, label);
    }
    for (const b of wf.buses) {
      const name = busNames.get(b.id)!;
      if (portTypes.has(name)) emit(`-- bus ${b.id}: ${b.members.join(', ')}: the port channel ${name} itself`);
      else declare(name, b.type ?? '', `bus ${b.id}: ${b.members.join(', ')}`);
    }
    for (const x of externals) declare(x.name, x.type, `unconnected port ${x.node}.${x.port}`);
    emit('');
  }

  // Nodes.
  const components: Component[] = [];
  wf.processes.forEach((node) => {
    const name = nodeName.get(node.id)!;
    const rep = node.replicate !== undefined ? parseReplicate(node.replicate) : undefined;
    const head = rep ? `${name}(${rep.variable})` : name;
    const portSet = node.ports.map((p) => (p.index !== undefined ? `${p.name}.${indexText(p.index)}` : p.name));
    let body: string;
    if (node.kind === 'csp') body = node.behaviour;
    else if (isBuiltin(node)) {
      const closable = new Set(
        node.ports
          .filter((p) => attachments.get(`${node.id}.${p.name}`)?.some((a) => a.close !== undefined))
          .map((p) => p.name),
      );
      body = builtinContract(node, name, closable, (n) => alloc.isTaken(n) || decl.all.has(n));
      const assumption = builtinAssumption(node);
      if (assumption !== undefined) assumptions.push(assumption);
    } else if (node.contract !== undefined) body = node.contract;
    else {
      // The default contract `CHAOS(ports) |~| SKIP` (docs/workflow-semantics.md) means "may do, refuse or end anything"; written
      // literally it could end only before its first event, so a script that sent once and then
      // returned would break it. This is the same process with ✓ possible after every event.
      // The local name is the node's own (with its index), so the component is named after the node.
      const local = rep ? `${name}(${rep.variable})` : name;
      // The close events of its closable edges (`out_close`, `in_closed`) are the node's too.
      const closes = [
        ...new Set(
          node.ports.flatMap((p) =>
            (attachments.get(`${node.id}.${p.name}`) ?? []).flatMap((a) => (a.close ? [a.close.local] : [])),
          ),
        ),
      ];
      const all = [...portSet, ...closes];
      const events = all.length === 0 ? '{}' : `{| ${all.join(', ')} |}`;
      let x = 'x__';
      while (alloc.isTaken(x) || decl.all.has(x) || node.ports.some((p) => p.name === x)) x += '_';
      body = [
        'let',
        `  ${local} = SKIP |~| CHAOS(${events}) |~| ([] ${x} : ${events} @ ${x} -> ${local})`,
        `within ${local}`,
      ].join('\n');
      assumptions.push(`node ${node.id} has no contract`);
    }
    const renames: string[] = [];
    const alpha: string[] = [];
    for (const port of node.ports) {
      const atts = attachments.get(`${node.id}.${port.name}`);
      const ix = port.index !== undefined ? `.${indexText(port.index)}` : '';
      if (!atts) {
        alpha.push(`${port.name}${ix}`);
        continue;
      }
      for (const a of atts) {
        if (a.target !== port.name) renames.push(`${port.name} <- ${a.target}`);
        alpha.push(`${a.target}${ix}`);
        if (a.close) {
          renames.push(`${a.close.local} <- ${a.close.target}`);
          alpha.push(a.close.target);
        }
      }
    }
    const alphaName = alloc.allocate(`A_${name}`);
    names[alphaName] = { kind: 'alphabet', id: node.id };
    const alphaSet =
      node.alphabet !== undefined ? node.alphabet.trim() : alpha.length === 0 ? '{}' : `{| ${alpha.join(', ')} |}`;
    range('node', node.id, () => {
      const what =
        node.kind === 'csp'
          ? 'behaviour'
          : isBuiltin(node)
            ? `built-in ${node.kind} contract`
            : node.contract !== undefined
              ? 'contract'
              : 'default contract (no contract given)';
      emit(
        `-- Node ${node.id} "${oneLine(node.name)}" (${node.kind}${rep ? `, replicated ${rep.variable} in ${oneLine(rep.set)}` : ''}): ${what}`,
      );
      const lines = body.replace(/\s+$/, '').split('\n');
      const ni = wf.processes.indexOf(node);
      const field =
        node.kind === 'csp' ? 'behaviour' : !isBuiltin(node) && node.contract !== undefined ? 'contract' : undefined;
      if (lines.length === 1) {
        if (field)
          bodies.push({
            path: `processes[${ni}].${field}`,
            startLine: out.length + 1,
            endLine: out.length + 1,
            firstColumn: head.length + 4,
            column: 1,
          });
        emit(`${head} = ${lines[0]}`);
      } else {
        if (field)
          bodies.push({
            path: `processes[${ni}].${field}`,
            startLine: out.length + 2,
            endLine: out.length + 1 + lines.length,
            firstColumn: 3,
            column: 3,
          });
        emit(`${head} =`, ...lines.map((l) => `  ${l}`));
      }
      const alphaHead = `${rep ? `${alphaName}(${rep.variable})` : alphaName} = `;
      if (node.alphabet !== undefined)
        bodies.push({
          path: `processes[${ni}].alphabet`,
          startLine: out.length + 1,
          endLine: out.length + 1,
          firstColumn: alphaHead.length + 1,
          column: 1,
        });
      emit(`${alphaHead}${alphaSet}`);
    });
    emit('');
    const renamed = (p: string): string => (renames.length === 0 ? p : `${p} [[ ${renames.join(', ')} ]]`);
    if (rep) {
      components.push({
        process: `(|| ${rep.variable} : ${rep.set} @ [${alphaName}(${rep.variable})] ${renamed(head)})`,
        alphabet: `Union({ ${alphaName}(${rep.variable}) | ${rep.variable} <- ${rep.set} })`,
        label: `node ${node.id}`,
      });
    } else components.push({ process: renamed(name), alphabet: alphaName, label: `node ${node.id}` });
  });

  // Buffers.
  for (const e of edgeOuts) {
    if (!e.buffer) continue;
    const def = bufferDefinition(
      e.buffer,
      e.capacity!,
      e.type === '' ? undefined : e.type,
      (n) => alloc.isTaken(n) || decl.all.has(n),
    );
    range('buffer', e.edge.id, () => {
      emit(
        `-- Buffer of edge ${e.edge.id} (${e.edge.from} -> ${e.edge.to}), capacity ${e.capacity}${e.capacity !== e.ch?.capacity ? ` (checkCapacity; real capacity ${e.ch?.capacity})` : ''}`,
        ...def.lines,
      );
    });
    emit('');
    const evs = [
      e.buffer.write,
      e.buffer.read,
      ...(e.buffer.close && e.buffer.closed ? [e.buffer.close, e.buffer.closed] : []),
    ];
    components.push({
      process: def.initial,
      alphabet: `{| ${evs.join(', ')} |}`,
      label: `buffer of edge ${e.edge.id}`,
    });
  }

  // System.
  const hidden: string[] = [];
  for (const e of edgeOuts) {
    if (!e.ch?.hidden) continue;
    hidden.push(e.name);
    if (e.buffer)
      hidden.push(e.buffer.read, ...(e.buffer.close && e.buffer.closed ? [e.buffer.close, e.buffer.closed] : []));
  }
  for (const b of wf.buses) if (b.hidden) hidden.push(busNames.get(b.id)!);
  range('system', 'SYSTEM', () => {
    emit('-- The system: the alphabetised parallel composition of every node and buffer');
    let expr: string;
    if (components.length === 0) {
      diagnostics.push(diag(WF.schema, 'processes', 'the workflow has no processes; SYSTEM is STOP', 'warning'));
      expr = 'STOP';
      emit(`SYSTEM = ${expr}`);
    } else {
      const lines =
        components.length <= SMALL_SYSTEM ? chainLines(components) : treeLines(components, alloc, names, emit);
      if (hidden.length > 0) {
        emit('SYSTEM =', '  (', ...lines.map((l) => `  ${l}`), `  ) \\ {| ${hidden.join(', ')} |}`);
      } else emit('SYSTEM =', ...lines);
    }
  });
  emit('');

  const assertions: CompiledAssertion[] = [];
  if (wf.assertions.length > 0) {
    emit('-- Assertions');
    for (const a of wf.assertions) {
      const text = a.text.replace(/^\s*assert\s+/, '').trim();
      range('assertion', a.id, () => {
        const offset = Math.max(0, a.text.indexOf(text));
        bodies.push({
          path: `assertions[${wf.assertions.indexOf(a)}].text`,
          startLine: out.length + 1,
          endLine: out.length + 1,
          firstColumn: 'assert '.length + 1 - offset,
          column: 1,
        });
        emit(`assert ${text}${a.expect ? `  -- ${a.id}: expected to ${a.expect}` : `  -- ${a.id}`}`);
      });
      assertions.push({ id: a.id, text, line: out.length, ...(a.expect ? { expect: a.expect } : {}) });
    }
  }
  return {
    cspm: out.join('\n') + '\n',
    sourceMap: { names, ranges, bodies },
    diagnostics,
    assumptions,
    assertions,
    system: 'SYSTEM',
  };
}
