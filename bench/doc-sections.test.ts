/** Rewriting docs/benchmarks.md keeps everything but the sections measured now. */
import { describe, expect, it } from 'vitest';
import { DOC_HEADER, readSections, replaceSections } from './doc-sections';

const doc = [
  '# Benchmarks',
  '',
  '<!-- bench:a:start -->',
  '## A',
  'old a',
  '<!-- bench:a:end -->',
  '',
  'A note written by hand between sections.',
  '',
  '<!-- bench:b:start -->',
  '## B',
  'old b',
  '<!-- bench:b:end -->',
  '',
  '### Hand-written after the last section',
  '',
].join('\n');

describe('benchmark doc sections', () => {
  it('replaces a measured section in place and keeps the rest, hand-written text too', () => {
    const out = replaceSections(doc, new Map([['a', '## A\nnew a\n']]));
    expect(out).toBe(doc.replace('old a', 'new a'));
    expect(readSections(out).get('b')).toBe('## B\nold b\n');
  });

  it('adds a new section at the end, after the hand-written text', () => {
    const out = replaceSections(doc, new Map([['c', '## C\nc\n']]));
    expect(out.startsWith(doc.trimEnd())).toBe(true);
    expect(
      out.endsWith(
        '### Hand-written after the last section\n\n<!-- bench:c:start -->\n## C\nc\n<!-- bench:c:end -->\n',
      ),
    ).toBe(true);
    expect([...readSections(out).keys()]).toEqual(['a', 'b', 'c']);
  });

  it('starts a missing file from the header', () => {
    const out = replaceSections('', new Map([['a', 'x\n']]));
    expect(out.startsWith(DOC_HEADER)).toBe(true);
    expect(readSections(out).get('a')).toBe('x\n');
  });
});
