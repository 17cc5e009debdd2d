/** Type annotations back to CSPm text, with the parentheses the grammar needs (see parse-type.ts). */
import type { TypeExpr, TypeScheme } from './ast';

const PREC_FUNCTION = 1;
const PREC_DOTABLE = 2;
const PREC_DOT = 3;
const PREC_ATOM = 4;

function prec(t: TypeExpr): number {
  switch (t.kind) {
    case 'TypeFunction':
      return PREC_FUNCTION;
    case 'TypeDotable':
    case 'TypeExtendable':
      return PREC_DOTABLE;
    case 'TypeDot':
      return PREC_DOT;
    default:
      return PREC_ATOM;
  }
}

function at(t: TypeExpr, min: number): string {
  return prec(t) < min ? `(${printType(t)})` : printType(t);
}

export function printType(t: TypeExpr): string {
  switch (t.kind) {
    case 'TypeName':
      return t.name;
    case 'TypeSet':
      return `{${printType(t.elem)}}`;
    case 'TypeSeq':
      return `<${printType(t.elem)}>`;
    case 'TypeTuple':
      return `(${t.items.map(printType).join(', ')})`;
    case 'TypeMap':
      return `(| ${at(t.key, PREC_DOT)} => ${printType(t.value)} |)`;
    case 'TypeFunction':
      return `(${t.params.map(printType).join(', ')}) -> ${at(t.result, PREC_FUNCTION)}`;
    case 'TypeDot':
      return `${at(t.left, PREC_DOT + 1)}.${at(t.right, PREC_DOT)}`;
    case 'TypeDotable':
      return `${at(t.field, PREC_DOTABLE + 1)} => ${at(t.result, PREC_DOTABLE)}`;
    case 'TypeExtendable':
      return `${t.name} =>* ${at(t.result, PREC_DOTABLE)}`;
  }
}

export function printTypeScheme(s: TypeScheme): string {
  const cs = s.constraints.map((c) => `${c.className.name} ${c.variable.name}`);
  const prefix = cs.length === 0 ? '' : cs.length === 1 ? `${cs[0]} => ` : `(${cs.join(', ')}) => `;
  return prefix + printType(s.type);
}
