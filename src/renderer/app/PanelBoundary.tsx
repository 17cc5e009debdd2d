/**
 * An error boundary per panel: a panel that throws shows the error where it
 * was (name, message, stack) and is reported to the host log; the other
 * panels, and the open document, carry on (nothing in a panel's state is the
 * only copy of the user's work).
 */
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { reportError } from '../report-error';

interface Props {
  /** The panel's name, in the message: "The Inspector stopped with an error". */
  name: string;
  /** Changing it gives the panel a fresh start (another view chosen). */
  resetKey?: string;
  children: ReactNode;
}

interface State {
  error: Error | undefined;
}

export class PanelBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    reportError(error, `in the ${this.props.name} panel${info.componentStack ?? ''}`);
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h2>The {this.props.name} stopped with an error</h2>
        <p>
          <strong>{error.name}:</strong> {error.message}
        </p>
        <p className="muted">Your document is safe: it lives outside this panel and autosave keeps running.</p>
        {error.stack && <pre className="crash-stack">{error.stack}</pre>}
        <button type="button" className="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
