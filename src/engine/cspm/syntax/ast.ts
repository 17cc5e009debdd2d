/**
 * The CSPm abstract syntax tree, produced by the parser and consumed by the
 * checker (names, types), the evaluator, the pretty-printer and editor services.
 *
 * CSPm does not separate process expressions from value expressions
 * syntactically (`P [] Q` and `x + 1` are both expressions; whether `f(x)` is a
 * process is known only after type checking), so processes are expressions too.
 * Patterns are a separate union because the parser converts them from
 * expressions on the left of `=`, `<-`, `?` and `\ ... @`.
 *
 * Every node has a `span` and a `kind` discriminant. Parentheses are not
 * nodes: the printer re-inserts the ones precedence needs, so `print∘parse`
 * is the identity on trees (spans aside).
 *
 * This file is a contract with the evaluator (src/engine/eval) and editor
 * services: add node kinds, never change existing shapes.
 */

/** A source range. Lines and columns are 1-based; `endColumn` is exclusive; offsets are 0-based UTF-16, `end` exclusive. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly offset: number;
  readonly end: number;
}

/** A name at its place of definition or use. */
export interface Ident {
  readonly kind: 'Ident';
  readonly name: string;
  readonly span: Span;
}

// ---------------------------------------------------------------- module

/** One parsed file (includes are expanded into `IncludeDecl.decls`). */
export interface Module {
  readonly kind: 'Module';
  readonly file: string;
  readonly decls: readonly Decl[];
  readonly span: Span;
}

// ---------------------------------------------------------------- declarations

export type Decl =
  | ChannelDecl
  | DatatypeDecl
  | NametypeDecl
  | ValueDecl
  | FunctionDecl
  | PatternDecl
  | AssertDecl
  | IncludeDecl
  | TransparentDecl
  | ExternalDecl
  | ModuleDecl
  | InstanceDecl
  | TypeAnnotationDecl
  | SubtypeDecl
  | PrintDecl
  | TimedDecl;

/** `channel a, b` (no fields) or `channel c, d : T.U` (`fields` = the dot-separated set expressions). */
export interface ChannelDecl {
  readonly kind: 'ChannelDecl';
  readonly names: readonly Ident[];
  readonly fields: readonly Expr[];
  readonly span: Span;
}

/** `datatype T = A | B.{0..3} | C.Bool`. */
export interface DatatypeDecl {
  readonly kind: 'DatatypeDecl';
  readonly name: Ident;
  readonly ctors: readonly CtorDecl[];
  readonly span: Span;
}

/** One constructor of a datatype; `fields` are set expressions (`B.{0..3}.Bool` has two). */
export interface CtorDecl {
  readonly kind: 'CtorDecl';
  readonly name: Ident;
  readonly fields: readonly Expr[];
  readonly span: Span;
}

/** `nametype N = {0..3}` (the body is a set expression, possibly dotted: `A.B`). */
export interface NametypeDecl {
  readonly kind: 'NametypeDecl';
  readonly name: Ident;
  readonly type: Expr;
  readonly span: Span;
}

/** `x = e` / `P = a -> P`: a name bound to a value or process without parameters. */
export interface ValueDecl {
  readonly kind: 'ValueDecl';
  readonly name: Ident;
  readonly body: Expr;
  readonly span: Span;
}

/**
 * `f(p1, p2)(q) = e` over one or more clauses. Adjacent clauses with the same
 * name are grouped here; the first matching clause wins at evaluation.
 */
export interface FunctionDecl {
  readonly kind: 'FunctionDecl';
  readonly name: Ident;
  readonly clauses: readonly Clause[];
  readonly span: Span;
}

/** One clause: `params[i]` is the i-th parenthesised argument group (curried functions have several). */
export interface Clause {
  readonly kind: 'Clause';
  readonly params: readonly (readonly Pattern[])[];
  readonly body: Expr;
  readonly span: Span;
}

/** `(a, b) = e`: a destructuring binding (the pattern is never a plain variable; that is a ValueDecl). */
export interface PatternDecl {
  readonly kind: 'PatternDecl';
  readonly pattern: Pattern;
  readonly body: Expr;
  readonly span: Span;
}

/** `assert ...` / `assert not ...`. */
export interface AssertDecl {
  readonly kind: 'AssertDecl';
  readonly negated: boolean;
  readonly assertion: Assertion;
  /** The assertion's source text after `assert ` (for reports: `P :[deadlock free [F]]`). */
  readonly text: string;
  /** Options after the assertion (`:[partial order reduce]`, `:[tau priority over]: A`); absent when none. */
  readonly options?: readonly AssertionOption[];
  readonly span: Span;
}

/** `:[partial order reduce]` (optionally `[fast]`, …) or `:[tau priority over]: A`. */
export type AssertionOption =
  | { readonly kind: 'PartialOrderReduce'; readonly mode: string | null; readonly span: Span }
  | { readonly kind: 'TauPriority'; readonly set: Expr; readonly span: Span };

/** `include "file.csp"`; `decls` are the included file's declarations (their spans name that file). */
export interface IncludeDecl {
  readonly kind: 'IncludeDecl';
  readonly path: string;
  /** The resolved path handed to the file reader. */
  readonly resolvedPath: string;
  readonly decls: readonly Decl[];
  readonly span: Span;
}

/**
 * `Timed(f) { decls }` (or `Timed { decls }`, f = \ _ @ 1): FDR's timed
 * section. The declarations are ordinary ones of the enclosing scope, but
 * their processes are translated to tock-CSP: every event e is followed by
 * f(e) tocks, STOP and SKIP let time pass, and choices and parallels
 * synchronise on `tock`.
 */
export interface TimedDecl {
  readonly kind: 'TimedDecl';
  readonly fn: Expr | null;
  readonly decls: readonly Decl[];
  readonly span: Span;
}

/** `transparent normal, sbisim`: compression functions made available. */
export interface TransparentDecl {
  readonly kind: 'TransparentDecl';
  readonly names: readonly Ident[];
  readonly span: Span;
}

/** `external chase`: external functions made available. */
export interface ExternalDecl {
  readonly kind: 'ExternalDecl';
  readonly names: readonly Ident[];
  readonly span: Span;
}

/**
 * `module M(p1, p2) <private decls> exports <exported decls> endmodule`.
 * `params` is null when the module takes no parameter list. Names are
 * resolved (and modules expanded into qualified top-level names `M::x`) by
 * `../modules/expand.ts` before type checking.
 */
export interface ModuleDecl {
  readonly kind: 'ModuleDecl';
  readonly name: Ident;
  readonly params: readonly Pattern[] | null;
  readonly privateDecls: readonly Decl[];
  readonly exportedDecls: readonly Decl[];
  readonly span: Span;
}

/** `instance N = M(args)` or `instance N = A::M` (`args` null without parentheses; `module` may be qualified). */
export interface InstanceDecl {
  readonly kind: 'InstanceDecl';
  readonly name: Ident;
  readonly module: Ident;
  readonly args: readonly Expr[] | null;
  readonly span: Span;
}

/** `f, g :: (Int) -> Int`: the declared type of definitions in the same declaration list. */
export interface TypeAnnotationDecl {
  readonly kind: 'TypeAnnotationDecl';
  readonly names: readonly Ident[];
  readonly scheme: TypeScheme;
  readonly span: Span;
}

/** `print e`: FDR prints the value when the script is loaded; here it is type-checked only. */
export interface PrintDecl {
  readonly kind: 'PrintDecl';
  readonly expr: Expr;
  readonly span: Span;
}

/** `subtype T = A | B.{0}`: the set of values of an existing datatype built by the listed constructors. */
export interface SubtypeDecl {
  readonly kind: 'SubtypeDecl';
  readonly name: Ident;
  readonly ctors: readonly CtorDecl[];
  readonly span: Span;
}

// ---------------------------------------------------------------- type annotations

/** `(Eq a, Ord b) => T`. */
export interface TypeScheme {
  readonly kind: 'TypeScheme';
  readonly constraints: readonly TypeConstraint[];
  readonly type: TypeExpr;
  readonly span: Span;
}

/** `Eq a`: FDR's type classes Eq, Ord, Set, Complete and Yieldable. */
export interface TypeConstraint {
  readonly kind: 'TypeConstraint';
  readonly className: Ident;
  readonly variable: Ident;
  readonly span: Span;
}

export type TypeExpr =
  TypeName | TypeSet | TypeSeq | TypeTuple | TypeFunction | TypeDot | TypeDotable | TypeExtendable | TypeMap;

/** `Int`, `Proc`, a datatype `T`, `M::T`, or a type variable `a` (lower-case). */
export interface TypeName {
  readonly kind: 'TypeName';
  readonly name: string;
  readonly span: Span;
}

/** `{T}`. */
export interface TypeSet {
  readonly kind: 'TypeSet';
  readonly elem: TypeExpr;
  readonly span: Span;
}

/** `<T>`. */
export interface TypeSeq {
  readonly kind: 'TypeSeq';
  readonly elem: TypeExpr;
  readonly span: Span;
}

/** `(T, U)`. */
export interface TypeTuple {
  readonly kind: 'TypeTuple';
  readonly items: readonly TypeExpr[];
  readonly span: Span;
}

/** `(T, U) -> R` (`() -> R` has no parameter). */
export interface TypeFunction {
  readonly kind: 'TypeFunction';
  readonly params: readonly TypeExpr[];
  readonly result: TypeExpr;
  readonly span: Span;
}

/** `T.U`: a dotted value of the two types. */
export interface TypeDot {
  readonly kind: 'TypeDot';
  readonly left: TypeExpr;
  readonly right: TypeExpr;
  readonly span: Span;
}

/** `T => R`: a constructor or channel that takes a T to give an R. */
export interface TypeDotable {
  readonly kind: 'TypeDotable';
  readonly field: TypeExpr;
  readonly result: TypeExpr;
  readonly span: Span;
}

/** `a =>* R`: a value that takes zero or more fields to give an R. */
export interface TypeExtendable {
  readonly kind: 'TypeExtendable';
  readonly name: string;
  readonly result: TypeExpr;
  readonly span: Span;
}

/** `(| K => V |)`. */
export interface TypeMap {
  readonly kind: 'TypeMap';
  readonly key: TypeExpr;
  readonly value: TypeExpr;
  readonly span: Span;
}

// ---------------------------------------------------------------- assertions

/** FDR's refinement models: traces, failures, failures-divergences, refusal testing `R`/`RD`, revivals `V`/`VD`. */
export type RefinementModel = 'T' | 'F' | 'FD' | 'R' | 'RD' | 'V' | 'VD';
export type PropertyModel = 'T' | 'F' | 'FD';

export type Assertion = RefinementAssertion | PropertyAssertion | HasTraceAssertion;

/** `Spec [T= Impl` in any of FDR4's models: `[T=`, `[F=`, `[FD=`, `[R=`, `[RD=`, `[V=`, `[VD=`. */
export interface RefinementAssertion {
  readonly kind: 'RefinementAssertion';
  readonly model: RefinementModel;
  /** Where `[T=` (or another model's token) is written, for errors about the model. */
  readonly modelSpan?: Span;
  readonly spec: Expr;
  readonly impl: Expr;
  readonly span: Span;
}

/**
 * `P :[deadlock free [F]]`, `:[divergence free]`, `:[livelock free]` (a synonym,
 * kept as written for printing), `:[deterministic [FD]]`. `model` is null when
 * not written; the checker then uses FD, as FDR4 does.
 */
export interface PropertyAssertion {
  readonly kind: 'PropertyAssertion';
  readonly property: 'deadlock free' | 'divergence free' | 'livelock free' | 'deterministic';
  readonly model: PropertyModel | null;
  readonly process: Expr;
  readonly span: Span;
}

/** `P :[has trace]: <a, b>` (optionally `:[has trace [F]]:`). */
export interface HasTraceAssertion {
  readonly kind: 'HasTraceAssertion';
  readonly model: PropertyModel | null;
  readonly process: Expr;
  readonly trace: Expr;
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | IntLit
  | BoolLit
  | Var
  | App
  | Binary
  | Unary
  | If
  | Let
  | Lambda
  | Tuple
  | Dot
  | SetEnum
  | SetRange
  | SetComp
  | SeqEnum
  | SeqRange
  | SeqComp
  | EventSetEnum
  | EventSetComp
  | Prefix
  | Guard
  | ProcBinary
  | GenPar
  | AlphaPar
  | Hide
  | Rename
  | Replicated
  | LinkPar
  | ReplicatedLinkPar
  | ProcSetOp
  | Project
  | StringLit
  | CharLit
  | MapLit;

/** A non-negative integer literal (negative numbers are `Unary '-'`). */
export interface IntLit {
  readonly kind: 'IntLit';
  readonly value: number;
  readonly span: Span;
}

/** `true` / `false`. */
export interface BoolLit {
  readonly kind: 'BoolLit';
  readonly value: boolean;
  readonly span: Span;
}

/** A name: a variable, function, channel, constructor, datatype, or built-in (`STOP`, `union`, `Int`, `Events`...). */
export interface Var {
  readonly kind: 'Var';
  readonly name: string;
  readonly span: Span;
}

/** `f(a, b)`; curried `f(a)(b)` is App of App. */
export interface App {
  readonly kind: 'App';
  readonly fn: Expr;
  readonly args: readonly Expr[];
  readonly span: Span;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '=='
  | '!='
  | '<'
  | '>'
  | '<='
  | '>='
  | 'and'
  | 'or'
  /** sequence concatenation */
  | '^';

/** Arithmetic, comparison, boolean and `^` (concatenation). */
export interface Binary {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `-e`, `not e`, `#s` (length). */
export interface Unary {
  readonly kind: 'Unary';
  readonly op: '-' | 'not' | '#';
  readonly operand: Expr;
  readonly span: Span;
}

/** `if c then a else b`. */
export interface If {
  readonly kind: 'If';
  readonly cond: Expr;
  readonly then: Expr;
  readonly else: Expr;
  readonly span: Span;
}

/** `let decls within body` (only ValueDecl, FunctionDecl, PatternDecl, TransparentDecl, ExternalDecl inside). */
export interface Let {
  readonly kind: 'Let';
  readonly decls: readonly Decl[];
  readonly body: Expr;
  readonly span: Span;
}

/** `\ x, y @ e`. */
export interface Lambda {
  readonly kind: 'Lambda';
  readonly params: readonly Pattern[];
  readonly body: Expr;
  readonly span: Span;
}

/** `(a, b, ...)` with at least two items. */
export interface Tuple {
  readonly kind: 'Tuple';
  readonly items: readonly Expr[];
  readonly span: Span;
}

/**
 * Dotted value or event `c.1.x` (items in order, at least two). A chain
 * `a.b.c` is one Dot; a parenthesised dot inside a chain stays nested.
 */
export interface Dot {
  readonly kind: 'Dot';
  readonly items: readonly Expr[];
  readonly span: Span;
}

/** `{a, b}` (possibly empty). */
export interface SetEnum {
  readonly kind: 'SetEnum';
  readonly items: readonly Expr[];
  readonly span: Span;
}

/** `{a..b}`; `to` is null for the infinite `{a..}`. */
export interface SetRange {
  readonly kind: 'SetRange';
  readonly from: Expr;
  readonly to: Expr | null;
  readonly span: Span;
}

/** `{e1, e2 | stmts}`. */
export interface SetComp {
  readonly kind: 'SetComp';
  readonly items: readonly Expr[];
  readonly stmts: readonly Stmt[];
  readonly span: Span;
}

/** `<a, b>` and `<>`. */
export interface SeqEnum {
  readonly kind: 'SeqEnum';
  readonly items: readonly Expr[];
  readonly span: Span;
}

/** `<a..b>`; `to` is null for the infinite `<a..>`. */
export interface SeqRange {
  readonly kind: 'SeqRange';
  readonly from: Expr;
  readonly to: Expr | null;
  readonly span: Span;
}

/** `<e | stmts>`. */
export interface SeqComp {
  readonly kind: 'SeqComp';
  readonly items: readonly Expr[];
  readonly stmts: readonly Stmt[];
  readonly span: Span;
}

/** `{| c, d.1 |}`: all events that extend the items (productions). */
export interface EventSetEnum {
  readonly kind: 'EventSetEnum';
  readonly items: readonly Expr[];
  readonly span: Span;
}

/** `{| c.i | i <- S |}`. */
export interface EventSetComp {
  readonly kind: 'EventSetComp';
  readonly items: readonly Expr[];
  readonly stmts: readonly Stmt[];
  readonly span: Span;
}

/** A comprehension or replication statement: a generator or a boolean guard. */
export type Stmt = Generator | Predicate;

/** `p <- S` (or `p : S`, the form replicated operators use; `arrow` keeps what was written). */
export interface Generator {
  readonly kind: 'Generator';
  readonly pattern: Pattern;
  readonly arrow: '<-' | ':';
  readonly source: Expr;
  readonly span: Span;
}

/** A boolean filter in a comprehension. */
export interface Predicate {
  readonly kind: 'Predicate';
  readonly expr: Expr;
  readonly span: Span;
}

// ---------------------------------------------------------------- process expressions

/**
 * `event fields -> body`: `c.1?x:S!y -> P`. `event` is the part before the
 * first `?` or `!` (a Var, Dot, or any event-valued expression); `fields` are
 * the communications after it, in order.
 */
export interface Prefix {
  readonly kind: 'Prefix';
  readonly event: Expr;
  readonly fields: readonly CommField[];
  readonly body: Expr;
  readonly span: Span;
}

export type CommField = InputField | OutputField;

/**
 * `?p` or `?p:S` (binds the pattern's variables in the prefix body); `$p`,
 * `$p:S` when `nondeterministic`: the process, not its environment, chooses
 * the value (an internal choice).
 */
export interface InputField {
  readonly kind: 'InputField';
  readonly pattern: Pattern;
  readonly restriction: Expr | null;
  readonly nondeterministic?: true;
  readonly span: Span;
}

/** `!e`. */
export interface OutputField {
  readonly kind: 'OutputField';
  readonly expr: Expr;
  readonly span: Span;
}

/** `b & P`. */
export interface Guard {
  readonly kind: 'Guard';
  readonly cond: Expr;
  readonly body: Expr;
  readonly span: Span;
}

export type ProcBinaryOp = '[]' | '|~|' | ';' | '/\\' | '[>' | '|||';

/** `P [] Q`, `P |~| Q`, `P ; Q`, `P /\ Q` (interrupt), `P [> Q` (sliding choice), `P ||| Q`. */
export interface ProcBinary {
  readonly kind: 'ProcBinary';
  readonly op: ProcBinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `P [| A |] Q`. */
export interface GenPar {
  readonly kind: 'GenPar';
  readonly left: Expr;
  readonly sync: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `P [ A || B ] Q`. */
export interface AlphaPar {
  readonly kind: 'AlphaPar';
  readonly left: Expr;
  readonly leftAlpha: Expr;
  readonly rightAlpha: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `P \ A`. */
export interface Hide {
  readonly kind: 'Hide';
  readonly body: Expr;
  readonly set: Expr;
  readonly span: Span;
}

/** `P [[ a <- b, c <- d | x <- S ]]` (`stmts` empty without the comprehension part). */
export interface Rename {
  readonly kind: 'Rename';
  readonly body: Expr;
  readonly pairs: readonly RenamePair[];
  readonly stmts: readonly Stmt[];
  readonly span: Span;
}

export interface RenamePair {
  readonly kind: 'RenamePair';
  readonly from: Expr;
  readonly to: Expr;
  readonly span: Span;
}

export type ReplicatedOp = '[]' | '|~|' | '|||' | ';' | '[| |]' | '||' | '[+ +]';

/**
 * Replicated operators: `[] x:S @ P`, `|~| x:S @ P`, `||| x:S @ P`,
 * `; x:<s> @ P`, `[| A |] x:S @ P` (`sync` = A), `|| x:S @ [A(x)] P` (`alpha` = A(x)),
 * `[+ A +] x:S @ P` (synchronising external choice, `sync` = A).
 */
export interface Replicated {
  readonly kind: 'Replicated';
  readonly op: ReplicatedOp;
  readonly stmts: readonly Stmt[];
  readonly sync: Expr | null;
  readonly alpha: Expr | null;
  readonly body: Expr;
  readonly span: Span;
}

/**
 * `P [a <-> b, c.x <-> d.x | x <- S] Q`: linked parallel. Each `from` event of
 * P synchronises with the matching `to` event of Q and the pair happens as τ;
 * channels and event prefixes link all their extensions.
 */
export interface LinkPar {
  readonly kind: 'LinkPar';
  readonly left: Expr;
  readonly links: readonly LinkPair[];
  readonly stmts: readonly Stmt[];
  readonly right: Expr;
  readonly span: Span;
}

export interface LinkPair {
  readonly kind: 'LinkPair';
  readonly from: Expr;
  readonly to: Expr;
  readonly span: Span;
}

/** `[a <-> b | linkStmts] x <- <s> @ P`: P(x1) [links(x1)] (P(x2) [links(x2)] ...), over a sequence. */
export interface ReplicatedLinkPar {
  readonly kind: 'ReplicatedLinkPar';
  readonly links: readonly LinkPair[];
  readonly linkStmts: readonly Stmt[];
  readonly stmts: readonly Stmt[];
  readonly body: Expr;
  readonly span: Span;
}

/** Binary process operators parameterised by an event set. */
export type ProcSetOpKind =
  /** `P [| A |> Q`: exception — P until it performs an event of A, then Q. */
  | 'exception'
  /** `P [+ A +] Q`: synchronising external choice — events of A are synchronised, the others choose. */
  | 'syncExtChoice'
  /** `P /+ A +\ Q`: synchronising interrupt — events of A are synchronised, the others of Q interrupt P. */
  | 'syncInterrupt';

export interface ProcSetOp {
  readonly kind: 'ProcSetOp';
  readonly op: ProcSetOpKind;
  readonly left: Expr;
  readonly set: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `P |\ A`: project — P with every event outside A hidden. */
export interface Project {
  readonly kind: 'Project';
  readonly body: Expr;
  readonly set: Expr;
  readonly span: Span;
}

/** `"text"`: a sequence of characters (`<Char>`). */
export interface StringLit {
  readonly kind: 'StringLit';
  readonly value: string;
  readonly span: Span;
}

/** `'c'`: a character. */
export interface CharLit {
  readonly kind: 'CharLit';
  readonly value: string;
  readonly span: Span;
}

/** `(| k1 => v1, k2 => v2 |)`: a finite map. */
export interface MapLit {
  readonly kind: 'MapLit';
  readonly entries: readonly MapEntry[];
  readonly span: Span;
}

export interface MapEntry {
  readonly kind: 'MapEntry';
  readonly key: Expr;
  readonly value: Expr;
  readonly span: Span;
}

// ---------------------------------------------------------------- patterns

export type Pattern =
  PVar | PWildcard | PInt | PBool | PTuple | PDot | PSeqEnum | PConcat | PSet | PChar | PString | PDouble;

/** A variable (or, if the name is a constructor/channel without fields, a match against it; the checker decides). */
export interface PVar {
  readonly kind: 'PVar';
  readonly name: string;
  readonly span: Span;
}

/** `_`. */
export interface PWildcard {
  readonly kind: 'PWildcard';
  readonly span: Span;
}

/** An integer literal, possibly negative (`-1`). */
export interface PInt {
  readonly kind: 'PInt';
  readonly value: number;
  readonly span: Span;
}

/** `true` / `false`. */
export interface PBool {
  readonly kind: 'PBool';
  readonly value: boolean;
  readonly span: Span;
}

/** `(p, q)`. */
export interface PTuple {
  readonly kind: 'PTuple';
  readonly items: readonly Pattern[];
  readonly span: Span;
}

/** `A.x.y` (a constructor or channel applied to field patterns, or a dotted value). */
export interface PDot {
  readonly kind: 'PDot';
  readonly items: readonly Pattern[];
  readonly span: Span;
}

/** `<>`, `<x>`, `<x, y>`. */
export interface PSeqEnum {
  readonly kind: 'PSeqEnum';
  readonly items: readonly Pattern[];
  readonly span: Span;
}

/** `<x>^s`, `s^<x>` (at most one side may be of unknown length). */
export interface PConcat {
  readonly kind: 'PConcat';
  readonly left: Pattern;
  readonly right: Pattern;
  readonly span: Span;
}

/** `{}` or `{x}` (matches the empty set / a singleton). */
export interface PSet {
  readonly kind: 'PSet';
  readonly items: readonly Pattern[];
  readonly span: Span;
}

/** `p @@ q`: matches a value both patterns match, binding the variables of both. */
export interface PDouble {
  readonly kind: 'PDouble';
  readonly left: Pattern;
  readonly right: Pattern;
  readonly span: Span;
}

/** `'c'` in a pattern. */
export interface PChar {
  readonly kind: 'PChar';
  readonly value: string;
  readonly span: Span;
}

/** `"abc"` in a pattern (matches that sequence of characters). */
export interface PString {
  readonly kind: 'PString';
  readonly value: string;
  readonly span: Span;
}

export type Node =
  | Module
  | Decl
  | CtorDecl
  | Clause
  | Assertion
  | Expr
  | Stmt
  | CommField
  | RenamePair
  | LinkPair
  | MapEntry
  | Pattern
  | Ident;

export type NodeKind = Node['kind'];
