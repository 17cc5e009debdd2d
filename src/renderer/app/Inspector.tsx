/** The right inspector: properties of what is selected (filled by the designer). */
import type { ReactElement } from 'react';
import { runCommand } from '../commands';
import { CloseIcon } from '../ui/icons';
import { INSPECTOR } from './contributions';
import { PanelBoundary } from './PanelBoundary';

export function Inspector(): ReactElement {
  const Content = INSPECTOR;
  return (
    <section className="inspector" aria-label="Inspector">
      <header className="pane-header">
        <h2 className="pane-title">Inspector</h2>
        <span className="pane-spacer" />
        <button
          type="button"
          className="icon-button"
          aria-label="Hide the inspector"
          title="Hide the inspector"
          onClick={() => runCommand('view.toggleInspector')}
        >
          <CloseIcon size={14} />
        </button>
      </header>
      <div className="pane-body">
        <PanelBoundary name="Inspector">
          <Content />
        </PanelBoundary>
      </div>
    </section>
  );
}
