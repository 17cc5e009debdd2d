/**
 * Built-in nodes (timer, inject, log, map, filter, buffer, merge, split, http):
 * their port signatures and the CSPm contracts the checker uses in their place.
 *
 * A contract is written over the node's local port names, like a script's
 * contract (docs/workflow-semantics.md#contracts-of-code-nodes), so the compiler renames it onto the edges and the
 * run-time monitor enforces it. Inputs are external choices over every value
 * (the node accepts whatever arrives); outputs are internal choices (the node
 * picks the value, so offering one value is never a refusal violation). Where
 * the contract forgets data (a map's result, an HTTP response) the compiler
 * lists an assumption, because a refinement verdict then rests on it.
 */
import type { BuiltinKind, BuiltinNode, Port, ProcessNode } from './model';
import { BUILTIN_KINDS } from './model';

/** The HTTP node's optional output port for failed requests and non-2xx responses (`error` is a CSPm built-in name). */
export const HTTP_FAILED_PORT = 'failed';

export function isBuiltin(node: ProcessNode): node is BuiltinNode {
  return (BUILTIN_KINDS as readonly string[]).includes(node.kind);
}

/** What each kind expects of its ports, in words for the error message. */
const SIGNATURE: Record<BuiltinKind, string> = {
  timer: 'exactly one output port, bare or json (e.g. { name: out, dir: out, type: json })',
  inject: 'exactly one output port',
  log: 'one or more input ports and no output port',
  map: 'one input port and one output port',
  filter: 'one input port and one output port',
  buffer: 'one input port and one output port',
  merge: 'one or more input ports and one output port',
  split: 'one input port and one output port',
  http: 'one input port, one json output port for responses and optionally a json output port named "failed" for errors',
};

/** Port-signature problems of a built-in node, as messages (empty = fine). */
export function builtinPortProblems(node: BuiltinNode): string[] {
  const ins = node.ports.filter((p) => p.dir === 'in');
  const outs = node.ports.filter((p) => p.dir === 'out');
  const problems: string[] = [];
  const expect = (ok: boolean): void => {
    if (!ok)
      problems.push(
        `a ${node.kind} node has ${SIGNATURE[node.kind]}; this one has ${ins.length} input and ${outs.length} output port(s)`,
      );
  };
  switch (node.kind) {
    case 'timer':
      expect(ins.length === 0 && outs.length === 1);
      if (outs[0] !== undefined && outs[0].type !== undefined && outs[0].type !== 'json')
        problems.push(`a timer's output port is bare or json, not ${outs[0].type}`);
      break;
    case 'inject':
      expect(ins.length === 0 && outs.length === 1);
      break;
    case 'log':
      expect(ins.length >= 1 && outs.length === 0);
      break;
    case 'merge':
      expect(ins.length >= 1 && outs.length === 1);
      break;
    case 'map':
    case 'filter':
    case 'buffer':
    case 'split':
      expect(ins.length === 1 && outs.length === 1);
      break;
    case 'http': {
      const replies = outs.filter((p) => p.name !== HTTP_FAILED_PORT);
      expect(ins.length === 1 && replies.length === 1 && outs.length <= 2);
      for (const p of outs)
        if (p.type !== 'json')
          problems.push(`the http node's output port "${p.name}" must have type json (responses are JSON)`);
      break;
    }
  }
  if (node.replicate !== undefined)
    problems.push(`a ${node.kind} node cannot be replicated (draw one per instance, or use a script node)`);
  for (const p of node.ports)
    if (p.index !== undefined) problems.push(`port "${p.name}" of a ${node.kind} node cannot be indexed`);
  return problems;
}

/**
 * Names for bound variables that no port of the node and no other CSPm name
 * uses (a pattern naming a channel would match it instead of binding).
 */
function freshNames(
  ports: readonly Port[],
  isTaken: (name: string) => boolean,
): { e: string; f: string; x: string; s: string; k: string; c: string } {
  const taken = new Set(ports.map((p) => p.name));
  const pick = (base: string): string => {
    let n = `${base}__`;
    while (taken.has(n) || isTaken(n)) n += '_';
    return n;
  };
  return { e: pick('e'), f: pick('f'), x: pick('x'), s: pick('s'), k: pick('k'), c: pick('c') };
}

/** Two ports carry the same CSPm data (not JSON): then the contract can follow the value. */
function sameData(a: Port, b: Port): boolean {
  return a.type !== 'json' && b.type !== 'json' && (a.type ?? '') === (b.type ?? '');
}

/**
 * The contract of a built-in node: the right-hand side of `NAME = ...` (its
 * CSPm name is `name`), over its port names, several lines (a `let ... within`).
 *
 * `closable` names the ports on closable buffered edges (docs/workflow-semantics.md#buffered-edges-and-close): an
 * input's close is seen as `PORT_closed`, an output is closed with
 * `PORT_close`. A node whose inputs have all closed closes its closable
 * outputs (after what it still holds, for a buffer) and ends; a source that
 * ends (a counted timer, an inject node) closes them too.
 */
export function builtinContract(
  node: BuiltinNode,
  name: string,
  closable: ReadonlySet<string> = new Set(),
  isTaken: (name: string) => boolean = () => false,
): string {
  // The local definitions take the node's own name (shadowing it inside the `let`), so the
  // running component is named after the node, as the debugger and trace show it.
  const P = name;
  const D = `${P}'`;
  const v = freshNames(node.ports, isTaken);
  const ins = node.ports.filter((p) => p.dir === 'in');
  const outs = node.ports.filter((p) => p.dir === 'out');
  const inSet = `{| ${ins.map((p) => p.name).join(', ')} |}`;
  const outSet = `{| ${outs.map((p) => p.name).join(', ')} |}`;
  // Receive anything on the inputs / send some value the node picks on the outputs.
  const take = (then: string, set = inSet): string => `[] ${v.e} : ${set} @ ${v.e} -> ${then}`;
  const give = (then: string, set = outSet): string => `|~| ${v.f} : ${set} @ ${v.f} -> ${then}`;
  // Ending: close every closable output, in port order, then SKIP.
  const end = [...outs.filter((p) => closable.has(p.name)).map((p) => `${p.name}_close -> `), 'SKIP'].join('');
  const closing = ins.filter((p) => closable.has(p.name));
  const allClose = closing.length === ins.length && ins.length > 0;
  // Several closable inputs: one boolean per input says whether it is still open, so the
  // contract knows when all have closed (and stops offering a close already seen).
  const multi = ins.length > 1 && closing.length > 0;
  const open = closing.map((_, i) => `${v.c}${i}`);
  const self = multi ? `${P}(${open.join(', ')})` : P;
  const start = multi ? `${P}(${open.map(() => 'true').join(', ')})` : P;
  // The branch a node offers while it takes input: its inputs' closes.
  const onClose = (then: (port: Port) => string): string => {
    if (closing.length === 0) return '';
    if (!multi) return ` [] (${closing[0]!.name}_closed -> ${then(closing[0]!)})`;
    return closing
      .map(
        (p, i) =>
          ` [] (${open[i]} & ${p.name}_closed -> ${P}(${open.map((o, j) => (j === i ? 'false' : o)).join(', ')}))`,
      )
      .join('');
  };
  // With several inputs the node ends when all have closed (never, if one cannot close).
  const ending = (body: string): string =>
    multi && allClose ? `if ${open.map((o) => `not ${o}`).join(' and ')} then ${end} else (${body})` : body;
  // A branch with the close branch after it (parenthesised only when there is one).
  const wrap = (branch: string, then: (port: Port) => string): string => {
    const c = onClose(then);
    return c === '' ? branch : `(${branch})${c}`;
  };
  const inPort = ins[0];
  const outPort = outs[0];
  const lines = (defs: string[], start: string): string =>
    ['let', ...defs.map((d) => `  ${d}`), `within ${start}`].join('\n');
  switch (node.kind) {
    case 'timer': {
      const count = node.config.count;
      if (count === undefined) return lines([`${P} = ${give(P)}`], P);
      return lines([`${P}(${v.k}) = if ${v.k} == 0 then ${end} else (${give(`${P}(${v.k} - 1)`)})`], `${P}(${count})`);
    }
    case 'inject':
      // It may end (no more injections) or send what the user injects.
      return lines([`${P} = ${end} |~| (${give(P)})`], P);
    case 'log':
      return lines([`${self} = ${ending(wrap(take(self), () => end))}`], start);
    case 'map':
    case 'http':
      return lines([`${P} = ${wrap(take(`(${give(P)})`), () => end)}`], P);
    case 'filter':
      if (inPort && outPort && sameData(inPort, outPort)) {
        if (inPort.type === undefined)
          return lines([`${P} = ${wrap(`${inPort.name} -> (${P} |~| ${outPort.name} -> ${P})`, () => end)}`], P);
        return lines(
          [`${P} = ${wrap(`${inPort.name}?${v.x} -> (${P} |~| ${outPort.name}!${v.x} -> ${P})`, () => end)}`],
          P,
        );
      }
      return lines([`${P} = ${wrap(take(`(${P} |~| (${give(P)}))`), () => end)}`], P);
    case 'split':
      return lines([`${P} = ${wrap(take(D), () => end)}`, `${D} = ${P} |~| (${give(D)})`], P);
    case 'merge': {
      const branches = ins.map((p) => {
        if (outPort && sameData(p, outPort))
          return p.type === undefined
            ? `(${p.name} -> ${outPort.name} -> ${self})`
            : `(${p.name}?${v.x} -> ${outPort.name}!${v.x} -> ${self})`;
        return `(${take(`(${give(self)})`, `{| ${p.name} |}`)})`;
      });
      return lines([`${self} = ${ending(`${branches.join(' [] ')}${onClose(() => end)}`)}`], start);
    }
    case 'buffer': {
      const n = node.config.capacity;
      const k = v.k;
      if (inPort && outPort && sameData(inPort, outPort)) {
        if (inPort.type === undefined) {
          const drain = `${D}(${k}) = if ${k} == 0 then ${end} else ${outPort.name} -> ${D}(${k} - 1)`;
          const body = `${P}(${k}) = (${k} < ${n} & ${inPort.name} -> ${P}(${k} + 1)) [] (${k} > 0 & ${outPort.name} -> ${P}(${k} - 1))${onClose(() => `${D}(${k})`)}`;
          return lines(closing.length > 0 ? [body, drain] : [body], `${P}(0)`);
        }
        const drain = `${D}(${v.s}) = if ${v.s} == <> then ${end} else ${outPort.name}!head(${v.s}) -> ${D}(tail(${v.s}))`;
        const body = `${P}(${v.s}) = (#${v.s} < ${n} & ${inPort.name}?${v.x} -> ${P}(${v.s} ^ <${v.x}>)) [] (${v.s} != <> & ${outPort.name}!head(${v.s}) -> ${P}(tail(${v.s})))${onClose(() => `${D}(${v.s})`)}`;
        return lines(closing.length > 0 ? [body, drain] : [body], `${P}(<>)`);
      }
      const drain = `${D}(${k}) = if ${k} == 0 then ${end} else (${give(`${D}(${k} - 1)`)})`;
      const body = `${P}(${k}) = (${k} < ${n} & (${take(`${P}(${k} + 1)`)})) [] (${k} > 0 & (${give(`${P}(${k} - 1)`)}))${onClose(() => `${D}(${k})`)}`;
      return lines(closing.length > 0 ? [body, drain] : [body], `${P}(0)`);
    }
  }
}

/** The assumption a check rests on when this node's contract forgets data, if it does. */
export function builtinAssumption(node: BuiltinNode): string | undefined {
  const ins = node.ports.filter((p) => p.dir === 'in');
  const out = node.ports.find((p) => p.dir === 'out');
  const follows = out !== undefined && ins.every((p) => sameData(p, out));
  switch (node.kind) {
    case 'map':
      return `node ${node.id} (map) is checked as "any output value after each input"`;
    case 'http':
      return `node ${node.id} (http) is checked as "any response after each request"`;
    case 'split':
      return `node ${node.id} (split) is checked as "any number of outputs after each input"`;
    case 'filter':
    case 'merge':
    case 'buffer':
      return follows
        ? undefined
        : `node ${node.id} (${node.kind}) has ports of different or JSON types: it is checked as "any output value" in place of the value it forwards`;
    default:
      return undefined;
  }
}
