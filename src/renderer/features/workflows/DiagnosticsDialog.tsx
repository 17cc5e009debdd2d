/**
 * A dialog listing diagnostics with their line and column (an import that was
 * refused, a stored file the canvas cannot draw). Nothing was stored or
 * changed when it shows; each row says exactly where the problem is.
 */
import type { ReactElement } from 'react';
import { useDialogs } from '../../state/dialog-store';
import { Dialog } from '../../ui/Dialog';
import type { Diagnostic } from '../problems/problems-store';

export interface DiagnosticsDialogProps {
  title: string;
  intro: string;
  fileName: string;
  diagnostics: readonly Diagnostic[];
  /** Another way forward, offered beside Close (a CSPm file refused as a workflow opens as a script). */
  alternative?: { readonly label: string; readonly run: () => void };
}

function place(d: Diagnostic, fileName: string): string {
  const file = d.file ?? fileName;
  return d.line !== undefined ? `${file}:${d.line}:${d.column ?? 1}` : file;
}

export function DiagnosticsList({
  diagnostics,
  fileName,
}: {
  diagnostics: readonly Diagnostic[];
  fileName: string;
}): ReactElement {
  return (
    <ul className="diag-list" aria-label="Diagnostics">
      {diagnostics.map((d, i) => (
        <li key={i} className={`diag diag-${d.severity}`}>
          <span className="diag-place">{place(d, fileName)}</span>
          {d.line !== undefined && (
            <span className="sr-only">
              line {d.line}, column {d.column ?? 1}
            </span>
          )}
          <span className="diag-severity">{d.severity}</span>
          <span className="diag-code">{d.code}</span>
          {d.path && <span className="diag-path">{d.path}</span>}
          <span className="diag-message">{d.message}</span>
        </li>
      ))}
    </ul>
  );
}

export function showDiagnostics(props: DiagnosticsDialogProps): void {
  useDialogs.getState().show((close) => (
    <Dialog
      title={props.title}
      alert
      wide
      onClose={close}
      footer={
        <>
          {props.alternative ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                close();
                props.alternative?.run();
              }}
            >
              {props.alternative.label}
            </button>
          ) : null}
          <button type="button" className="button button-primary" data-autofocus onClick={close}>
            Close
          </button>
        </>
      }
    >
      <p className="dialog-text">{props.intro}</p>
      <DiagnosticsList diagnostics={props.diagnostics} fileName={props.fileName} />
    </Dialog>
  ));
}
