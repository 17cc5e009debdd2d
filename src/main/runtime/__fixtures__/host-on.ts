/**
 * A host on a data folder, with its store and an in-process protocol client,
 * as the app opens it (the real clock; a fixed log clock). Tests open one per
 * "app start" to see what survives a restart. Every host opened here is
 * closed by `closeOpenHosts` (in afterAll), so no run worker outlives its test
 * file even when a test fails or times out.
 */
import { ProtocolClient } from '../../../shared/protocol';
import { Host } from '../../host/host';
import { connectInProcess } from '../../host/in-process';
import { HostLog } from '../../host/log';
import { openStore, type Store } from '../../store';

export interface OpenedHost {
  readonly host: Host;
  readonly store: Store;
  readonly client: ProtocolClient;
  /** Stops its runs and closes the client, the host and the store; safe to call twice. */
  close(): Promise<void>;
}

const openHosts = new Set<OpenedHost>();

export async function hostOn(dataDir: string): Promise<OpenedHost> {
  const store = openStore({ dataDir, role: 'cli' });
  const host = new Host({ mode: 'web', dataDir, version: '0.0.0-test', store, log: new HostLog(() => new Date(0)) });
  const client = new ProtocolClient(connectInProcess(host).client);
  const opened: OpenedHost = {
    host,
    store,
    client,
    async close() {
      if (!openHosts.delete(opened)) return;
      await host.services.runs.stopAll();
      client.close();
      host.close();
      store.close();
    },
  };
  openHosts.add(opened);
  await client.hello();
  return opened;
}

/** Closes every host still open. */
export async function closeOpenHosts(): Promise<void> {
  for (const opened of [...openHosts]) await opened.close();
}
