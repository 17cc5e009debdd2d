import { describe, expect, it, vi } from 'vitest';

// A browser's localStorage, in memory, in place before the stores are created (they hydrate then).
const storage = vi.hoisted(() => {
  const items = new Map<string, string>([
    ['csp-studio.layout', JSON.stringify({ state: { sidebar: 'history', panelHeight: 333 }, version: 1 })],
  ]);
  const local = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  (globalThis as { localStorage?: unknown }).localStorage = local;
  return items;
});

const { clampSize, DEFAULT_LAYOUT, sanitizeLayout, SIZE_LIMITS, useLayout } = await import('./layout-store');
const { clampAutosave, AUTOSAVE_LIMITS } = await import('./settings-store');

describe('layout store', () => {
  it('opens as it was left: the stored layout is read when the store is created', () => {
    expect(useLayout.getState()).toMatchObject({
      sidebar: 'history',
      panelHeight: 333,
      sidebarWidth: DEFAULT_LAYOUT.sidebarWidth,
    });
  });

  it('remembers every change', () => {
    useLayout.getState().resize('inspector', 420);
    expect(JSON.parse(storage.get('csp-studio.layout') ?? '{}')).toMatchObject({
      state: { inspectorWidth: 420 },
      version: 1,
    });
  });

  it('keeps only sane values from a stored layout (hand-edited or from an older version)', () => {
    expect(sanitizeLayout(null)).toEqual({});
    expect(sanitizeLayout('garbage')).toEqual({});
    expect(
      sanitizeLayout({
        sidebar: 'nope',
        centre: 'editor',
        panelTab: 'problems',
        sidebarVisible: 'yes',
        panelVisible: false,
        sidebarWidth: 99_999,
        panelHeight: -5,
        extra: 1,
      }),
    ).toEqual({
      centre: 'editor',
      panelTab: 'problems',
      panelVisible: false,
      sidebarWidth: SIZE_LIMITS.sidebar.max,
      panelHeight: SIZE_LIMITS.panel.min,
    });
  });

  it('clamps sizes to their limits, and NaN to the minimum', () => {
    expect(clampSize('inspector', 10)).toBe(SIZE_LIMITS.inspector.min);
    expect(clampSize('inspector', 400.6)).toBe(401);
    expect(clampSize('panel', Number.NaN)).toBe(SIZE_LIMITS.panel.min);
  });

  it('shows a sidebar view, hides it when its button is pressed again, and resets', () => {
    const layout = useLayout.getState();
    layout.showSidebar('checks', true);
    expect(useLayout.getState()).toMatchObject({ sidebar: 'checks', sidebarVisible: true });
    useLayout.getState().showSidebar('checks', true);
    expect(useLayout.getState().sidebarVisible).toBe(false);
    useLayout.getState().showPanel('charts');
    useLayout.getState().resize('sidebar', 5000);
    expect(useLayout.getState()).toMatchObject({
      panelTab: 'charts',
      panelVisible: true,
      sidebarWidth: SIZE_LIMITS.sidebar.max,
    });
    useLayout.getState().reset();
    expect(useLayout.getState()).toMatchObject(DEFAULT_LAYOUT);
  });
});

describe('settings', () => {
  it('keeps the autosave delay within its limits', () => {
    expect(clampAutosave(0)).toBe(AUTOSAVE_LIMITS.min);
    expect(clampAutosave(10 ** 9)).toBe(AUTOSAVE_LIMITS.max);
    expect(clampAutosave(Number.NaN)).toBe(AUTOSAVE_LIMITS.default);
    expect(clampAutosave(1500.4)).toBe(1500);
  });
});
