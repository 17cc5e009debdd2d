/**
 * The desktop app works on a remote node through its main process: a
 * window's IPC line with target `node:<id>` is relayed to a real `csp serve`
 * child with the token the host keeps. The page (here a ProtocolClient over
 * the IPC binding, as the preload would carry it) says hello to the node, runs
 * and streams there, and never receives the token, which is kept sealed at rest; the node going away closes
 * the line with the reason while the window's local line keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IPC_CLOSE, IPC_CONNECT, IPC_MESSAGE } from '../../shared/bridge';
import type { BridgeLine } from '../../shared/bridge';
import { ProtocolClient } from '../../shared/protocol';
import type { ClientTransport } from '../../shared/protocol';
import type { RunEvent, RunStep } from '../../shared/protocol/methods/run';
import { Host, HostLog } from '../host';
import { makeToken, serve } from '../node/__fixtures__/serve-child';
import type { ServeChild } from '../node/__fixtures__/serve-child';
import { sealNodeTokens } from '../node/nodes-handlers';
import { safeStorageSealer } from '../node/secrets';
import { FakeWebContents, safeStorage } from './fake-electron';
import { bindIpc } from './ipc';
import type { IpcBinding } from './ipc';

type Listener = (...args: unknown[]) => void;

/** ipcMain as the binding uses it: named channels with listeners. */
class FakeIpcMain {
  private readonly listeners = new Map<string, Listener[]>();
  on(channel: string, fn: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), fn]);
    return this;
  }
  removeListener(channel: string, fn: Listener): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((f) => f !== fn),
    );
    return this;
  }
  emit(channel: string, ...args: unknown[]): void {
    for (const fn of this.listeners.get(channel) ?? []) fn(...args);
  }
}

/** A window whose messages from main reach the listeners of its lines, as the preload delivers them. */
class Window extends FakeWebContents {
  readonly everything: unknown[][] = [];
  readonly receivers = new Map<string, Listener>();
  override send(channel: string, payload: unknown, line?: unknown): void {
    super.send(channel, payload);
    this.everything.push([channel, payload, line]);
    this.receivers.get(`${channel}/${String(line ?? 'workspace')}`)?.(payload);
  }
}

const ipcMain = new FakeIpcMain();
const win = new Window();
const from = (contents: FakeWebContents): unknown => ({
  sender: contents,
  senderFrame: { url: 'app://csp/index.html', parent: null },
});

/** One line of the window as a ClientTransport: what src/renderer's ipcTransport does over the preload. */
function line(target: string, name: BridgeLine): ClientTransport & { closedWith: Promise<string> } {
  let onClose: ((reason: string) => void) | undefined;
  let closed: (reason: string) => void = () => undefined;
  const closedWith = new Promise<string>((r) => (closed = r));
  win.receivers.set(`${IPC_CLOSE}/${name}`, (reason) => {
    closed(String(reason));
    onClose?.(String(reason));
  });
  ipcMain.emit(IPC_CONNECT, from(win), target, name);
  return {
    closedWith,
    send: (text) => ipcMain.emit(IPC_MESSAGE, from(win), text, name),
    onMessage: (l) => win.receivers.set(`${IPC_MESSAGE}/${name}`, (t) => l(String(t))),
    onClose: (l) => (onClose = l),
    close: () => ipcMain.emit(IPC_CLOSE, from(win), name),
  };
}

const LOOP = 'channel a, b\nP = a -> b -> P\nSYSTEM = P\n';
const studioDir = mkdtempSync(join(tmpdir(), 'csp-desktop-'));
const nodeDir = mkdtempSync(join(tmpdir(), 'csp-desktop-node-'));
let node: ServeChild;
let token = '';
let host: Host;
let binding: IpcBinding;
let nodeId = '';

beforeAll(async () => {
  token = await makeToken(nodeDir, 'laptop', 'operator');
  node = await serve(nodeDir, ['--quiet']);
  host = new Host({
    mode: 'desktop',
    dataDir: studioDir,
    version: '0.0.0-test',
    store: { error: 'no store in this test' },
    log: new HostLog(),
  });
  // As app.ts does: the OS keychain (here Electron's safeStorage as the fake provides it) seals node tokens.
  const sealer = safeStorageSealer(safeStorage, 'linux');
  if (sealer === undefined) throw new Error('the fake keychain should seal');
  sealNodeTokens(host, sealer);
  binding = bindIpc(ipcMain as never, host, (c) => c === (win as never));
}, 120_000);

afterAll(async () => {
  binding.dispose();
  await node.kill();
  rmSync(studioDir, { recursive: true, force: true });
  rmSync(nodeDir, { recursive: true, force: true });
});

describe('desktop: a window works on a remote node through the main process', () => {
  it('adds the node on the local line and keeps its token out of every message to the page', async () => {
    const local = new ProtocolClient(line('local', 'local'));
    expect((await local.hello(['ui'])).host.mode).toBe('desktop');
    const added = await local.request('nodes.add', { url: node.url, token, label: 'big-node' });
    nodeId = added.node.id;
    expect(added.health.status).toBe('ok');
    const file = readFileSync(join(studioDir, 'nodes.json'), 'utf8');
    expect(file).toContain(nodeId);
    expect(file).toContain('"tokenSealed"');
    expect(file).not.toContain(token); // sealed at rest; the relay below still opens it
  });

  it('relays the workspace line to the node: hello, run and a stream, every step once', async () => {
    const remote = new ProtocolClient(line(`node:${nodeId}`, 'workspace'));
    const hello = await remote.hello(['ui']);
    expect(hello.host.mode).toBe('remote');
    const started = await remote.request('run.start', { text: LOOP, name: 'loop.csp' });
    const steps = new Map<number, number>();
    let stopped = false;
    await remote.subscribe('run.events', {
      runId: started.runId,
      onEvent: (e: RunEvent) => {
        if (e.type === 'steps') for (const s of e.steps as RunStep[]) steps.set(s.seq, (steps.get(s.seq) ?? 0) + 1);
        if (e.type === 'stopped') stopped = true;
      },
    });
    await remote.request('run.continue', { runId: started.runId, maxSteps: 3_000 });
    await expect.poll(() => stopped, { timeout: 20_000 }).toBe(true);
    expect(steps.size).toBe(3_000);
    expect([...steps.values()].every((n) => n === 1)).toBe(true);
    // The node counts the run as its own.
    const local = new ProtocolClient(line('local', 'local'));
    await local.hello(['ui']);
    const health = await local.request('nodes.health', { id: nodeId });
    expect(health.reachable && health.health.runs.active).toBe(1);
    expect(JSON.stringify(win.everything)).not.toContain(token);
  });

  it('refuses unknown nodes and malformed targets, and ignores strangers', async () => {
    expect(await line('node:nzzzzzz', 'workspace').closedWith).toBe('no node nzzzzzz');
    const before = binding.size;
    ipcMain.emit(IPC_CONNECT, from(win), 'node:../../etc', 'workspace');
    ipcMain.emit(IPC_CONNECT, from(win), 'local', 'a-third-line');
    ipcMain.emit(IPC_CONNECT, from(new FakeWebContents()), `node:${nodeId}`, 'workspace');
    expect(binding.size).toBe(before);
  });

  it('closes the line saying so when the node dies mid-stream; the local line goes on; reattaching fails while it is down', async () => {
    const transport = line(`node:${nodeId}`, 'workspace');
    const remote = new ProtocolClient(transport);
    await remote.hello(['ui']);
    const started = await remote.request('run.start', { text: LOOP, name: 'loop.csp' });
    let seen = 0;
    await remote.subscribe('run.events', {
      runId: started.runId,
      onEvent: (e: RunEvent) => {
        if (e.type === 'steps') seen += e.steps.length;
      },
    });
    void remote.request('run.continue', { runId: started.runId, maxSteps: 50_000_000 }).catch(() => undefined);
    await expect.poll(() => seen, { timeout: 20_000 }).toBeGreaterThan(0);
    await node.kill();
    expect(await transport.closedWith).toMatch(/^node big-node went away \(code \d+/);
    expect(remote.closed).toBe(true);

    const again = line(`node:${nodeId}`, 'workspace');
    expect(await again.closedWith).toMatch(/node big-node \(ws:\/\/127\.0\.0\.1:\d+\/ws\) is unreachable/);
    const local = new ProtocolClient(line('local', 'local'));
    await local.hello(['ui']);
    const health = await local.request('nodes.health', { id: nodeId });
    expect(health.reachable).toBe(false);
    expect(JSON.stringify(win.everything)).not.toContain(token);
  });
});
