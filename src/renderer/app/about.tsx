/** Help › About: what this studio is, its versions and where its data lives. */
import type { ReactElement } from 'react';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { useHostInfo } from '../hooks';
import { useDialogs } from '../state/dialog-store';
import { Dialog } from '../ui/Dialog';

function AboutBody(): ReactElement {
  const info = useHostInfo();
  return (
    <div className="dialog-text">
      <p>Design, run, step-debug and formally check networks of communicating processes and AI agents.</p>
      <table className="facts">
        <tbody>
          <tr>
            <th scope="row">Studio</th>
            <td>
              {import.meta.env.PACKAGE_VERSION ?? 'development'} · protocol {PROTOCOL_VERSION}
            </td>
          </tr>
          <tr>
            <th scope="row">Host</th>
            <td>
              {info.data
                ? `${info.data.name} ${info.data.version} (${info.data.mode})`
                : info.isError
                  ? info.error.message
                  : 'connecting…'}
            </td>
          </tr>
          {info.data && (
            <tr>
              <th scope="row">Data folder</th>
              <td className="mono">{info.data.dataDir}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

export function showAbout(): void {
  useDialogs.getState().show((close) => (
    <Dialog
      title="About CSP Studio"
      onClose={close}
      footer={
        <button type="button" className="button button-primary" data-autofocus onClick={close}>
          Close
        </button>
      }
    >
      <AboutBody />
    </Dialog>
  ));
}
