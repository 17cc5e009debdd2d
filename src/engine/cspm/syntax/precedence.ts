/**
 * FDR4's binding strengths (libcspm's parser table), weakest first. The
 * printer uses the same numbers to decide where parentheses are needed.
 *
 *   \ and |\ (hiding, project)  <  |||  <  [| A |], [A || B], [a <-> b], [| A |>
 *   <  |~|  <  [] and [+ A +]  <  /\ and /+ A +\  <  [>  <  ;
 *   <  -> and &  <  ? !  <  .  <  or  <  and  <  not  <  comparisons
 *   <  + - (and unary -)  <  * / %  <  #  <  ^  <  application, [[ ]]
 *
 * `if`, `let`, lambdas and replicated operators extend as far right as possible.
 * The set after `\` or `|\` binds tighter than every binary process operator
 * (`P \ A ||| Q` is `(P \ A) ||| Q`, as in FDR) while `P ||| Q \ A` hides in both.
 */
export const Prec = {
  LOWEST: 0,
  HIDE: 1,
  INTERLEAVE: 2,
  PAR: 3,
  INTCHOICE: 4,
  EXTCHOICE: 5,
  INTERRUPT: 6,
  SLIDING: 7,
  SEQ: 8,
  PREFIX: 9,
  FIELD: 10,
  DOT: 11,
  COLON: 12,
  OR: 13,
  AND: 14,
  NOT: 15,
  CMP: 16,
  ADD: 17,
  MUL: 18,
  HASH: 19,
  CONCAT: 20,
  APP: 21,
  ATOM: 22,
} as const;

export type Assoc = 'left' | 'right';

export interface InfixInfo {
  readonly prec: number;
  readonly assoc: Assoc;
}

/** Infix and postfix tokens. `>` is excluded inside a sequence literal (it closes it). */
export const INFIX: Readonly<Record<string, InfixInfo>> = {
  '\\': { prec: Prec.HIDE, assoc: 'left' },
  '|\\': { prec: Prec.HIDE, assoc: 'left' },
  '|||': { prec: Prec.INTERLEAVE, assoc: 'left' },
  '[|': { prec: Prec.PAR, assoc: 'left' },
  '[': { prec: Prec.PAR, assoc: 'left' },
  '|~|': { prec: Prec.INTCHOICE, assoc: 'left' },
  '[]': { prec: Prec.EXTCHOICE, assoc: 'left' },
  '[+': { prec: Prec.EXTCHOICE, assoc: 'left' },
  '/\\': { prec: Prec.INTERRUPT, assoc: 'left' },
  '/+': { prec: Prec.INTERRUPT, assoc: 'left' },
  '[>': { prec: Prec.SLIDING, assoc: 'left' },
  ';': { prec: Prec.SEQ, assoc: 'left' },
  '->': { prec: Prec.PREFIX, assoc: 'right' },
  '&': { prec: Prec.PREFIX, assoc: 'right' },
  '?': { prec: Prec.FIELD, assoc: 'left' },
  '!': { prec: Prec.FIELD, assoc: 'left' },
  $: { prec: Prec.FIELD, assoc: 'left' },
  '.': { prec: Prec.DOT, assoc: 'right' },
  or: { prec: Prec.OR, assoc: 'left' },
  and: { prec: Prec.AND, assoc: 'left' },
  '==': { prec: Prec.CMP, assoc: 'left' },
  '!=': { prec: Prec.CMP, assoc: 'left' },
  '<': { prec: Prec.CMP, assoc: 'left' },
  '>': { prec: Prec.CMP, assoc: 'left' },
  '<=': { prec: Prec.CMP, assoc: 'left' },
  '>=': { prec: Prec.CMP, assoc: 'left' },
  '+': { prec: Prec.ADD, assoc: 'left' },
  '-': { prec: Prec.ADD, assoc: 'left' },
  '*': { prec: Prec.MUL, assoc: 'left' },
  '/': { prec: Prec.MUL, assoc: 'left' },
  '%': { prec: Prec.MUL, assoc: 'left' },
  '^': { prec: Prec.CONCAT, assoc: 'left' },
  '(': { prec: Prec.APP, assoc: 'left' },
  '[[': { prec: Prec.APP, assoc: 'left' },
};
