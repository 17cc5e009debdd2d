import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWorkflowFile, saveWorkflowFile } from './files';
import { ExternalChangeError, LinkedWorkflow } from './linked';

const TEXT = `# kept
version: 1
name: Linked # kept too
processes:
  - { id: a, name: A, kind: csp, behaviour: STOP } # and this
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'csp-wf-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('workflow files', () => {
  it('refuses a file over 10 MB by its size, before reading it', () => {
    const path = join(dir, 'big.yaml');
    writeFileSync(path, '');
    truncateSync(path, 50 * 1024 * 1024); // sparse: 50 MB without writing them
    const r = readWorkflowFile(path);
    expect(r).toEqual({
      kind: 'unreadable',
      message: `${path}: file is 50.0 MB, larger than the 10 MB limit; refused before parsing`,
    });
  });

  it('reports a missing file as unreadable', () => {
    expect(readWorkflowFile(join(dir, 'nope.yaml'))).toMatchObject({
      kind: 'unreadable',
      message: expect.stringMatching(/no such file/),
    });
  });

  it('saves atomically, keeping comments, and leaves no temp file', () => {
    const path = join(dir, 'wf.yaml');
    writeFileSync(path, TEXT);
    const r = readWorkflowFile(path);
    if (r.kind !== 'loaded') throw new Error('expected loaded');
    saveWorkflowFile(path, { ...r.result.workflow!, name: 'Renamed' });
    const saved = readFileSync(path, 'utf8');
    expect(saved).toContain('# kept\n');
    expect(saved).toContain('name: Renamed # kept too');
    expect(saved).toContain('# and this');
    expect(readdirSync(dir)).toEqual(['wf.yaml']);
  });
});

describe('LinkedWorkflow', () => {
  it('detects a change made outside the app and lets the user reload or overwrite', () => {
    const path = join(dir, 'wf.yaml');
    writeFileSync(path, TEXT);
    const opened = LinkedWorkflow.open(path);
    if (!opened.ok) throw new Error('expected to open');
    const linked = opened.linked;
    expect(linked.externalState()).toBe('unchanged');

    linked.save({ ...linked.workflow, name: 'Mine' });
    expect(linked.externalState()).toBe('unchanged'); // our own save is not an outside change

    writeFileSync(path, TEXT.replace('name: Linked', 'name: Theirs'));
    expect(linked.externalState()).toBe('changed');
    expect(() => linked.save({ ...linked.workflow, name: 'Mine again' })).toThrow(ExternalChangeError);

    linked.reload();
    expect(linked.workflow.name).toBe('Theirs');
    linked.save({ ...linked.workflow, name: 'Merged' });
    expect(readFileSync(path, 'utf8')).toContain('name: Merged # kept too');

    writeFileSync(path, TEXT);
    linked.save({ ...linked.workflow, name: 'Forced' }, { overwrite: true });
    expect(readFileSync(path, 'utf8')).toContain('name: Forced');

    rmSync(path);
    expect(linked.externalState()).toBe('deleted');
  });

  it('notifies a watcher of outside changes', async () => {
    const path = join(dir, 'wf.yaml');
    writeFileSync(path, TEXT);
    const opened = LinkedWorkflow.open(path);
    if (!opened.ok) throw new Error('expected to open');
    const seen = new Promise<string>((resolve) => {
      const stop = opened.linked.watch((state) => {
        stop();
        resolve(state);
      });
    });
    writeFileSync(path, TEXT.replace('Linked', 'Edited'));
    expect(await seen).toBe('changed');
  });
});
