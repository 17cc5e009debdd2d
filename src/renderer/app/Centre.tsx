/**
 * The centre: the open document in one of its views (Canvas, Editor,
 * Debugger) chosen by tabs, or Settings. Each view sits in its own error
 * boundary, so a crash in one leaves the document and the others intact.
 */
import { Suspense } from 'react';
import type { ReactElement } from 'react';
import { formatChord } from '../commands';
import { useDocument } from '../features/designer/document';
import { useLayout } from '../state/layout-store';
import { CENTRE_VIEWS } from './contributions';
import { PanelBoundary } from './PanelBoundary';
import { isMac } from './platform';

export function Centre(): ReactElement {
  const centre = useLayout((s) => s.centre);
  const setCentre = useLayout((s) => s.setCentre);
  const name = useDocument((s) => s.workflow?.name ?? s.ref?.name);
  const dirty = useDocument((s) => s.revision !== s.savedRevision);
  const view = CENTRE_VIEWS.find((v) => v.id === centre) ?? CENTRE_VIEWS[0];
  const tabs = CENTRE_VIEWS.filter((v) => v.tab || v.id === centre);
  if (!view) return <main className="centre" />;
  const View = view.component;
  return (
    <main className="centre" aria-label={name ?? 'Centre'}>
      <div className="centre-bar">
        <div role="tablist" aria-label="Centre views" className="centre-tabs">
          {tabs.map((v) => {
            const Icon = v.icon;
            const key = v.keys?.[0];
            return (
              <button
                key={v.id}
                type="button"
                role="tab"
                aria-selected={v.id === view.id}
                className={`centre-tab${v.id === view.id ? ' active' : ''}`}
                title={key ? `${v.title} (${formatChord(key, isMac)})` : v.title}
                onClick={() => setCentre(v.id)}
              >
                <Icon size={15} />
                {v.title}
              </button>
            );
          })}
        </div>
        <span className="centre-spacer" />
        {name !== undefined && (
          <span className="centre-doc" data-testid="document-name">
            {name}
            {dirty && (
              <span
                className="dirty-dot"
                aria-label="unsaved changes"
                title="Unsaved changes (autosave is on its way; Ctrl+S saves now)"
              >
                ●
              </span>
            )}
          </span>
        )}
      </div>
      <div className="centre-body" role="tabpanel" aria-label={view.title}>
        <PanelBoundary name={`${view.title} view`} resetKey={view.id}>
          <Suspense fallback={<div className="loading">Loading {view.title.toLowerCase()}…</div>}>
            <View />
          </Suspense>
        </PanelBoundary>
      </div>
    </main>
  );
}
