/**
 * The replicas of replicated workflow nodes (`replicate: i in {0..N-1}`,
 * docs/workflow-semantics.md#parameters-and-replicated-nodes), for attaching one code node per replica.
 *
 * The replication set and the port index expressions (`index: (i+1)%N`) are
 * CSPm over the workflow's parameters and declarations, so the loaded script
 * evaluates them: `replicaProbes` appends one definition per set and one
 * function per index expression to the compiled script (after SYSTEM, so
 * line numbers and the system are unchanged), and `replicas` evaluates them.
 */
import type { LoadedScript } from '../../engine/eval';
import { showValue, type Value } from '../../engine/csp/values';
import { parseReplicate, type ProcessNode, type Workflow } from '../../engine/workflow/model';

export interface Replica {
  /** The replication variable (`i`); empty for a node that is not replicated. */
  readonly variable: string;
  /** This replica's index value; undefined for a node that is not replicated. */
  readonly value: Value | undefined;
  /** For each indexed port (by name): the index value, flattened into event fields. */
  readonly prefixes: ReadonlyMap<string, readonly Value[]>;
}

export interface ReplicaProbes {
  /** CSPm to append to the compiled script (empty when no node is replicated). */
  readonly text: string;
  /** The node's replicas in set order (one replica with no value when it is not replicated), or why they cannot be evaluated. */
  replicas(node: ProcessNode, script: LoadedScript, where: string): readonly Replica[] | string;
}

const SINGLE: readonly Replica[] = [{ variable: '', value: undefined, prefixes: new Map() }];

/** A dotted value is several event fields (`B.1` → B, 1); anything else is one. */
function fields(v: Value): readonly Value[] {
  return typeof v === 'object' && v.t === 'dot' ? v.items : [v];
}

export function replicaProbes(wf: Workflow, cspm: string): ReplicaProbes {
  // A prefix the script does not contain anywhere cannot clash with a name in it.
  let base = 'RUNTIME_REPLICA';
  while (cspm.includes(base)) base += '_';
  const lines: string[] = [];
  const names = new Map<
    string,
    {
      readonly variable: string;
      readonly set: string;
      readonly setName: string;
      readonly index: ReadonlyMap<string, string>;
    }
  >();
  wf.processes.forEach((node, k) => {
    if (node.replicate === undefined) return;
    const { variable, set } = parseReplicate(node.replicate);
    const setName = `${base}_SET_${k}`;
    lines.push(`${setName} = ${set}`);
    const index = new Map<string, string>();
    node.ports.forEach((p, pi) => {
      if (p.index === undefined) return;
      const fn = `${base}_INDEX_${k}_${pi}`;
      lines.push(`${fn}(${variable}) = ${p.index}`);
      index.set(p.name, fn);
    });
    names.set(node.id, { variable, set, setName, index });
  });
  const text =
    lines.length === 0
      ? ''
      : `\n-- Replication sets and port indices, named for the runtime (not part of the system)\n${lines.join('\n')}\n`;

  const replicas = (node: ProcessNode, script: LoadedScript, where: string): readonly Replica[] | string => {
    const n = names.get(node.id);
    if (n === undefined) return SINGLE;
    const set = script.evaluate(n.setName);
    if (!set.ok)
      return `${where}: cannot evaluate its replication set ${n.set}: ${set.diagnostics.map((d) => d.message).join('; ')}`;
    if (typeof set.value !== 'object' || set.value.t !== 'set')
      return `${where}: its replication set ${n.set} is not a set`;
    const out: Replica[] = [];
    for (const value of set.value.items) {
      const prefixes = new Map<string, readonly Value[]>();
      for (const [port, fn] of n.index) {
        const ix = script.evaluate(fn, [value]);
        if (!ix.ok)
          return `${where}: cannot evaluate the index of port ${port} for ${n.variable} = ${showValue(value)}: ${ix.diagnostics.map((d) => d.message).join('; ')}`;
        prefixes.set(port, fields(ix.value));
      }
      out.push({ variable: n.variable, value, prefixes });
    }
    return out;
  };
  return { text, replicas };
}
