/**
 * Helpers for the evaluator tests (not used by production code): parse a
 * script (failing loudly on syntax errors, which would make a test meaningless),
 * load it, and explore a term breadth-first.
 */
import { parse } from '../cspm/syntax/parse';
import type { Term } from '../csp/terms';
import type { TermFactory } from '../csp/factory';
import type { Value } from '../csp/values';
import { loadScript, type LoadedScript } from './script';
import { showValue } from '../csp/values';

export function load(text: string): LoadedScript {
  const { ast, diagnostics } = parse(text, { file: 'test.csp' });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new Error(
      `test script does not parse: ${errors.map((d) => `${d.span.line}:${d.span.column} ${d.message}`).join('; ')}`,
    );
  return loadScript(ast);
}

/** The value of `name` in `script`, or an Error with its diagnostics. */
export function valueOf(script: LoadedScript, name: string, args: readonly Value[] = []): Value {
  const r = script.evaluate(name, args);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('; '));
  return r.value;
}

/** CSPm text of the value of an expression defined as `name`. */
export function show(script: LoadedScript, name: string): string {
  return showValue(valueOf(script, name));
}

export function term(script: LoadedScript, name: string, args: readonly Value[] = []): Term {
  const v = valueOf(script, name, args);
  if (typeof v !== 'object' || v.t !== 'proc') throw new Error(`${name} is not a process`);
  return script.factory.canon(v.term);
}

/** Number of states reachable from `t` (BFS over transitions). */
export function countStates(f: TermFactory, t: Term): number {
  const start = f.canon(t);
  const seen = new Set<number>([start.id]);
  const queue: Term[] = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const tr of f.semantics.transitions(queue[i] as Term)) {
      if (!seen.has(tr.target.id)) {
        seen.add(tr.target.id);
        queue.push(tr.target);
      }
    }
  }
  return queue.length;
}
