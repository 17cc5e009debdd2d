/**
 * What the checker hands to the evaluator and to editor services: every
 * definition as a SymbolInfo, every name occurrence linked to its symbol, and
 * the scopes in which local names are visible.
 */
import type { AssertDecl, ChannelDecl, CtorDecl, DatatypeDecl, Decl, Module, Span } from '../syntax/ast';
import type { Type } from './types';

export type SymbolKind =
  | 'channel'
  | 'datatype'
  | 'constructor'
  | 'nametype'
  | 'value'
  | 'function'
  | 'pattern'
  | 'parameter'
  | 'local'
  | 'builtin';

export interface SymbolInfo {
  readonly name: string;
  readonly kind: SymbolKind;
  /** Where it is defined; null for built-ins. */
  readonly span: Span | null;
  /** The defining declaration (top-level or `let`); null for parameters, generators, inputs and built-ins. */
  readonly decl: Decl | null;
  /** Principal type; print with formatType. Mutable only while checking. */
  type: Type;
  /** Constructors: their datatype and position in it. */
  readonly datatype?: string;
  readonly ctor?: CtorDecl;
  /** Channels: the declaration (fields) and the channel's position in declaration order. */
  readonly channel?: ChannelDecl;
  /** Datatypes: the declaration. */
  readonly datatypeDecl?: DatatypeDecl;
  readonly index?: number;
}

/** A use or definition of a name in the source, linked to its symbol (hover, go-to-definition). */
export interface Occurrence {
  readonly span: Span;
  readonly symbol: SymbolInfo;
  readonly isDefinition: boolean;
}

/** A region of source in which some local names are visible (completion). */
export interface ScopeRegion {
  readonly span: Span;
  readonly symbols: readonly SymbolInfo[];
}

export interface CheckedModule {
  readonly ast: Module;
  /** Top-level declarations in source order with included files' declarations spliced in place. */
  readonly decls: readonly Decl[];
  /** Top-level names (channels, datatypes, constructors, nametypes, values, functions, pattern-bound names). */
  readonly symbols: ReadonlyMap<string, SymbolInfo>;
  /** Channels in declaration order (the event order the checker uses for reproducible counterexamples). */
  readonly channels: readonly SymbolInfo[];
  readonly datatypes: readonly SymbolInfo[];
  readonly assertions: readonly AssertDecl[];
  /** Compression functions declared `transparent` (all semantics-preserving). */
  readonly transparent: ReadonlySet<string>;
  readonly occurrences: readonly Occurrence[];
  readonly scopes: readonly ScopeRegion[];
  /** Resolution of each `Var` node (by identity) to its symbol. */
  readonly references: ReadonlyMap<object, SymbolInfo>;
}
