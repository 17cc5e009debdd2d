/** Strings are sequences of characters: `"ab"` is `<'a', 'b'>` (one character per code point). */
import type { Value } from '../csp/values';

export function stringValue(text: string): Value {
  return { t: 'seq', items: [...text].map((c) => ({ t: 'char' as const, c })) };
}
