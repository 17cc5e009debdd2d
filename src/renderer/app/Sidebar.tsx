/** The left sidebar: the view chosen in the activity bar, under its title. */
import type { ReactElement } from 'react';
import { useLayout } from '../state/layout-store';
import { SIDEBAR_VIEWS } from './contributions';
import { PanelBoundary } from './PanelBoundary';

export function Sidebar(): ReactElement {
  const id = useLayout((s) => s.sidebar);
  const view = SIDEBAR_VIEWS.find((v) => v.id === id) ?? SIDEBAR_VIEWS[0];
  if (!view) return <aside className="sidebar" />;
  const View = view.component;
  return (
    <section className="sidebar" aria-label={view.title}>
      <PanelBoundary name={`${view.title} view`} resetKey={view.id}>
        <View />
      </PanelBoundary>
    </section>
  );
}
