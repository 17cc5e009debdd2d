/** The shared ProtocolClient against a real Host over the in-process transport. */
import { describe, it, expect } from 'vitest';
import type { LogEntry } from '../../shared/protocol';
import { PROTOCOL_VERSION, ProtocolClient, ProtocolError } from '../../shared/protocol';
import { connectInProcess } from './in-process';
import { testHost } from './test-helpers';

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(check()).toBe(true);
}

describe('ProtocolClient in-process', () => {
  it('does hello and typed calls', async () => {
    const host = testHost();
    const client = new ProtocolClient(connectInProcess(host).client);
    const hello = await client.hello(['ui'], { name: 'test', version: '1' });
    expect(hello.host.mode).toBe('web');
    const info = await client.request('host.info', {});
    expect(info.protocol).toBe(PROTOCOL_VERSION);
    expect(info.store).toEqual({ status: 'unavailable', message: 'no store in this test' });
  });

  it('rejects with ProtocolError carrying the code and path', async () => {
    const client = new ProtocolClient(connectInProcess(testHost()).client);
    await client.hello();
    const failure = client.request('host.log.write', { level: 'loud', source: 'x', message: 'y' } as never);
    await expect(failure).rejects.toBeInstanceOf(ProtocolError);
    await expect(failure).rejects.toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/payload\.level/),
    });
  });

  it('cancels a call: the promise rejects with cancelled', async () => {
    const client = new ProtocolClient(connectInProcess(testHost()).client);
    await client.hello();
    const controller = new AbortController();
    const call = client.request('ping', {}, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'cancelled' });
    expect((await client.request('ping', {})).pong).toBe(true);
  });

  it('streams the host log with automatic credit and reports gaps', async () => {
    const host = testHost();
    host.log.write('info', 'test', 'before');
    const client = new ProtocolClient(connectInProcess(host).client);
    await client.hello();
    const seen: Array<[number, LogEntry]> = [];
    const sub = await client.subscribe('host.log', { window: 4, onEvent: (data, seq) => seen.push([seq, data]) });
    for (let i = 0; i < 20; i++) host.log.write('info', 'test', `n${i}`);
    await until(() => seen.length === 21);
    expect(seen.map(([seq]) => seq)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(seen[0]?.[1].message).toBe('before');
    await sub.close();
  });

  it('fails pending calls when the connection closes', async () => {
    const host = testHost();
    const { client: transport, session } = connectInProcess(host);
    const client = new ProtocolClient(transport);
    await client.hello();
    session.close('test says bye');
    await until(() => client.closed);
    await expect(client.request('ping', {})).rejects.toMatchObject({ code: 'unavailable' });
  });
});
