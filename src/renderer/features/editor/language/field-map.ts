/**
 * Positions between a workflow field's text (a behaviour, a contract, the
 * declarations…) and the generated CSPm script that holds it. The compiler
 * records where each field's text sits (`BodySpan`): its first line starts at
 * `firstColumn`, every following line at `column`. Pure.
 */
import type { BodySpan } from '../../../../engine/workflow';
import type { TextRange } from './protocol';

export interface Place {
  readonly line: number;
  readonly column: number;
}

/** 0-based offsets of each line's start. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a 0-based offset. */
export function placeOf(starts: readonly number[], offset: number): Place {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** 0-based offset of a 1-based place (clamped to the text). */
export function offsetOfPlace(starts: readonly number[], textLength: number, p: Place): number {
  const start = starts[Math.min(Math.max(p.line, 1), starts.length) - 1] ?? 0;
  return Math.min(textLength, start + Math.max(0, p.column - 1));
}

/** Where a place inside the field's text is in the generated script. */
export function toGenerated(body: BodySpan, p: Place): Place {
  return {
    line: body.startLine + p.line - 1,
    column: (p.line === 1 ? body.firstColumn : body.column) + p.column - 1,
  };
}

/** Where a place of the generated script is inside the field's text, if the field holds it. */
export function fromGenerated(body: BodySpan, p: Place): Place | undefined {
  if (p.line < body.startLine || p.line > body.endLine) return undefined;
  const first = p.line === body.startLine ? body.firstColumn : body.column;
  if (p.column < first) return undefined;
  return { line: p.line - body.startLine + 1, column: p.column - first + 1 };
}

/** A generated range inside the field, in the field's coordinates (undefined when it starts outside). */
export function rangeFromGenerated(body: BodySpan, r: TextRange): TextRange | undefined {
  const start = fromGenerated(body, { line: r.line, column: r.column });
  const end = fromGenerated(body, { line: r.endLine, column: r.endColumn });
  if (!start) return undefined;
  return {
    line: start.line,
    column: start.column,
    endLine: end?.line ?? start.line,
    endColumn: end?.column ?? start.column + 1,
  };
}
