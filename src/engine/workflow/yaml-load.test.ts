import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics';
import { loadWorkflowYaml, MAX_WORKFLOW_BYTES, utf8Length } from './yaml-load';

const GOOD = `version: 1
name: Pipe
declarations: |
  datatype Msg = Hello | Bye
processes:
  - id: a
    name: A
    kind: csp
    ports:
      - { name: out, dir: out, type: Msg }
    behaviour: out!Hello -> A
  - id: b
    name: B
    kind: csp
    ports:
      - { name: in, dir: in, type: Msg }
    behaviour: in?m -> B
edges:
  - { id: e, from: a.out, to: b.in }
assertions:
  - { id: dl, text: "SYSTEM :[deadlock free]" }
`;

function errorsOf(text: string): string[] {
  const r = loadWorkflowYaml(text);
  expect(r.ok).toBe(false);
  expect(r.workflow).toBeUndefined();
  return r.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d));
}

describe('loadWorkflowYaml', () => {
  it('loads a valid workflow with defaults filled in', () => {
    const r = loadWorkflowYaml(GOOD);
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.workflow?.processes.map((p) => p.id)).toEqual(['a', 'b']);
    expect(r.workflow?.buses).toEqual([]);
  });

  it('names path, line and column of a type error', () => {
    const errs = errorsOf(GOOD.replace('{ name: in, dir: in, type: Msg }', '{ name: in, dir: in, type: int }'));
    expect(errs[0]).toMatch(
      /^16:\d+: error WF2005 processes\[1\]\.ports\[0\]\.type: expected a CSPm type, got "int".*did you mean Int\?/,
    );
  });

  it('reports unknown keys at the key', () => {
    const errs = errorsOf(GOOD.replace('    behaviour: in?m -> B', '    behavior: in?m -> B'));
    expect(errs.some((e) => /^17:5: error WF2002 processes\[1\]\.behavior: unknown key "behavior"/.test(e))).toBe(true);
  });

  it('reports duplicate ids, dangling edges and wrong directions together', () => {
    const text = GOOD.replace('  - id: b\n', '  - id: a\n').replace(
      'edges:\n  - { id: e, from: a.out, to: b.in }',
      'edges:\n  - { id: e, from: a.out, to: c.in }\n  - { id: e, from: a.out, to: a.out }',
    );
    const errs = errorsOf(text);
    expect(errs.some((e) => e.includes('WF2003 processes[1].id: duplicate node id "a"'))).toBe(true);
    expect(errs.some((e) => e.includes('WF2004 edges[0].to: no port "c.in"'))).toBe(true);
    expect(errs.some((e) => e.includes('WF2003 edges[1].id: duplicate edge id "e"'))).toBe(true);
    expect(errs.some((e) => e.includes('WF2007 edges[1].to: "a.out" is an output port'))).toBe(true);
    for (const e of errs) expect(e).toMatch(/^\d+:\d+: /);
  });

  it('reports bad indentation as a YAML error with its line', () => {
    const errs = errorsOf(GOOD.replace('    name: B\n', '   name: B\n'));
    expect(errs[0]).toMatch(/^\d+:\d+: error WF1003 YAML: /);
  });

  it('reports duplicate YAML keys', () => {
    const errs = errorsOf(GOOD.replace('name: Pipe\n', 'name: Pipe\nname: Again\n'));
    expect(errs[0]).toMatch(/^3:1: error WF1003 YAML: Map keys must be unique/);
  });

  it('puts a merge-conflict marker error at the marker line', () => {
    const errs = errorsOf(
      GOOD.replace('name: Pipe\n', '<<<<<<< HEAD\nname: Pipe\n=======\nname: Pipes\n>>>>>>> feature\n'),
    );
    expect(errs).toHaveLength(3);
    expect(errs[0]).toMatch(/^2:1: error WF1002 /);
    expect(errs[2]).toMatch(/^6:1: error WF1002 /);
  });

  it('refuses a newer version naming both versions', () => {
    const errs = errorsOf(GOOD.replace('version: 1', 'version: 7'));
    expect(errs[0]).toMatch(/^1:10: error WF1006 version: file has version 7, newer than version 3/);
  });

  it('refuses a file without a version', () => {
    expect(errorsOf(GOOD.replace('version: 1\n', ''))[0]).toMatch(/WF1007/);
  });

  it('refuses files over 10 MB before parsing (a 50 MB file)', () => {
    const big = 'name: x\n' + '#'.repeat(50 * 1024 * 1024);
    const errs = errorsOf(big);
    expect(errs).toEqual([
      `1:1: error WF1001 file is larger than ${MAX_WORKFLOW_BYTES / 1024 / 1024} MB; refused before parsing`,
    ]);
  });

  it('stops a YAML alias bomb quickly', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const errs = errorsOf(lines.join('\n') + '\n');
    expect(errs[0]).toMatch(/WF1004 too many YAML alias expansions/);
  });

  it('refuses deep nesting before parsing, and never overflows the stack', () => {
    const deep = errorsOf(`version: 1\nname: x\ndeclarations: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(deep[0]).toMatch(/^3:\d+: error WF1003 nesting deeper than 500 levels/);
    const indented = [
      'version: 1',
      'name: x',
      'layout:',
      ...Array.from({ length: 2000 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`),
    ].join('\n');
    expect(errorsOf(indented)[0]).toMatch(/WF1003/);
  });

  it('refuses a top level that is not a mapping', () => {
    expect(errorsOf('- a\n- b\n')[0]).toMatch(/WF1005/);
    expect(errorsOf('')[0]).toMatch(/WF1005/);
  });

  it('reports mismatched port types along an edge', () => {
    const errs = errorsOf(GOOD.replace('{ name: in, dir: in, type: Msg }', '{ name: in, dir: in, type: Bool }'));
    expect(errs[0]).toMatch(/WF2006 edges\[0\]: "a.out" has type Msg but "b.in" has type Bool/);
  });

  it('reports an unknown process kind', () => {
    const errs = errorsOf(GOOD.replace('kind: csp', 'kind: lua'));
    expect(errs[0]).toMatch(/processes\[0\]/);
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
  });
});
