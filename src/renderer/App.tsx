/** The app frame: activity bar, the active view, the output panel, the status bar, overlays. */
import { lazy, Suspense } from 'react';
import type { ReactElement } from 'react';
import { ActivityBar } from './components/ActivityBar';
import { ErrorBoundary } from './components/ErrorBoundary';
import { HelpOverlay } from './components/HelpOverlay';
import { OfflineBanner } from './components/OfflineBanner';
import { OutputPanel } from './components/OutputPanel';
import { StatusBar } from './components/StatusBar';
import { useGlobalShortcuts } from './keyboard';
import { useUi } from './state/ui-store';
import type { ViewId } from './state/ui-store';
import { CanvasView } from './views/CanvasView';
import { ChartsView } from './views/ChartsView';
import { ChecksView } from './views/ChecksView';
import { DebuggerView } from './views/DebuggerView';
import { SettingsView } from './views/SettingsView';

// Monaco is large: load it when the editor is first opened.
const EditorView = lazy(() => import('./views/EditorView'));

function ActiveView({ view }: { view: ViewId }): ReactElement {
  switch (view) {
    case 'canvas':
      return <CanvasView />;
    case 'editor':
      return (
        <Suspense fallback={<div className="loading">Loading editor…</div>}>
          <EditorView />
        </Suspense>
      );
    case 'debugger':
      return <DebuggerView />;
    case 'charts':
      return <ChartsView />;
    case 'checks':
      return <ChecksView />;
    case 'settings':
      return <SettingsView />;
  }
}

export function App({ onRetry }: { onRetry: () => void }): ReactElement {
  useGlobalShortcuts();
  const view = useUi((s) => s.view);
  return (
    <div className="app">
      <ActivityBar />
      <main className="main">
        <OfflineBanner onRetry={onRetry} />
        <div className="view-area">
          <ErrorBoundary resetKey={view}>
            <ActiveView view={view} />
          </ErrorBoundary>
        </div>
        <OutputPanel />
      </main>
      <StatusBar onRetry={onRetry} />
      <HelpOverlay />
    </div>
  );
}
