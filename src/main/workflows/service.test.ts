/** workflows.* through the protocol client, the in-process transport and a real SQLite store. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProtocolError } from '../../shared/protocol';
import { storeHost, type StoreHost } from '../host/test-helpers';
import { EXAMPLES_DIR } from './examples';

let h: StoreHost;
beforeEach(async () => {
  h = await storeHost();
});
afterEach(async () => {
  await h.close();
});

const root = join(import.meta.dirname, '..', '..', '..');
const philosophersText = readFileSync(join(EXAMPLES_DIR, 'dining-philosophers.yaml'), 'utf8');

async function rejection(p: Promise<unknown>): Promise<ProtocolError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(ProtocolError);
  return e as ProtocolError;
}

describe('workflows: browse, open, save', () => {
  it('lists the examples and creates workflows from them and empty', async () => {
    const { examples } = await h.client.request('workflows.examples', {});
    expect(examples[0]).toEqual({
      file: 'dining-philosophers.yaml',
      name: 'Dining philosophers',
      description: 'Five philosophers, five forks, and the classic deadlock.',
    });

    const phil = await h.client.request('workflows.create', { example: 'dining-philosophers.yaml' });
    expect(phil.workflow).toMatchObject({ name: 'Dining philosophers', kind: 'workflow', deletedAt: null });
    expect(phil.content).toBe(philosophersText);
    expect(phil.version?.number).toBe(1);
    expect(phil.diagnostics).toEqual([]);

    const empty = await h.client.request('workflows.create', { name: 'Mine' });
    expect(empty.content).toMatch(/^version: 1\nname: Mine\n/);
    expect(empty.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', message: 'the workflow has no processes; SYSTEM is STOP' }),
    ]);
    const script = await h.client.request('workflows.create', { kind: 'cspm' });
    expect(script.workflow).toMatchObject({ name: 'Untitled script', kind: 'cspm' });

    const missing = await rejection(h.client.request('workflows.create', { example: 'nope.yaml' }));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toMatch(/no example named "nope.yaml"; the examples are dining-philosophers.yaml, /);
  });

  it('names a second copy of an example, or a second new workflow, apart from the first', async () => {
    const first = await h.client.request('workflows.create', { example: 'dining-philosophers.yaml' });
    const second = await h.client.request('workflows.create', { example: 'dining-philosophers.yaml' });
    const third = await h.client.request('workflows.create', { example: 'dining-philosophers.yaml' });
    expect([first, second, third].map((o) => o.workflow.name)).toEqual([
      'Dining philosophers',
      'Dining philosophers 2',
      'Dining philosophers 3',
    ]);
    expect(second.content).toContain('\nname: Dining philosophers 2\n');
    expect(second.diagnostics).toEqual([]);
    // A deleted one frees its name; a name given by the caller is kept as given.
    await h.client.request('workflows.delete', { id: second.workflow.id });
    expect((await h.client.request('workflows.create', { example: 'dining-philosophers.yaml' })).workflow.name).toBe(
      'Dining philosophers 2',
    );
    expect((await h.client.request('workflows.create', { name: 'Dining philosophers' })).workflow.name).toBe(
      'Dining philosophers',
    );
    const untitled = [];
    for (let i = 0; i < 2; i++) untitled.push((await h.client.request('workflows.create', {})).workflow.name);
    expect(untitled).toEqual(['Untitled workflow', 'Untitled workflow 2']);
  });

  it('lists recently opened or saved first, searches by name, and marks opening', async () => {
    const a = await h.client.request('workflows.create', { name: 'Alpha pipeline' });
    h.clock.t += 1000;
    const b = await h.client.request('workflows.create', { name: 'Beta' });
    h.clock.t += 1000;
    const c = await h.client.request('workflows.create', { name: 'gamma PIPELINE' });
    const names = async (p: object = {}): Promise<string[]> =>
      (await h.client.request('workflows.list', p)).workflows.map((w) => w.name);
    expect(await names()).toEqual(['gamma PIPELINE', 'Beta', 'Alpha pipeline']);
    h.clock.t += 1000;
    const opened = await h.client.request('workflows.get', { id: a.workflow.id });
    expect(opened.workflow.openedAt).toBe(h.clock.t);
    expect(await names()).toEqual(['Alpha pipeline', 'gamma PIPELINE', 'Beta']);
    expect(await names({ search: 'pipeline' })).toEqual(['Alpha pipeline', 'gamma PIPELINE']);
    expect(await names({ search: '%' })).toEqual([]);
    expect(await names({ order: 'name' })).toEqual(['Alpha pipeline', 'Beta', 'gamma PIPELINE']);
    expect(b.workflow.id).not.toBe(c.workflow.id);
  });

  it('autosaves versions, labels an explicit save, and refuses a stale base version', async () => {
    const wf = await h.client.request('workflows.create', { name: 'W' });
    const text2 = 'version: 1\nname: W\ndescription: second\n';
    const s2 = await h.client.request('workflows.save', {
      id: wf.workflow.id,
      content: text2,
      baseVersionId: wf.version?.id,
    });
    expect(s2).toMatchObject({ created: true, version: { number: 2, label: null } });
    expect(s2.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const same = await h.client.request('workflows.save', { id: wf.workflow.id, content: text2, label: 'reviewed' });
    expect(same).toMatchObject({ created: false, version: { number: 2, label: 'reviewed' } });
    const stale = await rejection(
      h.client.request('workflows.save', {
        id: wf.workflow.id,
        content: 'version: 1\nname: W\n',
        baseVersionId: wf.version?.id,
      }),
    );
    expect(stale.code).toBe('conflict');
    expect(stale.details).toEqual({ currentVersionId: s2.version.id });

    // Work in progress with errors is kept, and its diagnostics say where.
    const broken = await h.client.request('workflows.save', {
      id: wf.workflow.id,
      content: 'version: 1\nname: W\nprocesses: [\n',
    });
    expect(broken.created).toBe(true);
    expect(broken.diagnostics[0]).toMatchObject({
      code: 'WF1003',
      severity: 'error',
      line: 4,
      column: 1,
      file: 'w.yaml',
    });
    const got = await h.client.request('workflows.get', { id: wf.workflow.id });
    expect(got.content).toBe('version: 1\nname: W\nprocesses: [\n');
    expect(got.diagnostics?.map((d) => d.code)).toEqual(['WF1003']);
    // A client that validates on its own (the studio) skips the host's validation.
    const bare = await h.client.request('workflows.get', { id: wf.workflow.id, diagnostics: false });
    expect(bare.content).toBe(got.content);
    expect(bare.version).toEqual(got.version);
    expect(bare.diagnostics).toBeUndefined();
  });

  it('renames (the YAML name too, as a version), duplicates, deletes and undeletes', async () => {
    const wf = await h.client.request('workflows.create', { example: 'dining-philosophers.yaml' });
    const renamed = await h.client.request('workflows.rename', { id: wf.workflow.id, name: 'Table' });
    expect(renamed.workflow.name).toBe('Table');
    expect(renamed.version?.number).toBe(2);
    const after = await h.client.request('workflows.get', { id: wf.workflow.id });
    expect(after.content).toContain('\nname: Table\n');
    // The comments of the example survive the rename.
    expect(after.content.startsWith('# Dining philosophers: N philosophers')).toBe(true);

    const copy = await h.client.request('workflows.duplicate', { id: wf.workflow.id });
    expect(copy.workflow.name).toBe('Table copy');
    expect(copy.content).toContain('\nname: Table copy\n');
    expect(copy.workflow.id).not.toBe(wf.workflow.id);

    const deleted = await h.client.request('workflows.delete', { id: wf.workflow.id });
    expect(deleted.workflow.deletedAt).not.toBeNull();
    const listed = async (): Promise<string[]> =>
      (await h.client.request('workflows.list', {})).workflows.map((w) => w.name);
    expect(await listed()).toEqual(['Table copy']);
    expect((await h.client.request('workflows.list', { includeDeleted: true })).workflows).toHaveLength(2);
    const saveDeleted = await rejection(
      h.client.request('workflows.save', { id: wf.workflow.id, content: after.content }),
    );
    expect(saveDeleted.code).toBe('conflict');
    await h.client.request('workflows.undelete', { id: wf.workflow.id });
    expect((await listed()).sort()).toEqual(['Table', 'Table copy']);
    expect(h.store.audit.list().map((e) => e.action)).toEqual(
      expect.arrayContaining(['workflow.saved', 'workflow.renamed', 'workflow.deleted', 'workflow.undeleted']),
    );
  });

  it('answers not_found for unknown ids and refuses bad params and huge texts', async () => {
    expect((await rejection(h.client.request('workflows.get', { id: 999 }))).code).toBe('not_found');
    expect((await rejection(h.client.request('workflows.version', { versionId: 999 }))).code).toBe('not_found');
    expect((await rejection(h.client.request('workflows.rename', { id: 999, name: 'x' }))).code).toBe('not_found');
    const bad = await rejection(h.client.request('workflows.rename', { id: 1, name: '   ' }));
    expect(bad.code).toBe('invalid_params');
    expect(bad.message).toMatch(/payload\.name/);
    const tooBig = await rejection(h.client.request('workflows.validate', { text: 'x'.repeat(950_000) }));
    expect(tooBig.code).toBe('invalid_params');
    expect(tooBig.message).toMatch(/payload\.text: Too big/);
    const overMessage = await rejection(
      h.client.request('workflows.import', { text: 'x'.repeat(2_000_000), format: 'yaml' }),
    );
    expect(overMessage.code).toBe('too_large');
  });
});

describe('workflows: history, diff, restore', () => {
  it('lists versions newest first, diffs them structurally and as text, and restores', async () => {
    const wf = await h.client.request('workflows.create', { example: 'dining-philosophers.yaml' });
    const changed = philosophersText.replace('thinks.i -> left.i.up', 'thinks.i -> eats.i -> left.i.up');
    const s2 = await h.client.request('workflows.save', { id: wf.workflow.id, content: changed });
    const { versions } = await h.client.request('workflows.history', { id: wf.workflow.id });
    expect(versions.map((v) => v.number)).toEqual([2, 1]);

    const d = await h.client.request('workflows.diff', { fromVersionId: wf.version!.id });
    expect(d.to.id).toBe(s2.version.id);
    expect(d.structural?.behaviours.changed).toEqual([{ id: 'phil', fields: ['behaviour'] }]);
    expect(d.structural?.identical).toBe(false);
    const lines = d.text?.hunks.flatMap((hk) => hk.lines.filter((l) => l.op !== ' ')) ?? [];
    expect(lines).toEqual([
      { op: '-', text: '      thinks.i -> left.i.up -> right.((i+1)%N).up -> eats.i ->' },
      { op: '+', text: '      thinks.i -> eats.i -> left.i.up -> right.((i+1)%N).up -> eats.i ->' },
    ]);

    const restored = await h.client.request('workflows.restore', { versionId: wf.version!.id });
    expect(restored.version).toMatchObject({ number: 3, restoredFrom: wf.version!.id });
    expect(restored.content).toBe(philosophersText);
    const v = await h.client.request('workflows.version', { versionId: s2.version.id });
    expect(v.content).toBe(changed);
  });

  it('reports a version that does not load instead of a structural diff', async () => {
    const wf = await h.client.request('workflows.create', { name: 'W' });
    await h.client.request('workflows.save', { id: wf.workflow.id, content: 'version: 1\nname: [\n' });
    const d = await h.client.request('workflows.diff', { fromVersionId: wf.version!.id });
    expect(d.structural).toBeNull();
    expect(d.diagnostics[0]).toMatchObject({ code: 'WF1003', file: 'version 2', line: 3 });
    expect(d.text?.hunks).toHaveLength(1);
  });
});

describe('workflows: import, export, validate', () => {
  it('imports YAML as written; a broken file is refused with line and column and nothing is stored', async () => {
    const ok = await h.client.request('workflows.import', {
      text: philosophersText,
      format: 'yaml',
      fileName: 'dining-philosophers.yaml',
    });
    if (!ok.ok) throw new Error('expected the import to succeed');
    expect(ok.content).toBe(philosophersText);
    const before = (await h.client.request('workflows.list', {})).workflows.length;
    const broken = philosophersText.replace('to: fork.grip }', 'to: fork.gripp }');
    const bad = await h.client.request('workflows.import', { text: broken, format: 'yaml', fileName: 'broken.yaml' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.diagnostics).toEqual([
      expect.objectContaining({
        code: 'WF2004',
        severity: 'error',
        file: 'broken.yaml',
        path: 'edges[0].to',
        line: expect.any(Number) as number,
        column: expect.any(Number) as number,
      }),
    ]);
    const syntax = await h.client.request('workflows.import', {
      text: 'version: 1\nname: x\nprocesses:\n  - { id: a\n',
      format: 'yaml',
    });
    expect(syntax).toMatchObject({ ok: false, diagnostics: [{ code: 'WF1003', line: 5, column: 1 }] });
    expect((await h.client.request('workflows.list', {})).workflows.length).toBe(before);
  });

  it('imports CSPm as a workflow or keeps it as a script; a script with errors is kept as written, with them', async () => {
    const script =
      'channel a, b\nP = a -> b -> P\nQ = b -> a -> Q\nSYSTEM = P [| {| a, b |} |] Q\nassert SYSTEM :[deadlock free]\n';
    const asWorkflow = await h.client.request('workflows.import', { text: script, format: 'cspm', fileName: 'pq.csp' });
    expect(asWorkflow).toMatchObject({ ok: true, workflow: { name: 'pq', kind: 'workflow' } });
    const asScript = await h.client.request('workflows.import', {
      text: script,
      format: 'cspm',
      as: 'script',
      fileName: 'dir/pq.csp',
    });
    expect(asScript).toMatchObject({ ok: true, workflow: { name: 'pq', kind: 'cspm' }, content: script });
    const bad = await h.client.request('workflows.import', {
      text: 'channel a\nP = a ->\n',
      format: 'cspm',
      as: 'script',
      fileName: 'bad.csp',
    });
    expect(bad).toMatchObject({
      ok: true,
      workflow: { name: 'bad', kind: 'cspm' },
      content: 'channel a\nP = a ->\n',
      diagnostics: [{ code: 'CSP1004', file: 'bad.csp', line: 3, column: 1 }],
    });
    // Converting it into a workflow is still all or nothing.
    const before = (await h.client.request('workflows.list', {})).workflows.length;
    const asWorkflow2 = await h.client.request('workflows.import', { text: 'channel a\nP = a ->\n', format: 'cspm' });
    expect(asWorkflow2).toMatchObject({ ok: false, diagnostics: [{ severity: 'error' }] });
    expect((await h.client.request('workflows.list', {})).workflows.length).toBe(before);
  });

  it('exports the same bytes as csp export (the real CLI)', async () => {
    const wf = await h.client.request('workflows.create', { example: 'dining-philosophers.yaml' });
    const file = join(h.dataDir, 'dining-philosophers.yaml');
    writeFileSync(file, wf.content);
    for (const format of ['yaml', 'cspm'] as const) {
      const exported = await h.client.request('workflows.export', { id: wf.workflow.id, format });
      if (!exported.ok) throw new Error(`export ${format} failed`);
      const cli = spawnSync(process.execPath, [join(root, 'bin', 'csp.mjs'), 'export', file, '--to', format], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(cli.status).toBe(0);
      expect(exported.text).toBe(cli.stdout);
      expect(exported.fileName).toBe(format === 'yaml' ? 'dining-philosophers.yaml' : 'dining-philosophers.csp');
    }
    const fromText = await h.client.request('workflows.export', { text: 'version: 1\nname: [\n', format: 'cspm' });
    expect(fromText).toMatchObject({ ok: false, diagnostics: [{ code: 'WF1003' }] });
    const neither = await rejection(h.client.request('workflows.export', { format: 'yaml' }));
    expect(neither.message).toMatch(/give exactly one of id, versionId and text/);
  }, 240_000);

  it('validates text as csp validate does, and CSPm with the front end', async () => {
    const bad = philosophersText.replace('grip.j.down -> Fork(j)', 'grip.j.down -> Fork(k)');
    const r = await h.client.request('workflows.validate', { text: bad, name: 'phil.yaml' });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'WF3005',
        path: 'processes[1].behaviour',
        line: 34,
        message: "CSP2001 undefined name 'k'",
      }),
    ]);
    const csp = await h.client.request('workflows.validate', { text: 'channel a\nP = a -> Q\n', kind: 'cspm' });
    expect(csp.diagnostics).toEqual([
      expect.objectContaining({ code: 'CSP2001', file: 'script.csp', line: 2, column: 10, endLine: 2, endColumn: 11 }),
    ]);
  });
});
