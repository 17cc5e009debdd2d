/**
 * The egress policy: which addresses are special, what --egress-allow lets
 * through, and a fetch that refuses private addresses before connecting
 * (a real HTTP server on 127.0.0.1 counts the requests that reach it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { egressEntryProblem, egressFetch, egressProblem, specialAddress } from './egress';
import { performRequest } from './builtins/http';

let server: Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address();
  port = typeof a === 'object' && a !== null ? a.port : 0;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('egress policy', () => {
  it('knows loopback, private, link-local and other special addresses, mapped ones too', () => {
    const cases: [string, string | undefined][] = [
      ['127.0.0.1', 'a loopback address'],
      ['10.2.3.4', 'a private address'],
      ['172.31.255.1', 'a private address'],
      ['192.168.1.1', 'a private address'],
      ['169.254.169.254', 'a link-local address'],
      ['100.100.1.1', 'a carrier-grade NAT address'],
      ['0.0.0.0', 'an unspecified address'],
      ['::1', 'a loopback address'],
      ['fe80::1', 'a link-local address'],
      ['fd12::1', 'a private (unique local) address'],
      ['::ffff:127.0.0.1', 'a loopback address'],
      ['::ffff:7f00:1', 'a loopback address'],
      ['8.8.8.8', undefined],
      ['2606:4700::1111', undefined],
    ];
    for (const [address, why] of cases) expect(specialAddress(address), address).toBe(why);
  });

  it('lets --egress-allow names, addresses and blocks through', () => {
    expect(egressProblem({ allow: [] }, 'db.internal', '10.0.0.5')).toContain(
      'egress refused: db.internal (10.0.0.5) is a private address',
    );
    expect(egressProblem({ allow: ['db.internal'] }, 'db.internal', '10.0.0.5')).toBeUndefined();
    expect(egressProblem({ allow: ['*.internal'] }, 'llm.internal', '10.0.0.6')).toBeUndefined();
    expect(egressProblem({ allow: ['10.0.0.0/24'] }, 'x', '10.0.0.7')).toBeUndefined();
    expect(egressProblem({ allow: ['10.0.0.0/24'] }, 'x', '10.0.1.7')).toBeDefined();
    expect(egressProblem({ allow: [] }, 'example.com', '93.184.215.14')).toBeUndefined();
    expect(egressEntryProblem('10.0.0.0/33')).toContain('not a CIDR block');
    expect(egressEntryProblem('not a host')).toContain('not a host name');
    expect(egressEntryProblem('*.corp.example')).toBeUndefined();
  });

  it('refuses 127.0.0.1 and names resolving to loopback before connecting, and reaches them when allowed', async () => {
    const guarded = egressFetch({ allow: [] });
    const before = hits;
    await expect(guarded(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({
      cause: { message: expect.stringContaining('egress refused: 127.0.0.1 is a loopback address') },
    });
    await expect(guarded(`http://localhost:${port}/`)).rejects.toMatchObject({
      cause: {
        message: expect.stringMatching(/egress refused: localhost \((127\.0\.0\.1|::1)\) is a loopback address/),
      },
    });
    expect(hits).toBe(before);
    const open = egressFetch({ allow: ['127.0.0.1', 'localhost'] });
    const res = await open(`http://localhost:${port}/x`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(hits).toBe(before + 1);
  });

  it('gives the HTTP node a plain reason', async () => {
    const config = { url: `http://127.0.0.1:${port}/`, method: 'GET' as const, allow: [`127.0.0.1:${port}`] };
    await expect(performRequest(config, config.url, {}, {}, egressFetch({ allow: [] }))).rejects.toThrow(
      /^egress refused: 127\.0\.0\.1 is a loopback address; this node lets workflows reach public addresses only/,
    );
  });
});
