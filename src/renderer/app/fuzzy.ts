/**
 * Fuzzy matching for the command palette: the query's characters must appear
 * in order; matches at word starts and in runs score higher, so "tog pan"
 * finds "Toggle Panel" before "Reset Layout". Pure and unit-tested.
 */

export interface FuzzyMatch {
  readonly score: number;
  /** Indexes of the matched characters in the text (for highlighting). */
  readonly positions: readonly number[];
}

function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const prev = text[i - 1] ?? '';
  const here = text[i] ?? '';
  return /[\s:./_-]/.test(prev) || (/[a-z]/.test(prev) && /[A-Z]/.test(here));
}

/**
 * Undefined when `query` does not match `text`. Spaces in the query are ignored. A text of the
 * form "Category: Title" (the palette's) is matched in its title too, and a match there counts
 * more: "run" puts "Run: Run / Continue" before "Run: Step", whose only "run" is its category
 * (greedy from the left, every Run command matched its category alike and the shortest won).
 */
export function fuzzyMatch(query: string, text: string): FuzzyMatch | undefined {
  const whole = matchFrom(query, text);
  const colon = text.indexOf(': ');
  if (whole === undefined || colon < 0) return whole;
  const inTitle = matchFrom(query, text.slice(colon + 2));
  if (inTitle === undefined || inTitle.score + TITLE_BONUS <= whole.score) return whole;
  return {
    score: inTitle.score + TITLE_BONUS - (colon + 2) * 0.01,
    positions: inTitle.positions.map((p) => p + colon + 2),
  };
}

const TITLE_BONUS = 2;

function matchFrom(query: string, text: string): FuzzyMatch | undefined {
  const q = query.replace(/\s+/g, '').toLowerCase();
  if (q === '') return { score: 0, positions: [] };
  const lower = text.toLowerCase();
  const positions: number[] = [];
  let score = 0;
  let from = 0;
  for (const ch of q) {
    // Prefer the next word start holding this character; else the next occurrence.
    let at = -1;
    for (let i = lower.indexOf(ch, from); i !== -1; i = lower.indexOf(ch, i + 1)) {
      if (isWordStart(text, i) || i === from) {
        at = i;
        break;
      }
    }
    if (at === -1) at = lower.indexOf(ch, from);
    if (at === -1) return undefined;
    const prev = positions[positions.length - 1];
    score += 1;
    if (isWordStart(text, at)) score += 8;
    if (prev !== undefined && at === prev + 1) score += 5;
    score -= Math.min(3, at - from) * 0.5;
    positions.push(at);
    from = at + 1;
  }
  // Shorter texts win ties: "Undo" before "Undo Close Panel".
  score -= text.length * 0.01;
  return { score, positions };
}

/** Items that match, best first; ties keep their input order. */
export function fuzzyFilter<T>(
  items: readonly T[],
  query: string,
  textOf: (item: T) => string,
): Array<{ item: T; match: FuzzyMatch }> {
  const out: Array<{ item: T; match: FuzzyMatch; index: number }> = [];
  items.forEach((item, index) => {
    const match = fuzzyMatch(query, textOf(item));
    if (match) out.push({ item, match, index });
  });
  if (query.trim() !== '') out.sort((a, b) => b.match.score - a.match.score || a.index - b.index);
  return out.map(({ item, match }) => ({ item, match }));
}
