/**
 * Maps document paths (`processes[2].ports[0].type`) onto positions in a
 * parsed YAML document, so every diagnostic can carry a line and column. A
 * path that does not exist (a missing key) lands on its nearest ancestor.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';

/** `a.b[2].c` / `layout["x y"]` back to segments. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}

function keyValue(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

/**
 * The YAML node at `path` (or the key of its last segment when `atKey`), or the
 * deepest existing ancestor.
 */
export function nodeAt(doc: Document, path: readonly (string | number)[], atKey = false): YamlNode | undefined {
  let node: unknown = doc.contents;
  let last: YamlNode | undefined = (doc.contents ?? undefined) as YamlNode | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && String(keyValue(p.key)) === String(seg));
      if (!pair) return last;
      if (atKey && i === path.length - 1 && pair.key && typeof pair.key === 'object') return pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else return last;
    if (node && typeof node === 'object' && 'range' in node) last = node as YamlNode;
    else return last;
  }
  return last;
}

export function positionOf(
  doc: Document,
  counter: LineCounter,
  path: readonly (string | number)[],
  atKey = false,
): { line: number; column: number } | undefined {
  const node = nodeAt(doc, path, atKey);
  const offset = node?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = counter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
