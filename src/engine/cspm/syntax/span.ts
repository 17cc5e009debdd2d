/**
 * Line/column bookkeeping for one source text. Offsets are UTF-16 indices;
 * lines and columns are 1-based (Monaco's convention), endColumn exclusive.
 */
import type { Span } from './ast';

export class SourceMap {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** 1-based line and column of an offset (binary search over line starts). */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  span(offset: number, end: number): Span {
    const a = this.position(offset);
    const b = this.position(end);
    return { file: this.file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column, offset, end };
  }
}

/** The smallest span covering both (same file assumed). */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.offset <= b.offset ? a : b;
  const last = a.end >= b.end ? a : b;
  return {
    file: a.file,
    line: first.line,
    column: first.column,
    endLine: last.endLine,
    endColumn: last.endColumn,
    offset: first.offset,
    end: last.end,
  };
}
