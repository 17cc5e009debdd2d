/** The teaching empty state: what will show here, and what you can do now. */
import type { ReactElement, ReactNode } from 'react';

export interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  /** "What you can do now" items. */
  steps?: ReadonlyArray<{ label: ReactNode; hint?: ReactNode }>;
  /** Buttons under the text. */
  actions?: ReactNode;
  /** Smaller, for side panels. */
  compact?: boolean;
}

export function EmptyState({ icon, title, children, steps, actions, compact }: EmptyStateProps): ReactElement {
  return (
    <div className={`empty-state${compact ? ' empty-compact' : ''}`} role="note" aria-label={title}>
      <div className="empty-icon">{icon}</div>
      <h2>{title}</h2>
      <div className="empty-body">{children}</div>
      {actions && <div className="empty-actions">{actions}</div>}
      {steps && steps.length > 0 && (
        <ol className="empty-steps">
          {steps.map((step, i) => (
            <li key={i}>
              <span className="step-label">{step.label}</span>
              {step.hint && <span className="step-hint">{step.hint}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function Kbd({ children }: { children: ReactNode }): ReactElement {
  return <kbd className="kbd">{children}</kbd>;
}

export function Code({ children }: { children: ReactNode }): ReactElement {
  return <code className="inline-code">{children}</code>;
}
