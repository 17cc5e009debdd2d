/**
 * Who may talk to a node. Every HTTP request and WebSocket upgrade passes,
 * in order:
 *  1. Host must name this node (its listen address, a loopback name when it
 *     listens there, an address of this machine when it listens on all of
 *     them, or a name given with --allow-host), which defeats DNS rebinding
 *     (any port: a proxy or port forward may change it);
 *  2. Origin, when a browser sends one, must be listed with --allow-origin
 *     (none by default: the studio attaches from its host process, not from a page);
 *  3. the client's address must not be over its failed sign-in allowance (429);
 *  4. `Authorization: Bearer <token>`: a stored token (`csp tokens`) or, on a
 *     loopback node with no stored token, the token printed at start.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { networkInterfaces, hostname } from 'node:os';
import type { NodeRole } from '../../shared/protocol';
import type { TokenInfo } from '../store';
import { AuthLimiter } from './auth-limiter';

/** Who a request comes from once its token is accepted. */
export interface Principal {
  /** `token:<name>`, as written in the audit ledger. */
  readonly actor: string;
  readonly role: NodeRole;
  /** The stored token's id (absent for the launch token). */
  readonly tokenId?: number;
}

export type GateVerdict =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly status: 401 | 403 | 429; readonly reason: string; readonly retryAfter?: number };

export interface GateOptions {
  readonly listenHost: string;
  readonly allowHosts: readonly string[];
  readonly allowOrigins: readonly string[];
  /** Looks a presented token up in the store. */
  readonly authenticate: (token: string) => ReturnType<TokenLookup>;
  /** The token printed at start when the node has no stored tokens (loopback only). */
  readonly launchToken?: string;
  readonly limiter?: AuthLimiter;
}

export type TokenLookup = (
  token: string,
) => { ok: true; info: TokenInfo } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

const WILDCARDS = new Set(['0.0.0.0', '::', '']);
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** "name:port", "[v6]:port" or "name" → lower-case name without brackets, and the port when given. */
export function splitHostHeader(header: string): { name: string; port?: number } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s/]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!m) return undefined;
  const name = m[1]!.toLowerCase().replace(/^\[|\]$/g, '');
  return m[2] === undefined ? { name } : { name, port: Number(m[2]) };
}

function allowedNames(o: Pick<GateOptions, 'listenHost' | 'allowHosts'>): Set<string> {
  const names = new Set(o.allowHosts.map((h) => h.toLowerCase()));
  const listen = o.listenHost.toLowerCase();
  if (WILDCARDS.has(listen)) {
    for (const n of LOOPBACK_NAMES) names.add(n);
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) names.add(a.address.toLowerCase());
    names.add(hostname().toLowerCase());
  } else {
    names.add(listen);
    if (isLoopback(listen)) for (const n of LOOPBACK_NAMES) names.add(n);
  }
  return names;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class NodeGate {
  private readonly names: Set<string>;
  private readonly origins: Set<string>;
  readonly limiter: AuthLimiter;
  private lockout: (address: string) => void = () => undefined;

  constructor(private readonly o: GateOptions) {
    this.names = allowedNames(o);
    this.origins = new Set(o.allowOrigins.map((x) => x.toLowerCase().replace(/\/$/, '')));
    this.limiter = o.limiter ?? new AuthLimiter();
  }

  /** Told when an address uses up its allowance (once per lockout): the audit ledger hears of it. */
  onLockout(listener: (address: string) => void): void {
    this.lockout = listener;
  }

  /** Host and Origin only (no token): what every request must pass first. */
  checkPlace(headers: IncomingHttpHeaders): { ok: true } | { ok: false; status: 403; reason: string } {
    // The name is what defeats DNS rebinding; the port may differ behind a proxy or port forward.
    const host = headers.host === undefined ? undefined : splitHostHeader(headers.host);
    if (host === undefined || !this.names.has(host.name)) {
      return {
        ok: false,
        status: 403,
        reason: `Host header ${JSON.stringify(headers.host ?? '')} does not name this node (add the name with --allow-host)`,
      };
    }
    const origin = headers.origin;
    if (origin !== undefined && !this.origins.has(origin.toLowerCase())) {
      return {
        ok: false,
        status: 403,
        reason: `Origin ${origin} may not use this node (browsers are refused unless --allow-origin names them)`,
      };
    }
    return { ok: true };
  }

  /** The full check of one request or upgrade from `address`. */
  check(headers: IncomingHttpHeaders, address: string): GateVerdict {
    const place = this.checkPlace(headers);
    if (!place.ok) return place;
    const wait = this.limiter.blockedFor(address);
    if (wait > 0)
      return {
        ok: false,
        status: 429,
        reason: `too many failed sign-ins from ${address}; try again in ${wait} s`,
        retryAfter: wait,
      };
    const header = headers.authorization;
    const m = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
    const verdict =
      m === null
        ? this.refuse(
            address,
            'no token: send the header "Authorization: Bearer <token>" (csp tokens create makes one)',
          )
        : this.byToken(m[1]!, address);
    return verdict;
  }

  private byToken(token: string, address: string): GateVerdict {
    if (this.o.launchToken !== undefined && sameSecret(token, this.o.launchToken)) {
      return { ok: true, principal: { actor: 'token:launch', role: 'admin' } };
    }
    const found = this.o.authenticate(token);
    if (found.ok)
      return {
        ok: true,
        principal: { actor: `token:${found.info.name}`, role: found.info.role, tokenId: found.info.id },
      };
    const why = found.reason === 'unknown' ? 'the token is not known to this node' : `the token was ${found.reason}`;
    return this.refuse(address, why);
  }

  private refuse(address: string, reason: string): GateVerdict {
    if (this.limiter.failed(address)) this.lockout(address);
    return { ok: false, status: 401, reason };
  }
}
