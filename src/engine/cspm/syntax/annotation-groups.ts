/**
 * Which definition each type annotation belongs to, as FDR's parser decides
 * it: an annotation `f :: T` refers to a definition of the same declaration
 * list (top level with its includes and timed sections, a module's body, a
 * `let`). A name annotated twice, an annotation without a definition there,
 * and channels declared together but annotated separately are parse errors
 * in FDR, so they are reported with the parser's diagnostics; the checker
 * reads the same grouping to type the definitions.
 */
import type { Decl, Ident, Node, Span, TypeAnnotationDecl } from './ast';
import type { DiagnosticArgs, DiagnosticCode } from '../diagnostics';
import { forEachChild } from './visit';

export type Report = (code: DiagnosticCode, span: Span, args: DiagnosticArgs) => void;

/** Names a declaration defines that an annotation may refer to. */
function annotatable(d: Decl): Ident[] {
  switch (d.kind) {
    case 'ValueDecl':
    case 'FunctionDecl':
    case 'NametypeDecl':
      return [d.name];
    case 'ChannelDecl':
      return [...d.names];
    case 'DatatypeDecl':
      return d.ctors.map((c) => c.name);
    default:
      return [];
  }
}

/** The annotation of each name defined in `decls` (one declaration list), reporting what FDR refuses. */
export function collectAnnotations(decls: readonly Decl[], report: Report): Map<string, TypeAnnotationDecl> {
  const defined = new Set<string>();
  for (const d of decls) for (const n of annotatable(d)) defined.add(n.name);
  const out = new Map<string, TypeAnnotationDecl>();
  for (const d of decls) {
    if (d.kind !== 'TypeAnnotationDecl') continue;
    for (const n of d.names) {
      if (out.has(n.name)) report('CSP2027', n.span, { name: n.name });
      else if (!defined.has(n.name)) report('CSP2028', n.span, { name: n.name });
      else out.set(n.name, d);
    }
  }
  for (const d of decls) {
    if (d.kind !== 'ChannelDecl') continue;
    const anns = new Set(d.names.map((n) => out.get(n.name)).filter((a) => a !== undefined));
    if (anns.size > 1) report('CSP2031', d.names[0]!.span, { names: d.names.map((n) => n.name).join(', ') });
  }
  return out;
}

/** A declaration list as one scope sees it: includes and timed sections spliced in. */
function spliced(decls: readonly Decl[]): Decl[] {
  return decls.flatMap((d) => (d.kind === 'IncludeDecl' || d.kind === 'TimedDecl' ? spliced(d.decls) : [d]));
}

/** Checks the annotations of every declaration list of a parsed file (top level, modules, `let`s). */
export function reportAnnotationGroups(decls: readonly Decl[], report: Report): void {
  const list = (ds: readonly Decl[]): void => {
    const all = spliced(ds);
    collectAnnotations(all, report);
    all.forEach(walk);
  };
  const walk = (n: Node): void => {
    if (n.kind === 'Let') {
      list(n.decls);
      walk(n.body);
    } else if (n.kind === 'ModuleDecl') {
      list([...n.privateDecls, ...n.exportedDecls]);
    } else forEachChild(n, walk);
  };
  list(decls);
}
