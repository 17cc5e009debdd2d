/**
 * nodes.deploy against a real `csp serve` child: a studio's stored workflow
 * goes to the node as a new document, deploying it again makes no copy (a new
 * version only when it changed), a CSPm script stays a script, and refusals
 * (an unknown document, a viewer token, a node that is down) are said clearly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProtocolError } from '../../shared/protocol';
import { storeHost } from '../host/test-helpers';
import type { StoreHost } from '../host/test-helpers';
import { RemoteNode } from './client/remote-node';
import { makeToken, serve } from './__fixtures__/serve-child';
import type { ServeChild } from './__fixtures__/serve-child';

const nodeDir = mkdtempSync(join(tmpdir(), 'csp-deploy-node-'));
let node: ServeChild;
let studio: StoreHost;
let operator = '';
let viewer = '';
let nodeId = '';
let remote: RemoteNode;

beforeAll(async () => {
  operator = await makeToken(nodeDir, 'studio', 'operator');
  viewer = await makeToken(nodeDir, 'wall', 'viewer');
  node = await serve(nodeDir, ['--quiet']);
  studio = await storeHost();
  nodeId = (await studio.client.request('nodes.add', { url: node.url, token: operator, label: 'big-node' })).node.id;
  remote = new RemoteNode({ url: node.url, token: operator });
  await remote.start();
}, 120_000);

afterAll(async () => {
  remote.close();
  await studio.close();
  await node.kill();
  rmSync(nodeDir, { recursive: true, force: true });
});

describe('nodes.deploy', () => {
  it('puts a stored workflow on the node, then updates that same document instead of copying it', async () => {
    const local = await studio.client.request('workflows.create', { example: 'dining-philosophers.yaml' });
    const first = await studio.client.request('nodes.deploy', { id: nodeId, workflowId: local.workflow.id });
    expect(first).toMatchObject({ created: true, changed: true, versionNumber: 1, node: { label: 'big-node' } });
    expect(first.workflow.name).toBe(local.workflow.name);
    const there = await remote.request('workflows.get', { id: first.workflow.id, markOpened: false });
    expect(there.content).toBe(local.content);

    const again = await studio.client.request('nodes.deploy', { id: nodeId, workflowId: local.workflow.id });
    expect(again).toMatchObject({ created: false, changed: false, versionNumber: 1 });
    expect(again.workflow.id).toBe(first.workflow.id);

    const edited = local.content.replace(/^name: .*$/m, (line) => `${line}\ndescription: edited in the studio`);
    expect(edited).not.toBe(local.content);
    await studio.client.request('workflows.save', { id: local.workflow.id, content: edited });
    const third = await studio.client.request('nodes.deploy', { id: nodeId, workflowId: local.workflow.id });
    expect(third).toMatchObject({ created: false, changed: true, versionNumber: 2 });
    expect((await remote.request('workflows.get', { id: first.workflow.id, markOpened: false })).content).toBe(edited);
    const named = await remote.request('workflows.list', { search: local.workflow.name });
    expect(named.workflows.filter((w) => w.name === local.workflow.name)).toHaveLength(1);
  });

  it('keeps a CSPm script a script', async () => {
    const script = await studio.client.request('workflows.import', {
      text: 'channel a\nP = a -> P\n',
      format: 'cspm',
      as: 'script',
      name: 'tiny loop',
    });
    if (!script.ok) throw new Error('the script was not stored');
    const deployed = await studio.client.request('nodes.deploy', { id: nodeId, workflowId: script.workflow.id });
    expect(deployed.workflow).toMatchObject({ name: 'tiny loop', kind: 'cspm' });
  });

  it('says what is wrong: an unknown document, a token that may not deploy, a node that is down', async () => {
    await expect(studio.client.request('nodes.deploy', { id: nodeId, workflowId: 999_999 })).rejects.toThrow(
      'no workflow 999999 in this studio',
    );
    const local = await studio.client.request('workflows.create', { example: 'dining-philosophers.yaml', name: 'w2' });
    const watcher = (await studio.client.request('nodes.add', { url: node.url, token: viewer, label: 'wall' })).node;
    // The same URL replaces the token: this node is now known with the viewer's.
    const refused = await studio.client
      .request('nodes.deploy', { id: watcher.id, workflowId: local.workflow.id })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProtocolError);
    expect((refused as ProtocolError).code).toBe('forbidden');
    expect((refused as ProtocolError).message).toMatch(/^node wall refused: .*operator/);

    await node.kill();
    const down = await studio.client
      .request('nodes.deploy', { id: watcher.id, workflowId: local.workflow.id })
      .catch((e: unknown) => e);
    expect((down as ProtocolError).code).toBe('unavailable');
    expect((down as ProtocolError).message).toMatch(/^cannot reach node wall: /);
  }, 60_000);
});
