/**
 * Unexpected renderer errors go to the host log (visible in the Output panel
 * and on the host's stderr) so they are never silently swallowed.
 */
import { isBenignWindowError } from './browser-noise';
import { useConnection } from './state/connection-store';

export function reportError(error: unknown, context?: string): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const message = (context ? `${text}\n${context.trim()}` : text).slice(0, 8000);
  console.error(error);
  const client = useConnection.getState().client;
  client?.request('host.log.write', { level: 'error', source: 'renderer', message }).catch(() => undefined);
}

export function installGlobalErrorReporting(): void {
  window.addEventListener('error', (event) => {
    if (event.error == null && isBenignWindowError(event.message)) return;
    reportError(event.error ?? event.message);
  });
  window.addEventListener('unhandledrejection', (event) => reportError(event.reason));
}
