/**
 * Test helpers for the host: a Host without a store and a raw session that
 * records every message the host sends, so tests can assert exact envelopes.
 * (Used only by *.test.ts files.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProtocolClient } from '../../shared/protocol';
import { openStore } from '../store';
import type { Store } from '../store';
import { Host } from './host';
import { connectInProcess } from './in-process';
import { HostLog } from './log';
import type { Session, SessionOptions } from './session';

export function testHost(log = new HostLog(() => new Date(0))): Host {
  return new Host({
    mode: 'web',
    dataDir: '/nonexistent',
    version: '0.0.0-test',
    store: { error: 'no store in this test' },
    log,
  });
}

export interface RawMessage {
  v: number;
  id?: string | number;
  type: string;
  payload: Record<string, unknown>;
}

export interface RawSession {
  readonly session: Session;
  readonly sent: RawMessage[];
  closedWith: string | undefined;
  send(message: unknown): void;
  /** Sends a request and returns the host's reply to it (handlers may be async). */
  call(type: string, payload: unknown, id?: string | number): Promise<RawMessage>;
}

let nextId = 1000;

export function rawSession(host: Host, options: SessionOptions = { idleTimeoutMs: 0 }): RawSession {
  const sent: RawMessage[] = [];
  const raw: RawSession = {
    sent,
    closedWith: undefined,
    session: host.connect(
      {
        send: (text) => sent.push(JSON.parse(text) as RawMessage),
        close: (reason) => {
          raw.closedWith = reason;
        },
      },
      options,
    ),
    send: (message) => raw.session.receive(typeof message === 'string' ? message : JSON.stringify(message)),
    async call(type, payload, id = nextId++) {
      raw.send({ v: 1, id, type, payload });
      for (let i = 0; i < 50; i++) {
        const reply = sent.find((m) => m.id === id && (m.type === 'result' || m.type === 'error'));
        if (reply) return reply;
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      throw new Error(`no reply to ${type}`);
    },
  };
  return raw;
}

export async function helloed(host: Host, options?: SessionOptions): Promise<RawSession> {
  const raw = rawSession(host, options);
  const reply = await raw.call('hello', { protocol: '1.0' });
  if (reply.type !== 'result') throw new Error(`hello failed: ${JSON.stringify(reply)}`);
  return raw;
}

let requestId = 0;

/**
 * Sends a request and waits (real time) for its reply: run.* and check.*
 * answer from worker threads, so tests poll rather than assume a tick.
 */
export async function request(raw: RawSession, type: string, payload: unknown, ms = 60_000): Promise<RawMessage> {
  const id = `req${++requestId}`;
  raw.send({ v: 1, id, type, payload });
  const start = Date.now();
  for (;;) {
    const reply = raw.sent.find((m) => m.id === id && (m.type === 'result' || m.type === 'error'));
    if (reply) return reply;
    if (Date.now() - start > ms) throw new Error(`no reply to ${type} within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface StoreHost {
  readonly host: Host;
  readonly store: Store;
  readonly dataDir: string;
  /** The store's clock (ms); tests move it forward. */
  readonly clock: { t: number };
  /** A typed client over the in-process transport, after hello. */
  readonly client: ProtocolClient;
  close(): Promise<void>;
}

/** A host over a real SQLite store in a fresh temporary folder, with a connected client. */
export async function storeHost(): Promise<StoreHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'csp-host-store-'));
  const clock = { t: 1_764_000_000_000 };
  const store = openStore({ dataDir, role: 'cli', now: () => clock.t, actor: 'tester' });
  const host = new Host({ mode: 'web', dataDir, version: '0.0.0-test', store, log: new HostLog(() => new Date(0)) });
  const client = new ProtocolClient(connectInProcess(host).client);
  await client.hello();
  return {
    host,
    store,
    dataDir,
    clock,
    client,
    async close() {
      client.close();
      host.close();
      await host.services.runs.stopAll();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
