import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch } from './fuzzy';

describe('fuzzyMatch', () => {
  it('matches characters in order, case-insensitively, and gives their positions', () => {
    expect(fuzzyMatch('tp', 'Toggle Panel')?.positions).toEqual([0, 7]);
    expect(fuzzyMatch('PANEL', 'Toggle Panel')).toBeDefined();
    expect(fuzzyMatch('pt', 'Toggle Panel')).toBeUndefined();
    expect(fuzzyMatch('xyz', 'Toggle Panel')).toBeUndefined();
  });

  it('ignores spaces in the query and matches everything when empty', () => {
    expect(fuzzyMatch('tog pan', 'Toggle Panel')).toBeDefined();
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, positions: [] });
  });
});

describe('fuzzyFilter', () => {
  const titles = ['View: Reset Layout', 'View: Toggle Panel', 'Edit: Undo', 'File: Open Example…', 'Edit: Undo Close'];

  it('puts word-start matches first', () => {
    expect(fuzzyFilter(titles, 'tp', (t) => t)[0]?.item).toBe('View: Toggle Panel');
    expect(fuzzyFilter(titles, 'oe', (t) => t)[0]?.item).toBe('File: Open Example…');
  });

  it('prefers a match in the title to one in the category only', () => {
    const run = ['Run: Step', 'Run: Stop', 'Run: Pause', 'Run: Run / Continue', 'Check: Run All Checks'];
    const ranked = fuzzyFilter(run, 'run', (t) => t).map((r) => r.item);
    expect(ranked.slice(0, 2)).toEqual(['Run: Run / Continue', 'Check: Run All Checks']);
    expect(ranked).toHaveLength(5);
    expect(fuzzyMatch('run', 'Run: Run / Continue')?.positions).toEqual([5, 6, 7]);
    expect(fuzzyFilter(titles, 'tog pan', (t) => t)[0]?.item).toBe('View: Toggle Panel');
  });

  it('prefers the shorter title on a tie and keeps order without a query', () => {
    expect(fuzzyFilter(titles, 'undo', (t) => t).map((r) => r.item)).toEqual(['Edit: Undo', 'Edit: Undo Close']);
    expect(fuzzyFilter(titles, '', (t) => t).map((r) => r.item)).toEqual(titles);
  });
});
