/**
 * A channel's events that start with given components, memoised per channel and prefix.
 *
 * Prefixes (`c.a?x`) and `{| c.a |}` / `productions(c.a)` ask for them. The first
 * component is grouped for all events in one pass: asking `{| thinks.i |}` for each of
 * N values of i by filtering all of the channel's events would be O(N²).
 */
import { keyOf, type Value } from '../csp/values';
import type { ChannelEvent, ChannelInfo } from './evaluator';
import { dot } from './value-ops';

interface Index {
  /** Whether every one-component prefix has been filled in (a miss then means: no event). */
  grouped: boolean;
  readonly byPrefix: Map<string, readonly ChannelEvent[]>;
}

const indexes = new WeakMap<ChannelInfo, Index>();

export function candidatesWith(info: ChannelInfo, pre: readonly Value[]): readonly ChannelEvent[] {
  const all = info.events ?? [];
  if (pre.length === 0) return all;
  let index = indexes.get(info);
  if (index === undefined) indexes.set(info, (index = { grouped: false, byPrefix: new Map() }));
  const key = keyOf(dot(pre));
  let found = index.byPrefix.get(key);
  if (found !== undefined) return found;
  if (pre.length === 1) {
    if (!index.grouped) groupByFirst(all, index);
    found = index.byPrefix.get(key) ?? [];
  } else {
    // Narrow from the one-shorter prefix: input loops ask for growing prefixes.
    found = candidatesWith(info, pre.slice(0, -1)).filter((c) => startsWithKeys(c.items, pre));
  }
  index.byPrefix.set(key, found);
  return found;
}

function groupByFirst(all: readonly ChannelEvent[], index: Index): void {
  const groups = new Map<string, ChannelEvent[]>();
  for (const c of all) {
    if (c.items.length === 0) continue;
    const key = keyOf(dot(c.items.slice(0, 1)));
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [c]);
    else group.push(c);
  }
  for (const [key, group] of groups) if (!index.byPrefix.has(key)) index.byPrefix.set(key, group);
  index.grouped = true;
}

export function startsWithKeys(items: readonly Value[], prefix: readonly Value[]): boolean {
  if (prefix.length > items.length) return false;
  for (let i = 0; i < prefix.length; i++) if (keyOf(items[i] as Value) !== keyOf(prefix[i] as Value)) return false;
  return true;
}
