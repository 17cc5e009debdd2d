/** Common header of a view: title, a one-line purpose, optional actions. */
import type { ReactElement, ReactNode } from 'react';

export function ViewFrame({
  title,
  subtitle,
  actions,
  children,
}: {
  title: string;
  subtitle: string;
  actions?: ReactNode;
  children: ReactNode;
}): ReactElement {
  return (
    <section className="view" aria-label={title}>
      <header className="view-header">
        <h1>{title}</h1>
        <span className="view-subtitle">{subtitle}</span>
        <span className="view-spacer" />
        {actions}
      </header>
      <div className="view-body">{children}</div>
    </section>
  );
}
