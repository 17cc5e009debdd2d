/** Settings: preferences of this UI, and facts about the host it is attached to. */
import type { ReactElement } from 'react';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { useHostInfo } from '../../hooks';
import { statusLabel, useConnection } from '../../state/connection-store';
import { ViewFrame } from '../../ui/ViewFrame';
import { PreferencesCard } from './PreferencesCard';

function Row({ label, value, mono }: { label: string; value: string; mono?: boolean }): ReactElement {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td className={mono ? 'mono' : undefined}>{value}</td>
    </tr>
  );
}

export function SettingsView(): ReactElement {
  const info = useHostInfo();
  const status = useConnection((s) => s.status);
  const transport = useConnection((s) => s.transport);
  const hello = useConnection((s) => s.hello);
  const d = info.data;
  return (
    <ViewFrame title="Settings" subtitle="Appearance, saving, layout; host, store and connection">
      <div className="settings">
        <PreferencesCard />
        <section className="card">
          <h2>Connection</h2>
          <table className="facts">
            <tbody>
              <Row label="Status" value={statusLabel(status)} />
              <Row label="Transport" value={transport === 'ipc' ? 'Electron IPC' : 'WebSocket'} />
              <Row label="Protocol" value={`UI ${PROTOCOL_VERSION}${hello ? ` · host ${hello.protocol}` : ''}`} />
              {hello && <Row label="Session" value={hello.sessionId} mono />}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h2>Host</h2>
          {info.isError && <p className="error-text">Could not read host info: {info.error.message}</p>}
          {!d && !info.isError && <p className="muted">Waiting for the host…</p>}
          {d && (
            <table className="facts">
              <tbody>
                <Row label="Name" value={`${d.name} ${d.version}`} />
                <Row label="Mode" value={d.mode} />
                <Row label="Data folder" value={d.dataDir} mono />
                <Row
                  label="Store"
                  value={
                    d.store.status === 'open'
                      ? `${d.store.path} (schema ${d.store.schemaVersion})`
                      : `unavailable: ${d.store.message}`
                  }
                  mono
                />
                <Row label="Platform" value={`${d.platform} · Node ${d.nodeVersion}`} />
                {d.store.status === 'open' && d.store.secrets && (
                  <Row
                    label="Secrets"
                    value={`${d.store.secrets.encrypted ? 'encrypted' : 'not encrypted'}: ${d.store.secrets.description}`}
                  />
                )}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </ViewFrame>
  );
}
