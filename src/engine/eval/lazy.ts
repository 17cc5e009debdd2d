/**
 * Infinite sequences, evaluated on demand as FDR's lazy lists are: `<n..>`,
 * comprehensions drawing from one, their tails and concatenations. Only the
 * items a computation looks at are made (`head(<x | x <- <0..>, x % 2 == 1>)`
 * is 1). Anything that needs the whole sequence (its length, a set of it,
 * comparing it) is CSP3005, since it never ends.
 */
import type { Span } from '../cspm/syntax/ast';
import type { LazySeqValue, SeqValue, Value } from '../csp/values';
import { fail } from './errors';
import { INT_MAX } from './value-ops';

let nextId = 0;

/** A sequence whose items `items` yields (memoised); `infinite` when it never ends. */
export function lazySeq(text: string, items: Iterator<Value>): LazySeqValue {
  const cache: Value[] = [];
  let done = false;
  return {
    t: 'lseq',
    id: nextId++,
    text,
    at(i: number): Value | undefined {
      while (cache.length <= i && !done) {
        const r = items.next();
        if (r.done === true) done = true;
        else cache.push(r.value);
      }
      return cache[i];
    },
  };
}

/** `<from..>`. */
export function upFrom(from: number): LazySeqValue {
  return lazySeq(
    `<${from}..>`,
    (function* (): Iterator<Value> {
      for (let i = from; i <= INT_MAX; i++) yield i;
    })(),
  );
}

/** The items of a sequence, finite or not, one at a time. */
export function* itemsOf(v: SeqValue | LazySeqValue): Generator<Value> {
  if (v.t === 'seq') {
    yield* v.items;
    return;
  }
  for (let i = 0; ; i++) {
    const x = v.at(i);
    if (x === undefined) return;
    yield x;
  }
}

/** Everything after the first n items. */
export function drop(v: LazySeqValue, n: number): LazySeqValue {
  return lazySeq(
    `tail(${v.text})`,
    (function* (): Iterator<Value> {
      for (let i = n; ; i++) {
        const x = v.at(i);
        if (x === undefined) return;
        yield x;
      }
    })(),
  );
}

/** `a ^ b` when either is lazy. */
export function append(a: SeqValue | LazySeqValue, b: SeqValue | LazySeqValue): LazySeqValue {
  const text = `${a.t === 'lseq' ? a.text : '<…>'} ^ ${b.t === 'lseq' ? b.text : '<…>'}`;
  return lazySeq(
    text,
    (function* (): Iterator<Value> {
      yield* itemsOf(a);
      yield* itemsOf(b);
    })(),
  );
}

/** A lazy sequence used where every item is needed. */
export function refuseWhole(v: LazySeqValue, span: Span): never {
  return fail('CSP3005', span, { set: v.text, where: 'here (the sequence never ends)' });
}
