/**
 * The workbench layout: which sidebar view and centre view are showing, which
 * panels are open, and their sizes. Remembered in localStorage so the studio
 * opens as it was left; "Reset layout" (a command) brings the defaults back.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export const PANEL_TABS = ['output', 'problems', 'checks', 'trace', 'charts'] as const;
export type PanelTab = (typeof PANEL_TABS)[number];

/** Sidebar views (left) and centre views; features add theirs in app/contributions.tsx. */
export type SidebarId = 'workflows' | 'palette' | 'history' | 'checks' | 'runs' | 'nodes';
export type CentreId = 'canvas' | 'editor' | 'debugger' | 'settings';

// Declared before the store: hydration from localStorage runs while the store is created.
const SIDEBARS: readonly SidebarId[] = ['workflows', 'palette', 'history', 'checks', 'runs', 'nodes'];
const CENTRES: readonly CentreId[] = ['canvas', 'editor', 'debugger', 'settings'];

export const SIZE_LIMITS = {
  sidebar: { min: 180, max: 640 },
  inspector: { min: 220, max: 720 },
  panel: { min: 90, max: 900 },
} as const;

export interface LayoutData {
  sidebar: SidebarId;
  sidebarVisible: boolean;
  sidebarWidth: number;
  inspectorVisible: boolean;
  inspectorWidth: number;
  panelVisible: boolean;
  panelHeight: number;
  panelTab: PanelTab;
  centre: CentreId;
}

export const DEFAULT_LAYOUT: LayoutData = {
  sidebar: 'workflows',
  sidebarVisible: true,
  sidebarWidth: 260,
  inspectorVisible: true,
  inspectorWidth: 300,
  panelVisible: true,
  panelHeight: 200,
  panelTab: 'output',
  centre: 'canvas',
};

export interface LayoutState extends LayoutData {
  /** Shows a sidebar view; choosing the one already showing hides the sidebar (as VS Code does). */
  showSidebar(id: SidebarId, toggle?: boolean): void;
  toggleSidebar(visible?: boolean): void;
  toggleInspector(visible?: boolean): void;
  /** Opens the bottom panel on a tab. */
  showPanel(tab: PanelTab): void;
  togglePanel(visible?: boolean): void;
  setCentre(id: CentreId): void;
  resize(part: 'sidebar' | 'inspector' | 'panel', size: number): void;
  reset(): void;
}

export function clampSize(part: keyof typeof SIZE_LIMITS, size: number): number {
  const { min, max } = SIZE_LIMITS[part];
  return Math.round(Math.min(max, Math.max(min, Number.isFinite(size) ? size : min)));
}

export const useLayout = create<LayoutState>()(
  persist(
    (set, get) => ({
      ...DEFAULT_LAYOUT,
      showSidebar: (id, toggle = false) => {
        const { sidebar, sidebarVisible } = get();
        if (toggle && sidebar === id && sidebarVisible) set({ sidebarVisible: false });
        else set({ sidebar: id, sidebarVisible: true });
      },
      toggleSidebar: (visible) => set((s) => ({ sidebarVisible: visible ?? !s.sidebarVisible })),
      toggleInspector: (visible) => set((s) => ({ inspectorVisible: visible ?? !s.inspectorVisible })),
      showPanel: (tab) => set({ panelTab: tab, panelVisible: true }),
      togglePanel: (visible) => set((s) => ({ panelVisible: visible ?? !s.panelVisible })),
      setCentre: (centre) => set({ centre }),
      resize: (part, size) => {
        const value = clampSize(part, size);
        if (part === 'sidebar') set({ sidebarWidth: value });
        else if (part === 'inspector') set({ inspectorWidth: value });
        else set({ panelHeight: value });
      },
      reset: () => set({ ...DEFAULT_LAYOUT }),
    }),
    {
      name: 'csp-studio.layout',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s): LayoutData => ({
        sidebar: s.sidebar,
        sidebarVisible: s.sidebarVisible,
        sidebarWidth: s.sidebarWidth,
        inspectorVisible: s.inspectorVisible,
        inspectorWidth: s.inspectorWidth,
        panelVisible: s.panelVisible,
        panelHeight: s.panelHeight,
        panelTab: s.panelTab,
        centre: s.centre,
      }),
      // A hand-edited or older entry must not break the layout: keep only sane values.
      merge: (persisted, current) => ({ ...current, ...sanitizeLayout(persisted) }),
    },
  ),
);

/** The valid fields of a stored layout (unknown or out-of-range values are dropped). */
export function sanitizeLayout(value: unknown): Partial<LayoutData> {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const out: Partial<LayoutData> = {};
  if (SIDEBARS.includes(v.sidebar as SidebarId)) out.sidebar = v.sidebar as SidebarId;
  if (CENTRES.includes(v.centre as CentreId)) out.centre = v.centre as CentreId;
  if (PANEL_TABS.includes(v.panelTab as PanelTab)) out.panelTab = v.panelTab as PanelTab;
  for (const key of ['sidebarVisible', 'inspectorVisible', 'panelVisible'] as const)
    if (typeof v[key] === 'boolean') out[key] = v[key];
  if (typeof v.sidebarWidth === 'number') out.sidebarWidth = clampSize('sidebar', v.sidebarWidth);
  if (typeof v.inspectorWidth === 'number') out.inspectorWidth = clampSize('inspector', v.inspectorWidth);
  if (typeof v.panelHeight === 'number') out.panelHeight = clampSize('panel', v.panelHeight);
  return out;
}
