/**
 * The Content-Security-Policy of the UI, shared by web mode (HTTP header) and
 * Electron (app:// responses). Monaco injects styles, hence 'unsafe-inline' for
 * style-src only; scripts and workers come from our own origin, nothing else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
