/**
 * The outline of a script: its top-level declarations as a tree (an editor's
 * "go to symbol", breadcrumbs and outline view). Datatypes list their
 * constructors, modules their declarations. Only the script's own file:
 * declarations brought in by `include` belong to the included file.
 */
import type { Decl, Ident, Span } from '../syntax/ast';
import { formatType } from '../check/types';
import type { Analysis } from './services';

export type OutlineKind =
  'channel' | 'datatype' | 'constructor' | 'nametype' | 'process' | 'function' | 'value' | 'assertion' | 'module';

export interface OutlineItem {
  readonly name: string;
  readonly kind: OutlineKind;
  /** The type (`(Int) -> Proc`), or for an assertion its model. */
  readonly detail: string;
  /** The whole declaration. */
  readonly span: Span;
  /** The name itself (what a click selects). */
  readonly nameSpan: Span;
  readonly children: readonly OutlineItem[];
}

export function outline(a: Analysis): OutlineItem[] {
  const file = a.module.ast.file;
  const out: OutlineItem[] = [];
  for (const d of a.module.ast.decls) if (d.span.file === file) out.push(...itemsOf(a, d));
  return out;
}

/** `prefix` qualifies names declared inside a module (`M::X`), as the checker names them. */
function typeOf(a: Analysis, name: string, prefix = ''): string {
  const s = a.module.symbols.get(prefix + name);
  return s ? formatType(s.type) : '';
}

function item(
  name: Ident,
  kind: OutlineKind,
  detail: string,
  span: Span,
  children: readonly OutlineItem[] = [],
): OutlineItem {
  return { name: name.name, kind, detail, span, nameSpan: name.span, children };
}

/** Values of type Proc (or functions returning one) are processes: the outline shows them apart. */
function definitionKind(type: string, isFunction: boolean): OutlineKind {
  if (type === 'Proc' || /-> Proc$/.test(type)) return 'process';
  return isFunction ? 'function' : 'value';
}

function itemsOf(a: Analysis, d: Decl, prefix = ''): OutlineItem[] {
  switch (d.kind) {
    case 'TimedDecl':
      return d.decls.flatMap((x) => itemsOf(a, x, prefix));
    case 'ChannelDecl':
      return d.names.map((n) => item(n, 'channel', typeOf(a, n.name, prefix), d.span));
    case 'DatatypeDecl':
    case 'SubtypeDecl':
      return [
        item(
          d.name,
          'datatype',
          d.kind === 'SubtypeDecl' ? 'subtype' : 'datatype',
          d.span,
          d.ctors.map((c) => item(c.name, 'constructor', typeOf(a, c.name.name, prefix), c.span)),
        ),
      ];
    case 'NametypeDecl':
      return [item(d.name, 'nametype', 'nametype', d.span)];
    case 'ValueDecl': {
      const type = typeOf(a, d.name.name, prefix);
      return [item(d.name, definitionKind(type, false), type, d.span)];
    }
    case 'FunctionDecl': {
      const type = typeOf(a, d.name.name, prefix);
      return [item(d.name, definitionKind(type, true), type, d.span)];
    }
    case 'AssertDecl': {
      const text = `assert ${d.negated ? 'not ' : ''}${d.text}`;
      const name: Ident = { kind: 'Ident', name: text, span: d.span };
      return [item(name, 'assertion', '', d.span)];
    }
    case 'ModuleDecl':
      return [
        item(
          d.name,
          'module',
          'module',
          d.span,
          [...d.privateDecls, ...d.exportedDecls].flatMap((x) => itemsOf(a, x, `${prefix}${d.name.name}::`)),
        ),
      ];
    default:
      // Pattern definitions, includes, transparent/external lists, instances, annotations, print.
      return [];
  }
}
