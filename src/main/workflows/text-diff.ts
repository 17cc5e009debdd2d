/**
 * Line diff of two texts as unified hunks (the history view's "text" tab),
 * by Myers' O(ND) algorithm. It gives up (returns undefined) when the texts
 * differ by more than `maxEdits` lines, so a diff of two unrelated versions
 * costs a bounded amount of work; the structural diff still answers then.
 */

export interface DiffLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
}

export interface DiffHunk {
  /** 1-based first line in the old text (0 when the hunk has no old lines), and how many. */
  readonly fromLine: number;
  readonly fromCount: number;
  readonly toLine: number;
  readonly toCount: number;
  readonly lines: DiffLine[];
}

export const DEFAULT_MAX_EDITS = 2_000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The edit script (every line of both texts, in order), or undefined past maxEdits. */
export function diffLines(
  a: readonly string[],
  b: readonly string[],
  maxEdits = DEFAULT_MAX_EDITS,
): DiffLine[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;
  // Walk the trace back from (n, m) to (0, 0).
  const out: DiffLine[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (prev[offset + k - 1] as number) < (prev[offset + k + 1] as number));
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: ' ', text: a[--x] as string });
      y--;
    }
    if (down) out.push({ op: '+', text: b[--y] as string });
    else out.push({ op: '-', text: a[--x] as string });
  }
  while (x > 0 && y > 0) {
    out.push({ op: ' ', text: a[--x] as string });
    y--;
  }
  return out.reverse();
}

/** Unified hunks with `context` unchanged lines around each change; [] for equal texts. */
export function textDiff(
  before: string,
  after: string,
  context = 3,
  maxEdits = DEFAULT_MAX_EDITS,
): DiffHunk[] | undefined {
  const script = diffLines(splitLines(before), splitLines(after), maxEdits);
  if (script === undefined) return undefined;
  const hunks: DiffHunk[] = [];
  let i = 0;
  let oldLine = 1;
  let newLine = 1;
  const positions = script.map((l) => {
    const at = { oldLine, newLine };
    if (l.op !== '+') oldLine++;
    if (l.op !== '-') newLine++;
    return at;
  });
  while (i < script.length) {
    if (script[i]?.op === ' ') {
      i++;
      continue;
    }
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2 × context unchanged lines.
    for (let j = i; j < script.length; j++) {
      if (script[j]?.op !== ' ') end = j;
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(script.length, end + context + 1);
    const lines = script.slice(start, stop);
    const first = positions[start] as { oldLine: number; newLine: number };
    const fromCount = lines.filter((l) => l.op !== '+').length;
    const toCount = lines.filter((l) => l.op !== '-').length;
    hunks.push({
      fromLine: fromCount === 0 ? first.oldLine - 1 : first.oldLine,
      fromCount,
      toLine: toCount === 0 ? first.newLine - 1 : first.newLine,
      toCount,
      lines,
    });
    i = stop;
  }
  return hunks;
}
