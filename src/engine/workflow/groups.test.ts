import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWorkflow } from './compile';
import { formatDiagnostic } from './diagnostics';
import { diffWorkflows } from './diff';
import { freshId } from './ids';
import { formatVersion, WORKFLOW_VERSION } from './model';
import { loadWorkflowYaml } from './yaml-load';
import { saveWorkflowYaml } from './yaml-save';

const BASE = `version: 1
name: G
processes:
  - { id: a, name: A, kind: csp, behaviour: STOP }
  - { id: b, name: B, kind: csp, behaviour: STOP }
  - { id: c, name: C, kind: csp, behaviour: STOP }
`;

const withGroups = (groups: string): string => `${BASE.replace('version: 1', 'version: 2')}groups:\n${groups}`;

describe('groups (version 2)', () => {
  it('loads, saves with version 2, and compiles exactly as without them', () => {
    const text = withGroups('  - { id: front, name: Front end, members: [ a, b ], collapsed: true }\n');
    const r = loadWorkflowYaml(text);
    expect(r.ok).toBe(true);
    expect(r.workflow!.groups).toEqual([{ id: 'front', name: 'Front end', members: ['a', 'b'], collapsed: true }]);
    expect(saveWorkflowYaml(r.workflow!, text)).toBe(text);
    expect(saveWorkflowYaml(r.workflow!)).toMatch(
      /^version: 2\n[^]*\ngroups:\n {2}- id: front\n {4}name: Front end\n {4}members: \[ a, b \]\n {4}collapsed: true\n$/,
    );
    const plain = loadWorkflowYaml(BASE).workflow!;
    expect(compileWorkflow(r.workflow!).cspm).toBe(compileWorkflow(plain).cspm);
  });

  it('a version-1 file migrates and is written back as version 1 while it has no groups', () => {
    const r = loadWorkflowYaml(BASE);
    expect(r.migrated).toEqual([
      '1→2: groups of nodes (a version-1 file has none)',
      '2→3: debugger breakpoints (a version-2 file has none)',
    ]);
    expect(r.workflow!.version).toBe(WORKFLOW_VERSION);
    expect(formatVersion(r.workflow!)).toBe(1);
    expect(saveWorkflowYaml(r.workflow!, BASE)).toBe(BASE);
  });

  it('the examples still save byte for byte', () => {
    for (const name of ['dining-philosophers', 'smart-city', 'sensor-alerts']) {
      const text = readFileSync(`resources/examples/${name}.yaml`, 'utf8');
      expect(saveWorkflowYaml(loadWorkflowYaml(text).workflow!, text)).toBe(text);
    }
  });

  it('refuses members that do not exist or are in two groups, and ids taken by nodes, with line and column', () => {
    const text = withGroups(
      '  - { id: g1, name: One, members: [ a, z ] }\n  - { id: g2, name: Two, members: [ a ] }\n  - { id: b, name: Clash, members: [ c ] }\n',
    );
    const r = loadWorkflowYaml(text);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      '8:40: error WF2016 groups[0].members[1]: no node or bus "z" to group',
      '9:37: error WF2016 groups[1].members[0]: "a" is already in group "g1"; a node belongs to at most one group',
      '10:11: error WF2003 groups[2].id: duplicate node id "b" (first used at processes[1].id)',
    ]);
  });

  it('refuses an empty group and unknown keys, like any record', () => {
    const r = loadWorkflowYaml(withGroups('  - { id: g, name: G, members: [], open: true }\n'));
    expect(r.diagnostics.map((d) => d.message)).toEqual(['a group holds at least one node', 'unknown key "open"']);
  });

  it('share the id namespace of nodes, and show up in csp diff', () => {
    const a = loadWorkflowYaml(BASE).workflow!;
    const b = loadWorkflowYaml(withGroups('  - { id: g, name: G, members: [ c ] }\n')).workflow!;
    expect(freshId(b, 'node', 'g')).toBe('g-2');
    expect(diffWorkflows(a, b).workflow).toEqual(['groups']);
  });
});

describe('debugger breakpoints (version 3)', () => {
  const BP = `${BASE.replace('version: 1', 'version: 3')}breakpoints:\n  - { id: bp1, on: edge, target: ab, condition: msg > 1, enabled: true }\n  - { id: bp2, on: contract, enabled: false }\n`;

  it('are read, written back as written, and need version 3; without them the file stays at its version', () => {
    const r = loadWorkflowYaml(BP);
    expect(r.ok).toBe(true);
    expect(r.workflow!.breakpoints).toEqual([
      { id: 'bp1', on: 'edge', target: 'ab', condition: 'msg > 1', enabled: true },
      { id: 'bp2', on: 'contract', enabled: false },
    ]);
    expect(saveWorkflowYaml(r.workflow!, BP)).toBe(BP);
    expect(formatVersion(r.workflow!)).toBe(3);
    expect(saveWorkflowYaml({ ...r.workflow!, breakpoints: [] }, BP)).toBe(BASE);
    // They change nothing the workflow means.
    expect(compileWorkflow(r.workflow!).cspm).toBe(compileWorkflow(loadWorkflowYaml(BASE).workflow!).cspm);
  });

  it('a node or edge breakpoint names its target; only an edge breakpoint has a condition', () => {
    const noTarget = loadWorkflowYaml(BP.replace('on: edge, target: ab,', 'on: edge,'));
    expect(noTarget.ok).toBe(false);
    expect(noTarget.diagnostics[0]?.message).toMatch(/names its target/);
    const nodeCondition = loadWorkflowYaml(BP.replace('on: edge, target: ab', 'on: node, target: a'));
    expect(nodeCondition.ok).toBe(false);
    expect(nodeCondition.diagnostics[0]?.message).toMatch(/only an edge breakpoint has a condition/);
  });
});
