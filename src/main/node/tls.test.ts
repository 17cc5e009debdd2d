/**
 * A node over TLS (`csp serve --tls-cert --tls-key`, certificates made by
 * openssl) and a studio that pins its certificate on first use: the pin is
 * kept in a file, reused, and a node that comes back with another
 * certificate is refused before the token is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RemoteNode } from './client/remote-node';
import type { NodeStatus } from './client/remote-node';
import { FilePins } from './client/pins';
import { makeToken, serve } from './__fixtures__/serve-child';
import { parsePrometheus, sum } from './__fixtures__/tools';

const dir = mkdtempSync(join(tmpdir(), 'csp-tls-'));
const dataDir = join(dir, 'data');
const pinFile = join(dir, 'pins.json');
let token = '';

function certificate(name: string): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

function metricsOf(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/metrics',
        rejectUnauthorized: false,
        headers: { Authorization: `Bearer ${token}` },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  token = await makeToken(dataDir, 'studio', 'operator');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a node over TLS with a pinned certificate', () => {
  it('pins on first use, reuses the pin, and refuses a changed certificate before sending the token', async () => {
    const a = certificate('a');
    const first = await serve(dataDir, ['--quiet', '--tls-cert', a.cert, '--tls-key', a.key]);
    expect(first.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
    const statuses: NodeStatus[] = [];
    const one = new RemoteNode({
      url: first.url,
      token,
      pins: new FilePins(pinFile),
      onStatus: (s) => statuses.push(s),
    });
    await one.start();
    const online = statuses.find((s) => s.state === 'online');
    expect(online).toMatchObject({ pin: { firstUse: true } });
    const fingerprint = (JSON.parse(readFileSync(pinFile, 'utf8')) as Record<string, string>)[
      `127.0.0.1:${first.port}`
    ];
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect((await one.health()).tls).toBe(true);
    one.close();
    const again: NodeStatus[] = [];
    const two = new RemoteNode({ url: first.url, token, pins: new FilePins(pinFile), onStatus: (s) => again.push(s) });
    await two.start();
    expect(again.find((s) => s.state === 'online')).toMatchObject({ pin: { fingerprint, firstUse: false } });
    two.close();
    expect(await first.stop()).toBe(0);

    // The same address comes back with another certificate.
    const b = certificate('b');
    const second = await serve(dataDir, [
      '--quiet',
      '--tls-cert',
      b.cert,
      '--tls-key',
      b.key,
      '--port',
      String(first.port),
    ]);
    try {
      const three = new RemoteNode({ url: first.url, token, pins: new FilePins(pinFile) });
      await expect(three.start()).rejects.toThrow(
        `the certificate of 127.0.0.1:${first.port} changed: pinned ${fingerprint}, now `,
      );
      expect(three.status).toMatchObject({ state: 'failed', code: 'pin_mismatch' });
      const samples = parsePrometheus(await metricsOf(second.port));
      // Only this scrape reached the node: the studio never sent its upgrade request (nor its token).
      expect(sum(samples, 'csp_protocol_connections_total')).toBe(0);
      expect(sum(samples, 'csp_protocol_errors_total')).toBe(0);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 120_000);

  it('says clearly when the pin file is damaged', () => {
    writeFileSync(pinFile, '{ not json');
    expect(() => new FilePins(pinFile).get('x:1')).toThrow(`the node pin file ${pinFile} is not valid JSON`);
  });
});
