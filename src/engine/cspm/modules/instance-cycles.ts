/**
 * FDR refuses a parameterised module that depends, through the names around
 * it, on one of its own instances: in
 *
 *   module M(_) exports y = X endmodule
 *   instance M1 = M({1})
 *   X = M1::y
 *
 * M's body uses X, and X is M1::y, so M would contain itself. Names are
 * already qualified here (the expanded declarations), so a reference is found
 * by its spelling.
 */
import type { Decl, ModuleDecl, Span } from '../syntax/ast';
import { patternVars } from '../syntax/patterns';
import { forEachFreeName } from '../check/free-names';
import type { Report } from './rename';

/** Where an instance's declarations are in the expanded list: its parameters' bindings, then its body. */
export interface InstanceSpan {
  readonly module: ModuleDecl;
  readonly instance: string;
  readonly span: Span;
  /** The list the declarations were appended to (positions below are in it). */
  readonly into: readonly Decl[];
  readonly start: number;
  readonly bodyStart: number;
  readonly end: number;
}

function definedNames(d: Decl): string[] {
  switch (d.kind) {
    case 'ValueDecl':
    case 'FunctionDecl':
    case 'NametypeDecl':
      return [d.name.name];
    case 'PatternDecl':
      return patternVars(d.pattern).map((v) => v.name);
    case 'ChannelDecl':
      return d.names.map((n) => n.name);
    case 'DatatypeDecl':
    case 'SubtypeDecl':
      return [d.name.name, ...d.ctors.map((c) => c.name.name)];
    default:
      return [];
  }
}

export function reportInstanceCycles(decls: readonly Decl[], instances: readonly InstanceSpan[], report: Report): void {
  if (instances.length === 0) return;
  const owner = new Map<string, number>();
  decls.forEach((d, i) => definedNames(d).forEach((n) => owner.set(n, i)));
  const constants = new Set(
    decls.flatMap((d) =>
      d.kind === 'ChannelDecl'
        ? d.names.map((n) => n.name)
        : d.kind === 'DatatypeDecl'
          ? d.ctors.map((c) => c.name.name)
          : [],
    ),
  );
  const deps = new Map<number, number[]>();
  const depsOf = (i: number): number[] => {
    let out = deps.get(i);
    if (out === undefined) {
      const found = new Set<number>();
      const d = decls[i];
      if (d === undefined) return [];
      forEachFreeName(
        d,
        (name) => {
          const o = owner.get(name);
          if (o !== undefined) found.add(o);
        },
        (name) => constants.has(name),
      );
      out = [...found];
      deps.set(i, out);
    }
    return out;
  };
  const reported = new Set<ModuleDecl>();
  for (const inst of instances) {
    if (reported.has(inst.module)) continue;
    // Every declaration made by an instance of the same module is a target.
    const targets = new Set<number>();
    for (const other of instances)
      if (other.module === inst.module) for (let i = other.start; i < other.end; i++) targets.add(i);
    const own = (i: number): boolean => i >= inst.start && i < inst.end;
    // The module's body reaching out: names used by the body that the instance does not define.
    const queue = new Set<number>();
    for (let i = inst.bodyStart; i < inst.end; i++) for (const j of depsOf(i)) if (!own(j)) queue.add(j);
    const seen = new Set<number>();
    for (const i of queue) {
      if (targets.has(i)) {
        const via = definedNames(decls[i]!)[0] ?? inst.instance;
        report('CSP2037', inst.module.name.span, { module: inst.module.name.name, name: via });
        reported.add(inst.module);
        break;
      }
      if (seen.has(i)) continue;
      seen.add(i);
      for (const j of depsOf(i)) queue.add(j);
    }
  }
}
