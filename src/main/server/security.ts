/**
 * Who may talk to a web-mode host. Browsers let any page open a WebSocket or
 * send a request to 127.0.0.1, so every HTTP request and upgrade is checked:
 *  - Host must name this server (defeats DNS rebinding: evil.com → 127.0.0.1);
 *  - Origin, when present, must be this server's own origin (or app://);
 *  - the per-launch token must be presented, as the HttpOnly cookie set when the
 *    printed URL is opened, or as ?token= (first visit, non-browser clients).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_COOKIE = 'csp_token';

export interface Gate {
  readonly port: number;
  readonly token: string;
}

export type Verdict = { ok: true; via: 'cookie' | 'query' } | { ok: false; status: 401 | 403; reason: string };

function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, 'app://csp'];
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks Host, Origin and the token of one request or upgrade. */
export function checkRequest(gate: Gate, headers: IncomingHttpHeaders, url: URL): Verdict {
  const host = headers.host;
  if (!host || !allowedHosts(gate.port).includes(host.toLowerCase())) {
    return { ok: false, status: 403, reason: `Host header ${JSON.stringify(host ?? '')} is not this server` };
  }
  const origin = headers.origin;
  if (origin !== undefined && !allowedOrigins(gate.port).includes(origin.toLowerCase())) {
    return { ok: false, status: 403, reason: `Origin ${origin} may not use this host` };
  }
  const cookie = parseCookies(headers.cookie).get(TOKEN_COOKIE);
  if (cookie !== undefined && sameSecret(cookie, gate.token)) return { ok: true, via: 'cookie' };
  const query = url.searchParams.get('token');
  if (query !== null && sameSecret(query, gate.token)) return { ok: true, via: 'query' };
  return { ok: false, status: 401, reason: 'missing or wrong token: open the URL the host printed at start' };
}

export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
