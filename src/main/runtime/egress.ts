/**
 * Where the HTTP and agent nodes of a run may connect to, on a node
 * (`csp serve`). By default nothing private: no loopback, private, link-local,
 * carrier-grade NAT, multicast or reserved address, so a workflow deployed to
 * a node cannot reach the node's own services or its network's. `--egress-allow`
 * names exceptions (a host name, an address or a CIDR block).
 *
 * The name is resolved once, every address it resolves to is checked, and the
 * socket connects to the checked address: a DNS answer that changes between
 * the check and the connection (DNS rebinding) cannot slip a private address
 * in. `egressFetch` is a `fetch` made that way (node:http/https with a lookup
 * of our own), handed to the nodes in place of the global one.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { Readable } from 'node:stream';

export interface EgressPolicy {
  /** Host names, addresses and CIDR blocks allowed even though private. */
  readonly allow: readonly string[];
}

/** A connection the policy refused; `message` says what and why. */
export class EgressRefused extends Error {
  override readonly name = 'EgressRefused';
}

const SPECIAL_V4: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];
const SPECIAL_V6: readonly [string, number, string][] = [
  ['::', 128, 'an unspecified address'],
  ['::1', 128, 'a loopback address'],
  ['100::', 64, 'a discard address'],
  ['2001:db8::', 32, 'a documentation address'],
  ['fc00::', 7, 'a private (unique local) address'],
  ['fe80::', 10, 'a link-local address'],
  ['ff00::', 8, 'a multicast address'],
];

const special = SPECIAL_V4.map(([net, bits, why]) => ({ list: subnet(net, bits, 'ipv4'), why })).concat(
  SPECIAL_V6.map(([net, bits, why]) => ({ list: subnet(net, bits, 'ipv6'), why })),
);

function subnet(net: string, bits: number, family: 'ipv4' | 'ipv6'): BlockList {
  const b = new BlockList();
  b.addSubnet(net, bits, family);
  return b;
}

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address, if it is one. */
function embeddedV4(address: string): string | undefined {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1];
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address is not public ("a loopback address"), or undefined when it is. */
export function specialAddress(address: string): string | undefined {
  const v4 = isIP(address) === 6 ? embeddedV4(address) : address;
  const family = v4 !== undefined && isIP(v4) === 4 ? 'ipv4' : 'ipv6';
  const target = family === 'ipv4' ? v4! : address;
  return special.find((s) => s.list.check(target, family))?.why;
}

interface Allowed {
  readonly names: readonly string[];
  readonly blocks: BlockList;
}

function allowed(policy: EgressPolicy): Allowed {
  const blocks = new BlockList();
  const names: string[] = [];
  for (const entry of policy.allow) {
    const [net, bits] = entry.split('/');
    const family = isIP(net ?? '');
    if (family !== 0 && bits !== undefined) blocks.addSubnet(net!, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
    else if (family !== 0) blocks.addAddress(net!, family === 4 ? 'ipv4' : 'ipv6');
    else names.push(entry.toLowerCase());
  }
  return { names, blocks };
}

/** Checks an --egress-allow entry; a message for people when it is not a name, address or CIDR block. */
export function egressEntryProblem(entry: string): string | undefined {
  const [net, bits, extra] = entry.split('/');
  if (extra !== undefined) return `${JSON.stringify(entry)} has two slashes`;
  const family = isIP(net ?? '');
  if (bits !== undefined) {
    const n = Number(bits);
    if (family === 0 || !Number.isInteger(n) || n < 0 || n > (family === 4 ? 32 : 128))
      return `${JSON.stringify(entry)} is not a CIDR block like 10.1.0.0/16`;
    return undefined;
  }
  if (family === 0 && !/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(entry))
    return `${JSON.stringify(entry)} is not a host name, an address or a CIDR block`;
  return undefined;
}

function nameAllowed(a: Allowed, host: string): boolean {
  const h = host.toLowerCase();
  return a.names.some((n) => n === h || (n.startsWith('*.') && h.endsWith(n.slice(1))));
}

/** Undefined when `host` (already resolved to `address`) may be reached; otherwise why not. */
export function egressProblem(policy: EgressPolicy, host: string, address: string): string | undefined {
  const a = allowed(policy);
  if (nameAllowed(a, host)) return undefined;
  const why = specialAddress(address);
  if (why === undefined) return undefined;
  const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
  if (a.blocks.check(address, family)) return undefined;
  const shown = host === address ? address : `${host} (${address})`;
  return `egress refused: ${shown} is ${why}; this node lets workflows reach public addresses only (its operator can allow more with csp serve --egress-allow)`;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for node:http that resolves once and refuses what the policy does not allow. */
export function guardedLookup(
  policy: EgressPolicy,
): (host: string, options: { all?: boolean }, callback: LookupCallback) => void {
  return (host, options, callback) => {
    dnsLookup(host, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses;
      const refused = list.map((x) => egressProblem(policy, host, x.address)).find((p) => p !== undefined);
      if (refused !== undefined) return callback(new EgressRefused(refused), []);
      const first = list[0];
      if (first === undefined)
        return callback(Object.assign(new Error(`${host} resolves to no address`), { code: 'ENOTFOUND' }), []);
      // The socket connects to an address checked here (no second resolution).
      if (options.all === true) callback(null, list);
      else callback(null, first.address, first.family);
    });
  };
}

/** `fetch` through the egress policy (redirects are not followed; the caller sees the 3xx). */
export function egressFetch(policy: EgressPolicy): typeof fetch {
  const lookup = guardedLookup(policy);
  const impl = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> =>
    new Promise((resolve, reject) => {
      const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return reject(new TypeError(`fetch failed: ${url.protocol} is not http or https`));
      const host = url.hostname.replace(/^\[|\]$/g, '');
      // An address in the URL is never looked up, so it is checked here.
      if (isIP(host) !== 0) {
        const refused = egressProblem(policy, host, host);
        if (refused !== undefined) return reject(new TypeError('fetch failed', { cause: new EgressRefused(refused) }));
      }
      const signal = init.signal ?? undefined;
      if (signal?.aborted === true) return reject(signal.reason as Error);
      const headers = new Headers(init.headers);
      const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = request(
        url,
        { method: init.method ?? 'GET', headers: Object.fromEntries(headers.entries()), lookup: lookup as never },
        (res: IncomingMessage) => {
          const outHeaders = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) outHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
          const status = res.statusCode ?? 0;
          const noBody = status === 204 || status === 304 || (init.method ?? 'GET').toUpperCase() === 'HEAD';
          resolve(
            new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
              status,
              statusText: res.statusMessage ?? '',
              headers: outHeaders,
            }),
          );
        },
      );
      const onAbort = (): void => {
        req.destroy(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('close', () => signal?.removeEventListener('abort', onAbort));
      req.on('error', (error) =>
        reject(signal?.aborted === true ? (signal.reason as Error) : new TypeError('fetch failed', { cause: error })),
      );
      const body = init.body;
      if (body !== undefined && body !== null)
        req.end(typeof body === 'string' ? body : Buffer.from(body as ArrayBuffer));
      else req.end();
    });
  return impl as typeof fetch;
}
