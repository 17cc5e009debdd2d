/**
 * Every relative link in README.md, CONTRIBUTING.md, docs/*.md and the folder
 * READMEs resolves (file, and heading for `#anchor` links into Markdown). The
 * fixture tests prove the checker reports broken links with their position.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  anchorsOf,
  checkLinks,
  checkMentions,
  documentedFiles,
  formatProblem,
  headingSlug,
  linksOf,
  sourceFiles,
} from './doc-links';

/** Folders whose source comments point at the docs. */
const SOURCE_DIRS = ['src', 'scripts', 'bench', 'e2e', 'resources', 'build', 'bin'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the project documentation', () => {
  it('covers the top-level docs, docs/ and every folder README', () => {
    const files = documentedFiles(root);
    for (const f of [
      'README.md',
      'CONTRIBUTING.md',
      'docs/architecture.md',
      'docs/cspm.md',
      'docs/workflow-semantics.md',
      'src/engine/README.md',
      'src/main/store/README.md',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.some((f) => f.startsWith('node_modules/') || f.startsWith('out/'))).toBe(false);
  });

  it('has no broken relative link', () => {
    const problems = checkLinks(root, documentedFiles(root)).map(formatProblem);
    expect(problems).toEqual([]);
  });

  it('is pointed at correctly from source comments (docs/x.md#heading, CONTRIBUTING.md#heading)', () => {
    // The checker and this test name made-up docs on purpose.
    const files = sourceFiles(root, SOURCE_DIRS).filter((f) => !f.startsWith('scripts/doc-links'));
    expect(files).toContain('src/engine/workflow/compile.ts');
    expect(checkMentions(root, files).map(formatProblem)).toEqual([]);
  });

  it('points at no design note outside the repository', () => {
    // Built from parts so this file does not match itself.
    const outside = new RegExp(
      ['ARCHITECTURE', 'CSPM', 'WORKFLOW', 'STYLE'].map((n) => `\\b${n}\\.md\\b`).join('|') +
        `|${['shared', 'design'].join('/')}`,
    );
    const files = [...documentedFiles(root), ...sourceFiles(root, SOURCE_DIRS)];
    expect(files.length).toBeGreaterThan(100);
    expect(outside.test(`see ${'WORKFLOW'}.md §5`)).toBe(true);
    const hits = files.flatMap((f) =>
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .flatMap((line, i) => (outside.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });
});

describe('the link checker', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function fixture(files: Record<string, string>): string {
    dir = mkdtempSync(join(tmpdir(), 'doc-links-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('reports a missing file and a missing heading with file, line and column, and accepts good links', () => {
    const base = fixture({
      'README.md': [
        '# Project',
        'See [the guide](docs/guide.md) and [its setup](docs/guide.md#set-up-and-tests).',
        'Broken: [gone](docs/gone.md), and [no such part](docs/guide.md#nowhere).',
        'Here: [top](#project), [missing here](#absent), [web](https://example.com/x.md), [folder](src/).',
        '`[in code](docs/gone.md)` is not a link.',
        '```',
        '[in a fence](docs/gone.md)',
        '```',
        '[ref]: docs/also-gone.md',
      ].join('\n'),
      'docs/guide.md': '# Guide\n\n## Set-up and tests\n',
      'src/README.md': 'Up: [readme](../README.md#project), [bad](../docs/guide.md#guide-2)\n',
    });
    const problems = checkLinks(base, documentedFiles(base)).map(formatProblem);
    expect(problems).toEqual([
      'README.md:3:16: "docs/gone.md": no such file: docs/gone.md',
      'README.md:3:50: "docs/guide.md#nowhere": no heading "#nowhere" in docs/guide.md',
      'README.md:4:39: "#absent": no heading "#absent" in README.md',
      'README.md:9:8: "docs/also-gone.md": no such file: docs/also-gone.md',
      'src/README.md:1:43: "../docs/guide.md#guide-2": no heading "#guide-2" in docs/guide.md',
    ]);
  });

  it('fails the repository check when a doc gains a broken link', () => {
    const base = fixture({ 'CONTRIBUTING.md': '# C\n', 'docs/a.md': '# A\n[b](b.md)\n' });
    expect(checkLinks(base, documentedFiles(base))).toHaveLength(1);
  });

  it('reports a source comment that names a missing doc or heading', () => {
    const base = fixture({
      'docs/guide.md': '# Guide\n\n## Steps and time\n',
      'CONTRIBUTING.md': '# Contributing\n',
      'src/a.ts': [
        '/** Steps (docs/guide.md#steps-and-time), style (CONTRIBUTING.md). */',
        '// see docs/guide.md#steps, docs/other.md and ../docs/ignored.md',
      ].join('\n'),
    });
    expect(checkMentions(base, sourceFiles(base, ['src'])).map(formatProblem)).toEqual([
      'src/a.ts:2:8: "docs/guide.md#steps": no heading "#steps" in docs/guide.md',
      'src/a.ts:2:29: "docs/other.md": no such file: docs/other.md',
    ]);
  });

  it('makes anchors as GitHub does', () => {
    expect(headingSlug('Canvas = CSPm')).toBe('canvas--cspm');
    expect(headingSlug('The `csp check --json` contract')).toBe('the-csp-check---json-contract');
    expect(headingSlug('Adding a [protocol](x.md) method (or a whole domain)')).toBe(
      'adding-a-protocol-method-or-a-whole-domain',
    );
    expect(headingSlug('Schema (version 5)')).toBe('schema-version-5');
    expect(headingSlug('Données et `état`')).toBe('données-et-état');
    expect([...anchorsOf('# A\n## Notes\n```\n# not a heading\n```\n## Notes\n<a id="here"></a>\n')]).toEqual([
      'a',
      'notes',
      'notes-1',
      'here',
    ]);
  });

  it('finds inline links, images, angle-bracket targets and reference definitions', () => {
    const links = linksOf('![logo](img/logo.png) [a](<with space.md> "title")\n  [r]: ../x.md\n');
    expect(links).toEqual([
      { target: 'img/logo.png', line: 1, column: 9 },
      { target: 'with space.md', line: 1, column: 27 },
      { target: '../x.md', line: 2, column: 8 },
    ]);
  });
});
