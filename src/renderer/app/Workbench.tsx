/**
 * The workbench: menu bar (web mode; Electron has its native menu), activity
 * bar, left sidebar, centre, right inspector, bottom panel and status bar.
 * Panels resize with the mouse or the keyboard (their splitters), hide and
 * show by command, and their sizes are remembered (state/layout-store.ts).
 */
import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { commandRegistry, installKeybindings } from '../commands';
import { ChecksServices } from '../features/checks';
import { DesignerServices } from '../features/designer';
import { RunServices } from '../features/runs/RunServices';
import { EditorServices } from '../features/editor';
import { useFollowHostLog } from '../features/output/OutputPanel';
import { useDesignerProblems } from '../features/problems/designer-problems';
import { useWorkflowCommands } from '../features/workflows/commands';
import { useNodeCommands } from '../features/nodes';
import { useSaveGuards } from '../features/workflows/guard';
import { useReopenLastWorkflow } from '../features/workflows/reopen';
import { useWindowTitle } from '../features/workflows/title';
import { DropZone } from '../features/workflows/transfer/DropZone';
import { reportError } from '../report-error';
import { SIZE_LIMITS, useLayout } from '../state/layout-store';
import { toastError } from '../state/toast-store';
import { ActivityBar } from './ActivityBar';
import { BottomPanel } from './BottomPanel';
import { Centre } from './Centre';
import { CommandPalette } from './CommandPalette';
import { DialogHost } from './DialogHost';
import { HelpOverlay } from './HelpOverlay';
import { Inspector } from './Inspector';
import { MenuBar } from './MenuBar';
import { useNativeMenu } from './native-menu';
import { OfflineBanner } from './OfflineBanner';
import { PanelBoundary } from './PanelBoundary';
import { isDesktop, isMac } from './platform';
import { useShellCommands } from './shell-commands';
import { Sidebar } from './Sidebar';
import { Splitter } from './Splitter';
import { StatusBar } from './StatusBar';
import { useApplyTheme } from './theme';
import { Toasts } from './Toasts';

function useKeyboardAndErrors(): void {
  useEffect(() => {
    commandRegistry.onError((error, command) => {
      reportError(error, `command ${command.id}`);
      toastError(`${command.title} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return installKeybindings(commandRegistry, isMac, (message) => reportError(new Error(message)));
  }, []);
}

export function Workbench({ onRetry }: { onRetry: () => void }): ReactElement {
  useApplyTheme();
  useKeyboardAndErrors();
  useShellCommands();
  useWorkflowCommands();
  useNodeCommands();
  useSaveGuards();
  useWindowTitle();
  useFollowHostLog();
  useNativeMenu();
  useReopenLastWorkflow();
  useDesignerProblems();
  const layout = useLayout();
  return (
    <div className={`workbench${isDesktop ? ' desktop' : ''}`}>
      <DesignerServices />
      <RunServices />
      <ChecksServices />
      <EditorServices />
      {!isDesktop && <MenuBar />}
      <div className="workbench-main">
        <ActivityBar />
        {layout.sidebarVisible && (
          <>
            <div className="sidebar-wrap" style={{ width: layout.sidebarWidth }}>
              <Sidebar />
            </div>
            <Splitter
              orientation="vertical"
              label="Resize the sidebar"
              value={layout.sidebarWidth}
              min={SIZE_LIMITS.sidebar.min}
              max={SIZE_LIMITS.sidebar.max}
              direction={1}
              onChange={(v) => layout.resize('sidebar', v)}
            />
          </>
        )}
        <div className="centre-column">
          <OfflineBanner onRetry={onRetry} />
          <Centre />
          {layout.panelVisible && (
            <>
              <Splitter
                orientation="horizontal"
                label="Resize the panel"
                value={layout.panelHeight}
                min={SIZE_LIMITS.panel.min}
                max={SIZE_LIMITS.panel.max}
                direction={-1}
                onChange={(v) => layout.resize('panel', v)}
              />
              <div className="panel-wrap" style={{ height: layout.panelHeight }}>
                <BottomPanel />
              </div>
            </>
          )}
        </div>
        {layout.inspectorVisible && (
          <>
            <Splitter
              orientation="vertical"
              label="Resize the inspector"
              value={layout.inspectorWidth}
              min={SIZE_LIMITS.inspector.min}
              max={SIZE_LIMITS.inspector.max}
              direction={-1}
              onChange={(v) => layout.resize('inspector', v)}
            />
            <div className="inspector-wrap" style={{ width: layout.inspectorWidth }}>
              <Inspector />
            </div>
          </>
        )}
      </div>
      <PanelBoundary name="status bar">
        <StatusBar onRetry={onRetry} />
      </PanelBoundary>
      <CommandPalette />
      <HelpOverlay />
      <DialogHost />
      <DropZone />
      <Toasts />
    </div>
  );
}
