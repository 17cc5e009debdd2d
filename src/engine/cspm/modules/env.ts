/**
 * What a name means while modules are expanded: a definition with its
 * qualified top-level name (`M::x`), a module (with what it exports), or a
 * local variable that shadows both.
 */
import type { ModuleDecl, Span } from '../syntax/ast';

export interface ValueEntry {
  readonly kind: 'value';
  /** The top-level name the definition gets after expansion (`M::N::x`, or `x` outside modules). */
  readonly qname: string;
  /** Channels and constructors: a pattern naming one matches it instead of binding a variable. */
  readonly constant: boolean;
  /** Datatypes, nametypes and subtypes: a name in a type annotation may refer to them. */
  readonly isType: boolean;
  readonly span: Span;
}

export interface ModuleEntry {
  readonly kind: 'module';
  readonly qname: string;
  readonly decl: ModuleDecl;
  /** Where the module was declared: its body sees these names. */
  readonly closure: Env;
  /** Exported names; null for a parameterised module that is not an instance (it has no values). */
  exports: Map<string, Entry> | null;
  /** Every name the body defines (exported or not), for "is private" messages. */
  readonly defined: Set<string>;
  readonly span: Span;
}

export interface LocalEntry {
  readonly kind: 'local';
}

export type Entry = ValueEntry | ModuleEntry | LocalEntry;

export const LOCAL: LocalEntry = { kind: 'local' };

export class Env {
  readonly names = new Map<string, Entry>();
  constructor(readonly parent: Env | null) {}

  lookup(name: string): Entry | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }

  /** A child scope binding `names` as local variables. */
  withLocals(names: Iterable<string>): Env {
    const env = new Env(this);
    for (const n of names) env.names.set(n, LOCAL);
    return env;
  }
}
