/**
 * What fills the workbench: sidebar views (left, chosen in the activity bar),
 * centre views, bottom panel tabs and the inspector. A feature plugs in by
 * adding one entry here (keep edits small: several features share this file).
 */
import { lazy } from 'react';
import type { ComponentType, ReactElement } from 'react';
import { CheckResultPanel, ChecksView } from '../features/checks';
import { Palette, PropertiesPanel } from '../features/designer';
import { ScriptInspector, useScript } from '../features/editor';
import { OutputActions, OutputPanel } from '../features/output/OutputPanel';
import { ProblemsActions, ProblemsPanel } from '../features/problems/ProblemsPanel';
import { ChartsView } from '../features/runs/ChartsView';
import { DebuggerView } from '../features/runs/DebuggerView';
import { RunsHistory } from '../features/runs/history/RunsHistory';
import { TracePanel } from '../features/runs/TracePanel';
import { SettingsView } from '../features/settings/SettingsView';
import { NodesView } from '../features/nodes';
import { HistoryPanel } from '../features/workflows/history/HistoryPanel';
import { WorkflowBrowser } from '../features/workflows/browser/WorkflowBrowser';
import type { CentreId, PanelTab, SidebarId } from '../state/layout-store';
import {
  CanvasIcon,
  CheckIcon,
  DebugIcon,
  EditorIcon,
  FilesIcon,
  HistoryIcon,
  NodesIcon,
  PaletteIcon,
  SettingsIcon,
} from '../ui/icons';
import { CanvasCentre } from './CanvasCentre';

type Icon = (p: { size?: number }) => ReactElement;

export interface SidebarContribution {
  readonly id: SidebarId;
  readonly title: string;
  readonly icon: Icon;
  /** Shortcut of its "show" command. */
  readonly keys?: readonly string[];
  readonly component: ComponentType;
}

export interface CentreContribution {
  readonly id: CentreId;
  readonly title: string;
  readonly icon: Icon;
  readonly keys?: readonly string[];
  readonly component: ComponentType;
  /** Listed as a tab above the centre (Settings is reached from the gear instead). */
  readonly tab: boolean;
}

export interface PanelContribution {
  readonly id: PanelTab;
  readonly title: string;
  readonly keys?: readonly string[];
  readonly component: ComponentType;
  /** Buttons at the right of the tab strip while this tab shows. */
  readonly actions?: ComponentType;
}

// Monaco is large: it loads when the editor is first shown.
const EditorView = lazy(() => import('../features/editor/EditorView'));

export const SIDEBAR_VIEWS: readonly SidebarContribution[] = [
  { id: 'workflows', title: 'Workflows', icon: FilesIcon, keys: ['Mod+Shift+E'], component: WorkflowBrowser },
  { id: 'palette', title: 'Palette', icon: PaletteIcon, component: Palette },
  { id: 'history', title: 'History', icon: HistoryIcon, keys: ['Mod+Shift+H'], component: HistoryPanel },
  { id: 'checks', title: 'Checks', icon: CheckIcon, keys: ['Mod+5'], component: ChecksView },
  { id: 'runs', title: 'Runs', icon: DebugIcon, component: RunsHistory },
  { id: 'nodes', title: 'Nodes', icon: NodesIcon, component: NodesView },
];

export const CENTRE_VIEWS: readonly CentreContribution[] = [
  { id: 'canvas', title: 'Canvas', icon: CanvasIcon, keys: ['Mod+1'], component: CanvasCentre, tab: true },
  { id: 'editor', title: 'Editor', icon: EditorIcon, keys: ['Mod+2'], component: EditorView, tab: true },
  { id: 'debugger', title: 'Debugger', icon: DebugIcon, keys: ['Mod+3'], component: DebuggerView, tab: true },
  { id: 'settings', title: 'Settings', icon: SettingsIcon, keys: ['Mod+,'], component: SettingsView, tab: false },
];

export const PANEL_VIEWS: readonly PanelContribution[] = [
  { id: 'output', title: 'Output', keys: ['Mod+Shift+U'], component: OutputPanel, actions: OutputActions },
  { id: 'problems', title: 'Problems', keys: ['Mod+Shift+M'], component: ProblemsPanel, actions: ProblemsActions },
  { id: 'checks', title: 'Check result', component: CheckResultPanel },
  { id: 'trace', title: 'Trace', component: TracePanel },
  { id: 'charts', title: 'Charts', keys: ['Mod+4'], component: ChartsView },
];

/** The inspector (right): a script's assertions and probe while a CSPm script is open, else the designer's properties. */
function InspectorContent(): ReactElement {
  const script = useScript((s) => s.ref !== undefined);
  return script ? <ScriptInspector /> : <PropertiesPanel />;
}
export const INSPECTOR: ComponentType = InspectorContent;
