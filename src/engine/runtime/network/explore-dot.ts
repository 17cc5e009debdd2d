/**
 * An explored state graph (explore.ts) as Graphviz DOT: one node per state
 * labelled with its number and each process's term, one edge per transition
 * labelled with its event. The start is a double circle; deadlocks are red,
 * states on a divergence orange, terminated states green, states left
 * unexplored (at the step or state limit) dashed. Opens with `dot -Tsvg`.
 */
import type { ExploreResult } from './explore';

/** A DOT double-quoted string: quotes and backslashes escaped (a CSPm hiding `\` stays a backslash), lines as \n. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** Terms longer than this are cut in labels (the whole term is kept in the node's tooltip). */
const LABEL_TERM = 80;

const cut = (s: string): string => (s.length > LABEL_TERM ? `${s.slice(0, LABEL_TERM - 1)}…` : s);

export function exploreToDot(result: ExploreResult, name = 'explored'): string {
  const diverging = new Set(result.findings.filter((f) => f.kind === 'divergence').map((f) => f.state));
  const lines = [
    `digraph ${dotString(name)} {`,
    '  graph [rankdir=TB, fontname="sans-serif"];',
    '  node [shape=box, style="rounded", fontname="monospace", fontsize=10];',
    '  edge [fontname="monospace", fontsize=10];',
  ];
  for (const s of result.states) {
    const terms = result.components.map((c, i) => `${c} = ${s.terms[i] ?? ''}`);
    const label = [`state ${s.id} (step +${s.depth})`, ...terms.map(cut)].join('\n');
    const attrs = [`label=${dotString(label)}`, `tooltip=${dotString(terms.join('\n'))}`];
    if (s.id === 0) attrs.push('peripheries=2');
    if (s.status === 'deadlock') attrs.push('color="#d03030"', 'style="rounded,filled"', 'fillcolor="#fbe0e0"');
    else if (s.status === 'error') attrs.push('color="#d03030"', 'style="rounded,bold"');
    else if (diverging.has(s.id)) attrs.push('color="#d08000"', 'style="rounded,filled"', 'fillcolor="#fdf0d8"');
    else if (s.status === 'terminated') attrs.push('color="#208040"');
    else if (s.status === 'frontier') attrs.push('style="rounded,dashed"');
    lines.push(`  s${s.id} [${attrs.join(', ')}];`);
  }
  for (const e of result.edges) {
    const attrs = [`label=${dotString(e.event)}`];
    if (e.silent) attrs.push('style=dashed');
    lines.push(`  s${e.from} -> s${e.to} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
