/**
 * Timed sections for the checker: their declarations belong to the enclosing
 * scope (they are checked as its own), `WAIT`, `TSTOP`, `TSKIP` and
 * `timed_priority` are in scope only inside one, the section's function must
 * map events to integers, and a channel `tock` (without fields) must exist.
 * What FDR cannot translate to tock-CSP is refused where it is written.
 */
import type { Decl, Node, Span, TimedDecl } from '../syntax/ast';
import { forEachChild } from '../syntax/visit';
import type { Scope } from './infer';
import { EVENT, INT, PROC, fnOf, type Type, type TypeContext } from './types';

/** Built-ins of timed sections, with their types. */
export const TIMED_BUILTINS: ReadonlyMap<string, (ctx: TypeContext) => Type> = new Map([
  ['WAIT', () => fnOf([INT], PROC)],
  ['TSTOP', () => PROC],
  ['TSKIP', () => PROC],
  ['timed_priority', () => fnOf([PROC], PROC)],
]);

/** The declarations with timed sections' ones spliced in; `inside` collects those that came from a section. */
export function spliceTimed(
  decls: readonly Decl[],
  inside: WeakSet<Decl>,
  sections: TimedDecl[],
  nested = false,
): Decl[] {
  const out: Decl[] = [];
  for (const d of decls) {
    if (d.kind === 'TimedDecl') {
      sections.push(d);
      out.push(...spliceTimed(d.decls, inside, sections, true));
    } else {
      if (nested) inside.add(d);
      out.push(d);
    }
  }
  return out;
}

/** Why `scope` cannot host a timed section (no `tock` channel), or undefined. */
export function missingTock(scope: Scope): string | undefined {
  const b = scope.lookup('tock');
  if (b === undefined || b.symbol.kind !== 'channel') return "declare 'channel tock'";
  const fields = b.symbol.channel?.fields.length ?? 0;
  return fields === 0 ? undefined : "'tock' must be a channel without fields";
}

/** The type a section's function must have. */
export const TOCK_FUNCTION: Type = fnOf([EVENT], INT);

/**
 * Operators FDR refuses inside a timed section (its desugarer does): linked
 * parallel, plain or replicated, and nondeterministic input `$x`. Only what is
 * written inside the section counts, as in FDR: a process defined outside and
 * used inside is not translated.
 */
export function untimeable(section: TimedDecl, report: (span: Span, what: string) => void): void {
  const visit = (n: Node): void => {
    if (n.kind === 'TimedDecl') return; // a section of its own, visited as such
    if (n.kind === 'LinkPar') report(n.span, 'linked parallel');
    else if (n.kind === 'ReplicatedLinkPar') report(n.span, 'replicated linked parallel');
    else if (n.kind === 'InputField' && n.nondeterministic === true) report(n.span, "nondeterministic input '$'");
    forEachChild(n, visit);
  };
  section.decls.forEach(visit);
}
