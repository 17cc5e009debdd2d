import { describe, expect, it } from 'vitest';
import { listenPlan, nodeConfig } from './config';

describe('csp serve options', () => {
  it('defaults to loopback on port 7420 with a rate limit', () => {
    expect(nodeConfig({})).toMatchObject({
      host: '127.0.0.1',
      port: 7420,
      insecureNoTls: false,
      rateLimit: { perSecond: 100, burst: 200 },
    });
  });

  it('says which option is wrong', () => {
    expect(() => nodeConfig({ port: 'eighty' })).toThrow('--port must be an integer 0..65535, got "eighty"');
    expect(() => nodeConfig({ host: 'bad host' })).toThrow('--host must be an IP address or a host name');
    expect(() => nodeConfig({ tlsCert: 'a.pem' })).toThrow('--tls-cert and --tls-key go together');
    expect(() => nodeConfig({ tlsCert: '/nonexistent.pem', tlsKey: '/nonexistent.pem' })).toThrow(
      '--tls-cert /nonexistent.pem: no such file',
    );
    expect(() => nodeConfig({ tlsCert: 'a', tlsKey: 'b', insecureNoTls: true })).toThrow(
      '--insecure-no-tls contradicts --tls-cert',
    );
    expect(() => nodeConfig({ allowOrigin: ['https://x.example/path'] })).toThrow('--allow-origin must be an origin');
    expect(() => nodeConfig({ rateLimit: '0' })).toThrow('--rate-limit must be');
  });

  it('refuses a non-loopback listen without tokens or TLS; warns about --insecure-no-tls', () => {
    const open = nodeConfig({ host: '0.0.0.0' });
    expect(listenPlan(open, 0, '/d')).toMatchObject({ ok: false, reason: expect.stringContaining('no access tokens') });
    expect(listenPlan(open, 1, '/d')).toMatchObject({ ok: false, reason: expect.stringContaining('without TLS') });
    const insecure = listenPlan(nodeConfig({ host: '0.0.0.0', insecureNoTls: true }), 1, '/d');
    expect(insecure).toMatchObject({
      ok: true,
      launchToken: false,
      warnings: [expect.stringContaining('WARNING: --insecure-no-tls')],
    });
  });

  it('makes a launch token only for a loopback node with no stored tokens', () => {
    expect(listenPlan(nodeConfig({}), 0, '/d')).toEqual({ ok: true, launchToken: true, warnings: [] });
    expect(listenPlan(nodeConfig({}), 2, '/d')).toEqual({ ok: true, launchToken: false, warnings: [] });
    expect(listenPlan(nodeConfig({ host: '::1' }), 0, '/d')).toMatchObject({ ok: true, launchToken: true });
  });
});
