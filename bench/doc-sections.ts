/**
 * docs/benchmarks.md is shared: each benchmark owns the text between its
 * `<!-- bench:ID:start -->` and `<!-- bench:ID:end -->` markers, and people
 * write notes around them by hand. A rerun replaces only the sections it
 * measured, in place; everything else in the file, inside or outside other
 * markers, is kept as it is.
 */

export const DOC_HEADER =
  '# Benchmarks\n\nWritten by `npm run bench` (each section by its own benchmark; `npm run bench -- --only ID` reruns one).\nPeers run in the same process run, interleaved, median of the repetitions with the spread.\n\n';

export function sectionMarkers(id: string): [string, string] {
  return [`<!-- bench:${id}:start -->`, `<!-- bench:${id}:end -->`];
}

/** The body of each section in `text`, by benchmark id. */
export function readSections(text: string): Map<string, string> {
  const sections = new Map<string, string>();
  const re = /<!-- bench:([\w-]+):start -->\n([\s\S]*?)<!-- bench:\1:end -->/g;
  for (const m of text.matchAll(re)) sections.set(m[1]!, m[2]!);
  return sections;
}

/**
 * `text` with each section in `updates` replaced in place; a section the file does not have yet
 * is added at the end. An empty `text` starts from the header.
 */
export function replaceSections(text: string, updates: ReadonlyMap<string, string>): string {
  let out = text === '' ? DOC_HEADER : text;
  for (const [id, body] of updates) {
    const [start, end] = sectionMarkers(id);
    const from = out.indexOf(`${start}\n`);
    const to = from < 0 ? -1 : out.indexOf(end, from);
    if (from >= 0 && to >= 0) {
      out = out.slice(0, from + start.length + 1) + body + out.slice(to);
    } else {
      out = `${out.replace(/\n*$/, '\n')}\n${start}\n${body}${end}\n`;
    }
  }
  return out;
}
