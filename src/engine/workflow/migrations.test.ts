import { describe, expect, it } from 'vitest';
import { migrate } from './migrations';
import type { Migration } from './migrations';
import { loadWorkflowYaml } from './yaml-load';

// A made-up history for the runner: version 1 called processes "nodes", version 2 "procs".
const HISTORY: Migration[] = [
  { from: 1, description: 'nodes → procs', migrate: ({ nodes, ...rest }) => ({ ...rest, procs: nodes }) },
  { from: 2, description: 'procs → processes', migrate: ({ procs, ...rest }) => ({ ...rest, processes: procs }) },
];

describe('migrate', () => {
  it('applies every migration in order up to the target version', () => {
    const r = migrate({ version: 1, name: 'x', nodes: [] }, HISTORY, 3);
    expect(r).toEqual({
      ok: true,
      doc: { version: 3, name: 'x', processes: [] },
      applied: ['1→2: nodes → procs', '2→3: procs → processes'],
    });
  });

  it('leaves a current document alone', () => {
    expect(migrate({ version: 3, name: 'x' }, HISTORY, 3)).toEqual({
      ok: true,
      doc: { version: 3, name: 'x' },
      applied: [],
    });
  });

  it('refuses newer versions naming both, and gaps in the history', () => {
    expect(migrate({ version: 4 }, HISTORY, 3)).toMatchObject({
      ok: false,
      reason: 'newer',
      message: expect.stringMatching(/version 4, newer than version 3/),
    });
    expect(migrate({ version: 1 }, HISTORY.slice(1), 3)).toMatchObject({
      ok: false,
      reason: 'gap',
      message: 'no migration from version 1 to 2',
    });
    expect(migrate({ version: 'one' }, HISTORY, 3)).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('is what the YAML loader runs on older files', () => {
    const old = 'version: 1\nname: Old\nnodes:\n  - { id: a, name: A, kind: csp, behaviour: STOP }\n';
    const r = loadWorkflowYaml(old, {
      migrations: [
        { from: 1, description: 'rename', migrate: ({ nodes, ...rest }) => ({ ...rest, processes: nodes }) },
        { from: 2, description: 'nothing', migrate: (doc) => doc },
      ],
    });
    expect(r.ok).toBe(true);
    expect(r.migrated).toEqual(['1→2: rename', '2→3: nothing']);
    expect(r.workflow?.processes.map((p) => p.id)).toEqual(['a']);
    // Without that history the old key is an error at its place.
    const plain = loadWorkflowYaml(old);
    expect(plain.ok).toBe(false);
    expect(plain.diagnostics[0]?.message).toBe('unknown key "nodes"');
  });
});

describe('secrets', () => {
  it('accepts an API key only as a secret name, never as a value', () => {
    const base =
      'version: 1\nname: S\nprocesses:\n  - id: a\n    name: A\n    kind: agent\n    agent: { provider: openai, model: gpt, system: hi, apiKey: KEY }\n';
    const bad = loadWorkflowYaml(base.replace('KEY', 'sk-live-1234'));
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]?.path).toBe('processes[0].agent.apiKey');
    expect(loadWorkflowYaml(base.replace('KEY', '{ secret: OPENAI_KEY }')).ok).toBe(true);
  });
});
