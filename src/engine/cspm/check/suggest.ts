/** "Did you mean" for undefined names: the closest visible or built-in name within two edits. */
import { BUILTINS } from './builtins';

/** Anything that can list the names visible at a point (a Scope). */
export interface VisibleNames {
  visible(): string[];
}

/** Edit distance, cut off early: only near misses matter for a suggestion. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** `; did you mean 'x'?` for the closest visible or built-in name within two edits (case-insensitive match first). */
export function suggest(name: string, scope: VisibleNames): string {
  if (name === '_') return " ('_' is only allowed in patterns)";
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of [...scope.visible(), ...BUILTINS.keys()]) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : distance(name, candidate);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && name.length > 1 ? `; did you mean '${best}'?` : '';
}
