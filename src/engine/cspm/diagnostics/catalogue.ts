/**
 * The one numbered catalogue of CSPm diagnostics. Ranges:
 *   CSP1xxx lexer and parser         (src/engine/cspm/syntax)
 *   CSP2xxx names and types          (src/engine/cspm/check)
 *   CSP3xxx evaluation               (src/engine/eval)
 *   CSP4xxx checker (refinement etc.) (src/engine/check)
 *
 * To add a code: append an entry in your range. `template` uses `{name}`
 * placeholders filled from the `args` given to `makeDiagnostic`. Codes are
 * stable: never renumber or reuse one (tests, docs and users refer to them).
 */
export type Severity = 'error' | 'warning' | 'info';

export interface CatalogueEntry {
  readonly severity: Severity;
  readonly template: string;
}

export const catalogue = {
  // ------------------------------------------------ 1xxx: lexer and parser
  CSP1001: { severity: 'error', template: "unexpected character '{char}'" },
  CSP1002: { severity: 'error', template: 'unterminated string literal' },
  CSP1003: { severity: 'error', template: "unterminated block comment: '{-' has no matching '-}'" },
  CSP1004: { severity: 'error', template: 'expected {expected}, found {found}' },
  CSP1005: { severity: 'error', template: "missing '{close}' to close '{open}'" },
  CSP1006: { severity: 'error', template: 'not supported yet: {construct}' },
  CSP1007: { severity: 'error', template: 'cannot include "{path}": {reason}' },
  CSP1008: { severity: 'error', template: 'include cycle: "{path}" is already being included' },
  CSP1009: { severity: 'error', template: 'invalid pattern: {what} cannot be used as a pattern' },
  CSP1010: { severity: 'error', template: "unknown {what} '{name}' in assertion (expected {expected})" },
  CSP1011: { severity: 'error', template: 'integer literal {text} is too large' },
  CSP1012: { severity: 'error', template: 'expected a declaration, found {found}' },
  CSP1013: { severity: 'error', template: "'{what}' is not allowed inside 'let'" },
  CSP1014: { severity: 'error', template: 'invalid left-hand side of a definition: {what}' },
  CSP1020: { severity: 'error', template: "'{what}' is not allowed inside a module" },
  CSP1021: { severity: 'error', template: "unknown type class '{name}' (known: {known})" },
  CSP1023: { severity: 'error', template: "assertion option '{name}' is given more than once" },
  CSP1024: {
    severity: 'error',
    template: "a nondeterministic input '$' cannot follow an input '?' (the process chooses before its environment)",
  },
  CSP1025: { severity: 'error', template: "'@@' joins two patterns (a value matching both); it is not an expression" },
  CSP1026: { severity: 'error', template: "'_' matches anything in a pattern; it is not an expression" },
  CSP1022: { severity: 'error', template: "a function type's parameters must be in parentheses: '(T) -> U'" },

  CSP1030: { severity: 'error', template: 'the pretty-printer does not round-trip this script: {what}' },

  CSP1090: { severity: 'error', template: "'{what}' is not allowed inside a timed section" },

  // ------------------------------------------------ 2xxx: names and types
  CSP2001: { severity: 'error', template: "undefined name '{name}'{suggestion}" },
  CSP2002: { severity: 'error', template: "'{name}' is defined more than once" },
  CSP2003: { severity: 'error', template: "'{name}' takes {expected} argument(s) but is given {actual}" },
  CSP2004: { severity: 'error', template: 'type mismatch: expected {expected}, found {actual}' },
  CSP2005: { severity: 'error', template: "'{name}' is not a function (its type is {type})" },
  CSP2006: { severity: 'error', template: "unknown compression function '{name}' (known: {known})" },
  // CSP2010 retired before release (never emitted); do not reuse.
  CSP2007: {
    severity: 'error',
    template: "the clauses of '{name}' have different numbers of arguments ({expected} and {actual})",
  },
  CSP2008: { severity: 'error', template: "too many fields after '{name}': it has {expected} field(s)" },
  CSP2009: { severity: 'error', template: "'{name}' is bound more than once in the same pattern" },
  CSP2011: { severity: 'error', template: 'type mismatch: {expected} would contain itself (infinite type)' },
  CSP2012: { severity: 'warning', template: "'{name}' shadows the built-in of the same name" },
  CSP2013: { severity: 'error', template: "not supported yet: built-in '{name}'" },
  CSP2020: { severity: 'error', template: "undefined module '{name}'" },
  CSP2021: { severity: 'error', template: "'{name}' is private to module '{module}' (it is not exported)" },
  CSP2022: {
    severity: 'error',
    template: "module '{name}' has parameters: only its instances ('instance N = {name}(...)') have values",
  },
  CSP2023: { severity: 'error', template: "'{name}' is a module, not a value" },
  CSP2024: {
    severity: 'error',
    template:
      "'{name}' is an instance of module '{module}' used inside that module (an instance cannot contain itself)",
  },
  CSP2025: { severity: 'error', template: "'{name}' is not a module" },
  CSP2037: {
    severity: 'error',
    template:
      "module '{module}' depends on one of its own instances (through '{name}'): an instance would contain itself",
  },
  CSP2027: { severity: 'error', template: "'{name}' has more than one type annotation" },
  CSP2028: {
    severity: 'error',
    template: "type annotation for '{name}', which is not defined in the same declarations",
  },
  CSP2029: { severity: 'error', template: "'{name}' before '=>*' must be a type variable" },
  CSP2030: {
    severity: 'error',
    template: "the constraint's type variable '{name}' does not occur in the annotated type",
  },
  CSP2031: {
    severity: 'error',
    template: 'channels {names} are declared together but annotated separately (give them one annotation)',
  },
  CSP2032: { severity: 'error', template: 'type mismatch: {type} does not allow {what}' },
  CSP2033: {
    severity: 'error',
    template: 'the type of this field is ambiguous ({type}): give a non-empty set of values of one known type',
  },
  CSP2034: {
    severity: 'error',
    template: 'this set holds values that still take fields ({type}): give complete values (e.g. {B.x | x <- S})',
  },
  CSP2035: {
    severity: 'error',
    template: 'in a pattern s ^ t one side must have a fixed length (<x> ^ s, s ^ <x, y>)',
  },
  CSP2036: {
    severity: 'error',
    template:
      "'@@' is not allowed in the pattern of an input ('?' or '$'); bind the whole value and match it in a function",
  },
  CSP2026: {
    severity: 'error',
    template: "'{name}' is not a constructor (a subtype lists constructors of one datatype)",
  },

  CSP2090: { severity: 'error', template: 'a timed section needs a channel tock: {why}' },
  CSP2091: {
    severity: 'error',
    template: '{what} is not allowed in a timed section (FDR cannot translate it to tock-CSP)',
  },

  // ------------------------------------------------ 3xxx: evaluation (src/engine/eval)
  CSP3001: { severity: 'error', template: 'division by zero in {expr}' },
  CSP3002: { severity: 'error', template: 'integer overflow: {expr} = {value} is outside the 32-bit range' },
  CSP3003: { severity: 'error', template: '{fn} of an empty sequence' },
  CSP3004: { severity: 'error', template: "{value} is outside the type of channel '{channel}'" },
  CSP3005: { severity: 'error', template: 'infinite set {set} cannot be enumerated {where}' },
  CSP3006: { severity: 'error', template: 'replicated internal choice over an empty set' },
  CSP3007: { severity: 'error', template: "unbounded recursion evaluating '{name}' ({why})" },
  CSP3008: { severity: 'error', template: 'expected {expected}, found {actual}' },
  CSP3009: { severity: 'error', template: "no clause of '{name}' matches the arguments ({args})" },
  CSP3010: { severity: 'error', template: 'unguarded recursion: {name} unfolds to itself without an event in between' },
  CSP3011: { severity: 'error', template: 'pattern {pattern} does not match the value {value}' },
  CSP3012: { severity: 'error', template: '{value} is not an event' },
  CSP3013: { severity: 'error', template: "'{name}' has no value here" },
  CSP3014: { severity: 'error', template: '{fn}: {problem}' },
  CSP3015: {
    severity: 'info',
    template:
      "compression '{name}' is applied as the identity (it preserves the semantics; it does not reduce states yet)",
  },
  CSP3016: { severity: 'error', template: 'linked parallel: {event} is linked more than once on the {side} side' },
  CSP3017: { severity: 'error', template: 'replicated linked parallel over an empty sequence' },
  CSP3018: { severity: 'error', template: 'error: {message}' },
  CSP3019: { severity: 'error', template: "{value} is not in field {index} of '{name}' (its values are {set})" },
  CSP3030: {
    severity: 'error',
    template:
      'the field set {set} is not rectangular: a set of dotted values used as a type must be a product of one set per component (as FDR requires)',
  },
  // ------------------------------------------------ 4xxx: checker (src/engine/check)
  CSP4001: { severity: 'error', template: 'state limit reached after {states} states: the assertion was not decided' },
  CSP4002: {
    severity: 'error',
    template: 'time limit of {seconds} s reached after {states} states: the assertion was not decided',
  },
  CSP4003: { severity: 'error', template: 'check cancelled after {states} states' },
  CSP4004: {
    severity: 'error',
    template: 'component {name} has more than {limit} states and cannot be compiled to a table',
  },
  CSP4005: { severity: 'error', template: 'the process network needs more than {limit} synchronisation rules' },
  CSP4006: { severity: 'error', template: 'event {event} in the trace is not an event of this script' },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof catalogue;

/** Read an entry by a code that may have been appended by another phase. */
export function catalogueEntry(code: DiagnosticCode): CatalogueEntry {
  return catalogue[code];
}
