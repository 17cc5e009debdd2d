import { describe, it, expect } from 'vitest';
import { statSync, writeFileSync, chmodSync } from 'node:fs';
import { tempStore } from './__fixtures__/temp';

describe('check results', () => {
  it('links results and counterexamples to the workflow version they ran on', () => {
    const { store } = tempStore();
    const v1 = store.workflows.save({ path: 'w.yaml', name: 'W', content: 'version: 1\nname: W\n' }).version;
    const v2 = store.workflows.save({ path: 'w.yaml', name: 'W', content: 'version: 1\nname: W2\n' }).version;
    const cex = { kind: 'deadlock', trace: ['left.0', 'right.1'], nodes: ['phil0'] };
    const r = store.checks.record({
      workflowVersionId: v1.id,
      assertion: 'SYSTEM :[deadlock free]',
      verdict: 'failed',
      counterexample: cex,
      assumptions: ['node X has no contract'],
      stats: { states: 12 },
      startedAt: 1,
      endedAt: 2,
    });
    expect(r).toMatchObject({
      workflowId: v1.workflowId,
      workflowVersionId: v1.id,
      verdict: 'failed',
      counterexample: cex,
      assumptions: ['node X has no contract'],
    });
    store.checks.record({
      workflowVersionId: v2.id,
      assertion: 'SYSTEM :[deadlock free]',
      verdict: 'passed',
      startedAt: 3,
      endedAt: 4,
    });
    expect(store.checks.forVersion(v1.id).map((c) => c.verdict)).toEqual(['failed']);
    expect(store.checks.forWorkflow(v1.workflowId).map((c) => c.verdict)).toEqual(['passed', 'failed']);
    expect(store.audit.list().filter((e) => e.action === 'check.run')).toHaveLength(2);
    const file = store.checks.record({
      source: '/tmp/x.csp',
      assertion: 'P [T= Q',
      verdict: 'error',
      startedAt: 5,
      endedAt: 6,
    });
    expect(file.workflowVersionId).toBeNull();
  });

  it('rejects incomplete results precisely', () => {
    const { store } = tempStore();
    expect(() => store.checks.record({ assertion: 'x', verdict: 'passed', startedAt: 0, endedAt: 0 })).toThrow(
      /needs a workflow version or a source file/,
    );
    expect(() =>
      store.checks.record({ source: 'f', assertion: 'x', verdict: 'maybe' as 'passed', startedAt: 0, endedAt: 0 }),
    ).toThrow(/verdict must be one of/);
    expect(() =>
      store.checks.record({ workflowVersionId: 77, assertion: 'x', verdict: 'passed', startedAt: 0, endedAt: 0 }),
    ).toThrow(/workflow version 77 not found/);
  });
});

describe('settings', () => {
  it('stores JSON values, audits the key but not the value', () => {
    const { store } = tempStore();
    store.settings.set('providers.openai', {
      endpoint: 'https://api.example.test/v1',
      apiKey: { secret: 'OPENAI_KEY' },
    });
    expect(store.settings.get('providers.openai')).toEqual({
      endpoint: 'https://api.example.test/v1',
      apiKey: { secret: 'OPENAI_KEY' },
    });
    expect(store.settings.all()).toHaveProperty('providers.openai');
    const entry = store.audit.list().at(-1);
    expect(entry).toMatchObject({
      action: 'settings.changed',
      subject: 'setting:providers.openai',
      details: { key: 'providers.openai' },
    });
    expect(JSON.stringify(entry)).not.toContain('api.example.test');
    expect(store.settings.remove('providers.openai')).toBe(true);
    expect(store.settings.get('providers.openai')).toBeUndefined();
    expect(() => store.settings.set('bad key', 1)).toThrow(/setting key "bad key" must be/);
  });
});

describe('secrets', () => {
  it('keeps values in a 0600 file outside the database and says so', () => {
    const { store } = tempStore();
    store.secrets.set('OPENAI_KEY', 'sk-test-123456');
    expect(statSync(store.secrets.path).mode & 0o777).toBe(0o600);
    expect(store.secrets.reveal('OPENAI_KEY')).toBe('sk-test-123456');
    expect(store.secrets.list().map((s) => s.name)).toEqual(['OPENAI_KEY']);
    expect(store.secrets.storage()).toMatchObject({ kind: 'file-0600', encrypted: false });
    expect(store.secrets.storage().description).toMatch(/unencrypted/);
    expect(store.secrets.redact('Authorization: Bearer sk-test-123456')).toBe(
      'Authorization: Bearer «secret:OPENAI_KEY»',
    );
    expect(() => store.secrets.reveal('NOPE')).toThrow(/secret "NOPE" not found/);
    expect(() => store.secrets.set('1bad', 'x')).toThrow(/secret name "1bad" must be/);
    expect(store.secrets.remove('OPENAI_KEY')).toBe(true);
    expect(store.secrets.has('OPENAI_KEY')).toBe(false);
  });

  it('narrows a widened file back to 0600 and reports a broken file precisely', () => {
    const { store } = tempStore();
    store.secrets.set('A', 'value-a');
    chmodSync(store.secrets.path, 0o644);
    expect(store.secrets.has('A')).toBe(true);
    expect(statSync(store.secrets.path).mode & 0o777).toBe(0o600);
    writeFileSync(store.secrets.path, '{ not json');
    expect(() => store.secrets.list()).toThrow(/secrets file .* is not valid JSON/);
  });
});
