/**
 * Relative links in the project's Markdown must resolve: a link to a file
 * names a file or folder that exists, and a `#anchor` into a Markdown file
 * names one of its headings (GitHub's anchor rule). External links
 * (`https:`, `mailto:` …) are not followed. Used by doc-links.test.ts over
 * README.md, CONTRIBUTING.md, docs/*.md and every folder README.md.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface LinkProblem {
  /** Path of the Markdown file, relative to the root given. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly column: number;
  readonly target: string;
  readonly message: string;
}

/** Folders never searched for READMEs: dependencies, build output, artefacts. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'out',
  'dist',
  '.git',
  '.data',
  'test-results',
  'playwright-report',
  'artifacts',
]);

/** The Markdown files whose links are checked, relative to `root`, sorted. */
export function documentedFiles(root: string): string[] {
  const files = new Set<string>();
  for (const top of ['README.md', 'CONTRIBUTING.md']) if (existsSync(join(root, top))) files.add(top);
  const docs = join(root, 'docs');
  if (existsSync(docs)) for (const f of readdirSync(docs)) if (f.endsWith('.md')) files.add(`docs/${f}`);
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (entry.name === 'README.md') files.add(relative(root, join(dir, entry.name)).split('\\').join('/'));
    }
  };
  walk(root);
  return [...files].sort();
}

/**
 * GitHub's anchor for a heading: the rendered text lower-cased, everything
 * but letters, digits, `_`, `-` and spaces dropped, spaces turned into `-`.
 */
export function headingSlug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images keep their text
    .replace(/[`*]/g, '')
    .replace(/<[^>]+>/g, '');
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Blank out fenced blocks and code spans (same length, so columns stay right). */
function withoutCode(text: string): string[] {
  const lines = text.split('\n');
  let fence: string | undefined;
  return lines.map((line) => {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      return ' '.repeat(line.length);
    }
    if (marker !== undefined) {
      fence = marker;
      return ' '.repeat(line.length);
    }
    return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, (span) => ' '.repeat(span.length));
  });
}

/** The anchors a Markdown text defines: its ATX headings (numbered on repeats, as GitHub does) and explicit ids. */
export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const raw = text.split('\n');
  withoutCode(text).forEach((blanked, i) => {
    for (const m of blanked.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
    if (!/^\s{0,3}#{1,6}\s/.test(blanked)) return;
    // Slug from the raw line: code spans count as heading text.
    const heading = raw[i]!.replace(/^\s{0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, '');
    const slug = headingSlug(heading);
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  });
  return anchors;
}

/** Every link target in a Markdown text with its position: inline links, images and reference definitions. */
export function linksOf(text: string): { target: string; line: number; column: number }[] {
  const out: { target: string; line: number; column: number }[] = [];
  withoutCode(text).forEach((line, i) => {
    for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1]!.replace(/^<|>$/g, '');
      out.push({ target, line: i + 1, column: m.index + m[0].indexOf(m[1]!) + 1 });
    }
    const def = /^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
    if (def) out.push({ target: def[1]!.replace(/^<|>$/g, ''), line: i + 1, column: def[0].indexOf(def[1]!) + 1 });
  });
  return out;
}

const isExternal = (target: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//');

/** Problems with the relative links of `files` (paths relative to `root`). */
export function checkLinks(root: string, files: readonly string[]): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const anchorCache = new Map<string, Set<string>>();
  const anchorsIn = (path: string): Set<string> => {
    let a = anchorCache.get(path);
    if (a === undefined) anchorCache.set(path, (a = anchorsOf(readFileSync(path, 'utf8'))));
    return a;
  };
  for (const file of files) {
    const path = join(root, file);
    for (const link of linksOf(readFileSync(path, 'utf8'))) {
      if (isExternal(link.target)) continue;
      const hash = link.target.indexOf('#');
      const pathPart = decodeURIComponent(hash < 0 ? link.target : link.target.slice(0, hash));
      const anchor = hash < 0 ? undefined : decodeURIComponent(link.target.slice(hash + 1));
      const targetPath = pathPart === '' ? path : resolve(dirname(path), pathPart.split('?')[0]!);
      const problem = (message: string): void => {
        problems.push({ file, line: link.line, column: link.column, target: link.target, message });
      };
      if (!existsSync(targetPath)) {
        problem(`no such file: ${relative(root, targetPath) || '.'}`);
        continue;
      }
      if (anchor === undefined || anchor === '' || !targetPath.endsWith('.md') || statSync(targetPath).isDirectory())
        continue;
      if (!anchorsIn(targetPath).has(anchor)) problem(`no heading "#${anchor}" in ${relative(root, targetPath)}`);
    }
  }
  return problems;
}

/** Source files whose comments may point at the docs (`docs/cspm.md#diagnostics`). */
const SOURCE_FILE = /\.(?:[cm]?[jt]sx?|ya?ml|csp)$/;

/** Source files under `dirs` (relative to `root`), skipping dependencies and build output. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (SOURCE_FILE.test(entry.name)) out.push(relative(root, join(dir, entry.name)).split('\\').join('/'));
    }
  };
  for (const d of dirs) if (existsSync(join(root, d))) walk(join(root, d));
  return out.sort();
}

/**
 * Mentions of the project's documents in source text (comments, strings),
 * written from the repository root: `docs/workflow-semantics.md#steps-and-time`,
 * `CONTRIBUTING.md#errors-are-data`. Each must name an existing file and heading.
 */
export function checkMentions(root: string, files: readonly string[]): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const anchorCache = new Map<string, Set<string>>();
  for (const file of files) {
    readFileSync(join(root, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const m of line.matchAll(/(?<![\w./-])((?:docs\/[\w.-]+|CONTRIBUTING|README)\.md)(?:#([\w-]+))?/g)) {
          const target = join(root, m[1]!);
          const problem = (message: string): void => {
            problems.push({ file, line: i + 1, column: m.index + 1, target: m[0], message });
          };
          if (!existsSync(target)) {
            problem(`no such file: ${m[1]}`);
            continue;
          }
          if (m[2] === undefined) continue;
          let anchors = anchorCache.get(target);
          if (anchors === undefined) anchorCache.set(target, (anchors = anchorsOf(readFileSync(target, 'utf8'))));
          if (!anchors.has(m[2])) problem(`no heading "#${m[2]}" in ${m[1]}`);
        }
      });
  }
  return problems;
}

/** `docs/a.md:3:14: "x.md#y": no heading "#y" in x.md` */
export function formatProblem(p: LinkProblem): string {
  return `${p.file}:${p.line}:${p.column}: "${p.target}": ${p.message}`;
}
