/**
 * The node's gate, without a server: Host names (any port), Origin, bearer
 * tokens (stored, launch) and the failed sign-in allowance, with a moved clock.
 */
import { describe, expect, it } from 'vitest';
import { AuthLimiter } from './auth-limiter';
import { NodeGate, splitHostHeader } from './gate';
import type { TokenLookup } from './gate';

const stored: TokenLookup = (token) =>
  token === 'good'
    ? {
        ok: true,
        info: {
          id: 7,
          name: 'ci',
          role: 'operator',
          createdAt: 0,
          expiresAt: undefined,
          lastUsedAt: undefined,
          revokedAt: undefined,
        },
      }
    : { ok: false, reason: token === 'old' ? 'revoked' : 'unknown' };

function gate(extra: Partial<ConstructorParameters<typeof NodeGate>[0]> = {}): NodeGate {
  return new NodeGate({
    listenHost: '127.0.0.1',
    allowHosts: ['node.example'],
    allowOrigins: ['https://studio.example'],
    authenticate: stored,
    ...extra,
  });
}

const bearer = (t: string): { authorization: string } => ({ authorization: `Bearer ${t}` });

describe('node gate', () => {
  it('reads Host headers with and without ports, IPv6 in brackets', () => {
    expect(splitHostHeader('Node.Example:7420')).toEqual({ name: 'node.example', port: 7420 });
    expect(splitHostHeader('[::1]:80')).toEqual({ name: '::1', port: 80 });
    expect(splitHostHeader('localhost')).toEqual({ name: 'localhost' });
    expect(splitHostHeader('a b')).toBeUndefined();
  });

  it('accepts its own names on any port and refuses others (DNS rebinding)', () => {
    const g = gate();
    for (const host of ['127.0.0.1:1', 'localhost:7420', '[::1]:9', 'node.example:443', 'NODE.EXAMPLE'])
      expect(g.checkPlace({ host }).ok, host).toBe(true);
    for (const host of ['evil.example:7420', '10.0.0.1:7420', undefined])
      expect(g.checkPlace(host === undefined ? {} : { host }).ok, String(host)).toBe(false);
  });

  it('refuses browser origins unless listed', () => {
    const g = gate();
    expect(g.checkPlace({ host: 'localhost', origin: 'https://studio.example' }).ok).toBe(true);
    expect(g.checkPlace({ host: 'localhost', origin: 'http://evil.example' })).toMatchObject({
      ok: false,
      status: 403,
      reason: expect.stringContaining('Origin http://evil.example may not use this node'),
    });
  });

  it('knows stored tokens and the launch token, and says why others fail', () => {
    const g = gate({ launchToken: 'launch-0123456789' });
    expect(g.check({ host: 'localhost', ...bearer('good') }, 'a')).toEqual({
      ok: true,
      principal: { actor: 'token:ci', role: 'operator', tokenId: 7 },
    });
    expect(g.check({ host: 'localhost', ...bearer('launch-0123456789') }, 'a')).toEqual({
      ok: true,
      principal: { actor: 'token:launch', role: 'admin' },
    });
    expect(g.check({ host: 'localhost', ...bearer('old') }, 'a')).toMatchObject({
      ok: false,
      status: 401,
      reason: 'the token was revoked',
    });
    expect(g.check({ host: 'localhost' }, 'a')).toMatchObject({
      ok: false,
      status: 401,
      reason: expect.stringContaining('no token'),
    });
    expect(g.check({ host: 'localhost', authorization: 'Basic xyz' }, 'a')).toMatchObject({ ok: false, status: 401 });
  });

  it('locks an address out after its failed sign-ins (even a good token), tells once, and lets it back after a while', () => {
    let t = 0;
    const locked: string[] = [];
    const g = gate({ limiter: new AuthLimiter({ attempts: 3, perSeconds: 30, now: () => t }) });
    g.onLockout((a) => locked.push(a));
    for (let i = 0; i < 3; i++)
      expect(g.check({ host: 'localhost', ...bearer('bad') }, '10.1.1.1')).toMatchObject({ status: 401 });
    expect(locked).toEqual(['10.1.1.1']);
    expect(g.check({ host: 'localhost', ...bearer('good') }, '10.1.1.1')).toMatchObject({
      ok: false,
      status: 429,
      retryAfter: 10,
    });
    expect(g.check({ host: 'localhost', ...bearer('good') }, '10.2.2.2').ok).toBe(true);
    t = 10_000;
    expect(g.check({ host: 'localhost', ...bearer('good') }, '10.1.1.1').ok).toBe(true);
  });

  it('forgets addresses beyond its table size, full buckets first', () => {
    let t = 0;
    const limiter = new AuthLimiter({ attempts: 2, perSeconds: 10, maxAddresses: 2, now: () => t });
    limiter.failed('a');
    limiter.failed('b');
    t = 20_000; // a and b have refilled
    limiter.failed('c');
    limiter.failed('c');
    expect(limiter.blockedFor('c')).toBeGreaterThan(0);
    expect(limiter.blockedFor('a')).toBe(0);
  });
});
