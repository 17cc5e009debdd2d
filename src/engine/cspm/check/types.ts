/**
 * CSPm types and unification (Hindley–Milner with level-based generalisation).
 *
 * `dotable(field, result)` is the type of a channel or constructor that still
 * takes fields: `channel c : A.B` gives c : A => B => Event. `any` is the
 * escape hatch for what we cannot type precisely (dotted values of unknown
 * shape, error recovery): it unifies with everything, because a false type
 * error on a script FDR accepts is worse than a missed one.
 */
export type Type =
  | TVar
  | { readonly t: 'int' }
  | { readonly t: 'bool' }
  | { readonly t: 'char' }
  | { readonly t: 'proc' }
  | { readonly t: 'event' }
  | { readonly t: 'any' }
  | { readonly t: 'set'; readonly elem: Type }
  | { readonly t: 'seq'; readonly elem: Type }
  | { readonly t: 'map'; readonly key: Type; readonly value: Type }
  | { readonly t: 'tuple'; readonly items: readonly Type[] }
  | { readonly t: 'fn'; readonly params: readonly Type[]; readonly ret: Type }
  | { readonly t: 'data'; readonly name: string }
  /** A type variable of a type annotation while its definition is checked: equal only to itself. */
  | { readonly t: 'rigid'; readonly name: string; readonly classes: number }
  | { readonly t: 'dotable'; readonly field: Type; readonly result: Type };

export interface TVar {
  readonly t: 'var';
  readonly id: number;
  ref: Type | null;
  level: number;
  /** Type classes (bit set of `TypeClass`) the type this variable stands for must belong to. */
  classes: number;
  /** Unified with `any` (a dotted value this checker does not type): its type is unknown, not ambiguous. */
  loose?: boolean;
}

/**
 * FDR's type classes: values that can be compared (Eq), ordered (Ord) or put
 * in sets (Set). Ord implies Eq, which implies Set. Processes can be put in
 * sets but not compared; functions neither; booleans, events and datatypes
 * are not ordered; a datatype with a process in a field cannot be compared.
 * `Dotted` marks what a dot pattern with a variable head (`x.y`) matches: a
 * plain dotted value, never an event or a datatype value.
 */
export const TypeClass = { Set: 1, Eq: 2, Ord: 4, Dotted: 8 } as const;
export type TypeClassName = keyof typeof TypeClass;

/** What unification needs to know about the script: which datatypes cannot be compared; the last class failure. */
export interface ClassEnv {
  readonly incomparable: ReadonlySet<string>;
  failure?: { readonly cls: TypeClassName; readonly type: Type };
}

const NO_CLASS_ENV: ClassEnv = { incomparable: new Set() };

/** The classes a rigid variable or variable with `classes` satisfies (Ord ⇒ Eq ⇒ Set). */
function closure(classes: number): number {
  let c = classes;
  if (c & TypeClass.Ord) c |= TypeClass.Eq;
  if (c & TypeClass.Eq) c |= TypeClass.Set;
  return c;
}

/** The strongest class in a bit set (the one to require of components). */
function strongest(classes: number): number {
  // Dotted is checked on its own (it is not in the Ord ⇒ Eq ⇒ Set chain).
  return classes & TypeClass.Ord
    ? TypeClass.Ord
    : classes & TypeClass.Eq
      ? TypeClass.Eq
      : classes & TypeClass.Set
        ? TypeClass.Set
        : 0;
}

/** Requires `t` to belong to `cls` (a single class bit), constraining its variables; records a failure in `env`. */
export function requireClass(t: Type, cls: number, env: ClassEnv = NO_CLASS_ENV): UnifyResult {
  if (cls === 0) return 'ok';
  const r = prune(t);
  const fail = (): UnifyResult => {
    env.failure = { cls: (Object.keys(TypeClass) as TypeClassName[]).find((k) => TypeClass[k] === cls)!, type: r };
    return 'class';
  };
  // Ordering sets and sequences means subset and prefix tests: their elements need only equality.
  const elemClass = cls === TypeClass.Ord ? TypeClass.Eq : cls;
  if (cls === TypeClass.Dotted && r.t !== 'var' && r.t !== 'any') return fail();
  switch (r.t) {
    case 'var':
      r.classes |= cls;
      return 'ok';
    case 'rigid':
      return closure(r.classes) & cls ? 'ok' : fail();
    case 'int':
    case 'char':
    case 'any':
      return 'ok';
    case 'bool':
    case 'event':
      return cls === TypeClass.Ord ? fail() : 'ok';
    case 'proc':
      return cls === TypeClass.Set ? 'ok' : fail();
    case 'fn':
      return fail();
    case 'data':
      if (cls === TypeClass.Ord) return fail();
      return cls === TypeClass.Eq && env.incomparable.has(r.name) ? fail() : 'ok';
    case 'set':
    case 'seq':
      return requireClass(r.elem, elemClass, env);
    case 'tuple':
      for (const i of r.items) {
        const x = requireClass(i, cls, env);
        if (x !== 'ok') return x;
      }
      return 'ok';
    case 'map': {
      const k = requireClass(r.key, cls, env);
      return k === 'ok' ? requireClass(r.value, cls, env) : k;
    }
    case 'dotable': {
      if (cls === TypeClass.Ord) return fail();
      const f = requireClass(r.field, cls, env);
      return f === 'ok' ? requireClass(r.result, cls, env) : f;
    }
  }
}

export interface Scheme {
  readonly vars: readonly TVar[];
  readonly type: Type;
}

export const INT: Type = { t: 'int' };
export const BOOL: Type = { t: 'bool' };
export const CHAR: Type = { t: 'char' };
export const PROC: Type = { t: 'proc' };
export const EVENT: Type = { t: 'event' };
export const ANY: Type = { t: 'any' };
export const setOf = (elem: Type): Type => ({ t: 'set', elem });
export const seqOf = (elem: Type): Type => ({ t: 'seq', elem });
export const mapOf = (key: Type, value: Type): Type => ({ t: 'map', key, value });
export const fnOf = (params: readonly Type[], ret: Type): Type => ({ t: 'fn', params, ret });
export const dotable = (field: Type, result: Type): Type => ({ t: 'dotable', field, result });

export class TypeContext {
  private nextId = 0;
  level = 0;

  fresh(classes = 0): TVar {
    return { t: 'var', id: this.nextId++, ref: null, level: this.level, classes };
  }

  /** Generalise the variables created at a deeper level than the current one. */
  generalise(type: Type): Scheme {
    const vars: TVar[] = [];
    const seen = new Set<number>();
    const walk = (t: Type): void => {
      const r = prune(t);
      switch (r.t) {
        case 'var':
          if (r.level > this.level && !seen.has(r.id)) {
            seen.add(r.id);
            vars.push(r);
          }
          return;
        case 'set':
        case 'seq':
          return walk(r.elem);
        case 'tuple':
          return r.items.forEach(walk);
        case 'map':
          walk(r.key);
          return walk(r.value);
        case 'fn':
          r.params.forEach(walk);
          return walk(r.ret);
        case 'dotable':
          walk(r.field);
          return walk(r.result);
        default:
          return;
      }
    };
    walk(type);
    return { vars, type };
  }

  instantiate(s: Scheme): Type {
    if (s.vars.length === 0) return s.type;
    const map = new Map<number, Type>();
    for (const v of s.vars) {
      const f = this.fresh(v.classes);
      if (v.loose === true) f.loose = true;
      map.set(v.id, f);
    }
    const copy = (t: Type): Type => {
      const r = prune(t);
      switch (r.t) {
        case 'var':
          return map.get(r.id) ?? r;
        case 'set':
          return setOf(copy(r.elem));
        case 'seq':
          return seqOf(copy(r.elem));
        case 'tuple':
          return { t: 'tuple', items: r.items.map(copy) };
        case 'map':
          return mapOf(copy(r.key), copy(r.value));
        case 'fn':
          return fnOf(r.params.map(copy), copy(r.ret));
        case 'dotable':
          return dotable(copy(r.field), copy(r.result));
        default:
          return r;
      }
    };
    return copy(s.type);
  }
}

/** Follow variable bindings (with path compression). */
export function prune(t: Type): Type {
  if (t.t === 'var' && t.ref) {
    const r = prune(t.ref);
    t.ref = r;
    return r;
  }
  return t;
}

/** `class`: a type variable's class constraint failed (details in the ClassEnv). */
export type UnifyResult = 'ok' | 'mismatch' | 'infinite' | 'class';

function occursAndAdjust(v: TVar, t: Type): boolean {
  const r = prune(t);
  switch (r.t) {
    case 'var':
      if (r === v) return true;
      if (r.level > v.level) r.level = v.level;
      return false;
    case 'set':
    case 'seq':
      return occursAndAdjust(v, r.elem);
    case 'tuple':
      return r.items.some((i) => occursAndAdjust(v, i));
    case 'map':
      return occursAndAdjust(v, r.key) || occursAndAdjust(v, r.value);
    case 'fn':
      return r.params.some((p) => occursAndAdjust(v, p)) || occursAndAdjust(v, r.ret);
    case 'dotable':
      return occursAndAdjust(v, r.field) || occursAndAdjust(v, r.result);
    default:
      return false;
  }
}

export function unify(a: Type, b: Type, env: ClassEnv = NO_CLASS_ENV): UnifyResult {
  const x = prune(a);
  const y = prune(b);
  if (x === y) return 'ok';
  if (x.t === 'any' || y.t === 'any') {
    if (x.t === 'var') x.loose = true;
    if (y.t === 'var') y.loose = true;
    return 'ok';
  }
  if (x.t === 'var') {
    if (occursAndAdjust(x, y)) return 'infinite';
    x.ref = y;
    const r = requireClass(y, strongest(x.classes), env);
    return r === 'ok' && x.classes & TypeClass.Dotted ? requireClass(y, TypeClass.Dotted, env) : r;
  }
  if (y.t === 'var') return unify(y, x, env);
  switch (x.t) {
    case 'int':
    case 'bool':
    case 'char':
    case 'proc':
    case 'event':
      return x.t === y.t ? 'ok' : 'mismatch';
    case 'map': {
      if (y.t !== 'map') return 'mismatch';
      const r = unify(x.key, y.key, env);
      return r === 'ok' ? unify(x.value, y.value, env) : r;
    }
    case 'data':
      return y.t === 'data' && y.name === x.name ? 'ok' : 'mismatch';
    case 'rigid':
      return 'mismatch'; // equal only to itself, which `x === y` above accepted
    case 'set':
    case 'seq':
      return y.t === x.t ? unify(x.elem, y.elem, env) : 'mismatch';
    case 'tuple': {
      if (y.t !== 'tuple' || y.items.length !== x.items.length) return 'mismatch';
      for (let i = 0; i < x.items.length; i++) {
        const r = unify(x.items[i]!, y.items[i]!, env);
        if (r !== 'ok') return r;
      }
      return 'ok';
    }
    case 'fn': {
      if (y.t !== 'fn' || y.params.length !== x.params.length) return 'mismatch';
      for (let i = 0; i < x.params.length; i++) {
        const r = unify(x.params[i]!, y.params[i]!, env);
        if (r !== 'ok') return r;
      }
      return unify(x.ret, y.ret, env);
    }
    case 'dotable': {
      if (y.t !== 'dotable') return 'mismatch';
      const r = unify(x.field, y.field, env);
      return r === 'ok' ? unify(x.result, y.result, env) : r;
    }
  }
}

/** Human-readable type, FDR style: `{Int}`, `<Event>`, `(Int, Bool) -> Proc`, `Int => Event`. */
export function formatType(t: Type, names: Map<number, string> = new Map()): string {
  const r = prune(t);
  switch (r.t) {
    case 'var': {
      let n = names.get(r.id);
      if (!n) {
        const i = names.size;
        n = String.fromCharCode(97 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
        names.set(r.id, n);
      }
      return n;
    }
    case 'int':
      return 'Int';
    case 'bool':
      return 'Bool';
    case 'char':
      return 'Char';
    case 'map':
      return `(|${formatType(r.key, names)} => ${formatType(r.value, names)}|)`;
    case 'proc':
      return 'Proc';
    case 'event':
      return 'Event';
    case 'any':
      return '?';
    case 'data':
    case 'rigid':
      return r.name;
    case 'set':
      return `{${formatType(r.elem, names)}}`;
    case 'seq':
      return `<${formatType(r.elem, names)}>`;
    case 'tuple':
      return `(${r.items.map((i) => formatType(i, names)).join(', ')})`;
    case 'fn':
      return `(${r.params.map((p) => formatType(p, names)).join(', ')}) -> ${formatType(r.ret, names)}`;
    case 'dotable': {
      const f = prune(r.field);
      const fs = formatType(f, names);
      return `${f.t === 'dotable' || f.t === 'fn' ? `(${fs})` : fs} => ${formatType(r.result, names)}`;
    }
  }
}
