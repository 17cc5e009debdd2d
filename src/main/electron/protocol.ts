/**
 * The privileged `app://csp/` scheme that serves out/renderer in the desktop
 * app, instead of file:// (which has no real origin and breaks module workers).
 * Responses carry the same Content-Security-Policy as web mode.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp-header';
import { resolveInside } from '../server/static';
import { APP_HOST, APP_SCHEME } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Answers app://csp/<path> from rendererDir; anything else is 404. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file =
      url.host === APP_HOST
        ? resolveInside(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname)
        : undefined;
    const body = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!body)
      return new Response('not found', {
        status: 404,
        headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      });
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': TYPES[extname(file ?? '')] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}
