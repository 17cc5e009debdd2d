/**
 * Renderer entry. Picks the transport (window.csp inside Electron, else a
 * WebSocket to the serving host), starts the connector, mounts the app.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { queryClient } from './app/query-client';
import { applyThemeNow } from './app/theme';
import { Connector } from './connection/connection';
import { ipcTransport, webSocketTransport } from './connection/transports';
import { setWorkspaceConnector, workspaceTarget, workspaceUrl } from './connection/workspace';
import { installGlobalErrorReporting } from './report-error';
import { useConnection } from './state/connection-store';
import './styles/tokens.css';
import './styles/app.css';
import './styles/workbench.css';

installGlobalErrorReporting();
applyThemeNow();

const bridge = window.csp;
useConnection.getState().set({ transport: bridge ? 'ipc' : 'websocket' });

const connector = new Connector({
  clientVersion: import.meta.env.PACKAGE_VERSION ?? '0.0.0',
  open: bridge
    ? () => Promise.resolve(ipcTransport(bridge, workspaceTarget(useConnection.getState().workspace)))
    : () => webSocketTransport(workspaceUrl(window.location, useConnection.getState().workspace)),
  ...(bridge
    ? {}
    : {
        checkAuth: async () => {
          try {
            const res = await fetch('/api/auth', { cache: 'no-store', credentials: 'same-origin' });
            return res.status === 401 ? 'unauthorized' : res.ok ? 'ok' : 'unreachable';
          } catch {
            return 'unreachable';
          }
        },
      }),
});
setWorkspaceConnector(connector);
connector.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App onRetry={() => connector.retryNow()} />
    </QueryClientProvider>
  </StrictMode>,
);
