/**
 * A view that throws must not blank the whole app: the error is shown where the
 * view was (name, message, stack, as STYLE.md 6 asks) and reported to the host log.
 */
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { reportError } from '../report-error';

interface State {
  error: Error | undefined;
}

export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    reportError(error, info.componentStack ?? undefined);
  }

  override componentDidUpdate(prev: { resetKey: string }): void {
    // Switching views gives the new view a fresh start.
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: undefined });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h2>This view stopped with an error</h2>
        <p>
          <strong>{error.name}:</strong> {error.message}
        </p>
        {error.stack && <pre className="crash-stack">{error.stack}</pre>}
        <button type="button" className="banner-button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
