/**
 * Preferences of this UI (theme, autosave delay), remembered in localStorage.
 * Host-side settings (store, secrets) are not here: they live in the host.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';

export type ThemeSetting = 'system' | 'light' | 'dark';
export const THEME_SETTINGS: readonly ThemeSetting[] = ['system', 'light', 'dark'];

export const AUTOSAVE_LIMITS = { min: 200, max: 60_000, default: 1000 } as const;

export interface SettingsData {
  theme: ThemeSetting;
  /** Quiet time after the last edit before an autosave, in ms. */
  autosaveDelayMs: number;
  /** The workflow open when the studio was last used: reopened on start. */
  lastOpenId: number | undefined;
}

export interface SettingsState extends SettingsData {
  setTheme(theme: ThemeSetting): void;
  setAutosaveDelay(ms: number): void;
  setLastOpen(id: number | undefined): void;
}

export function clampAutosave(ms: number): number {
  if (!Number.isFinite(ms)) return AUTOSAVE_LIMITS.default;
  return Math.round(Math.min(AUTOSAVE_LIMITS.max, Math.max(AUTOSAVE_LIMITS.min, ms)));
}

export const useSettings = create<SettingsState>()(
  persist(
    (set) => ({
      theme: 'system',
      autosaveDelayMs: AUTOSAVE_LIMITS.default,
      lastOpenId: undefined,
      setTheme: (theme) => set({ theme }),
      setAutosaveDelay: (ms) => set({ autosaveDelayMs: clampAutosave(ms) }),
      setLastOpen: (lastOpenId) => set({ lastOpenId }),
    }),
    {
      name: 'csp-studio.settings',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s): SettingsData => ({
        theme: s.theme,
        autosaveDelayMs: s.autosaveDelayMs,
        lastOpenId: s.lastOpenId,
      }),
      merge: (persisted, current) => {
        const p = (typeof persisted === 'object' && persisted !== null ? persisted : {}) as Partial<
          Record<keyof SettingsData, unknown>
        >;
        return {
          ...current,
          ...(THEME_SETTINGS.includes(p.theme as ThemeSetting) ? { theme: p.theme as ThemeSetting } : {}),
          ...(typeof p.autosaveDelayMs === 'number' ? { autosaveDelayMs: clampAutosave(p.autosaveDelayMs) } : {}),
          ...(typeof p.lastOpenId === 'number' && Number.isInteger(p.lastOpenId) && p.lastOpenId > 0
            ? { lastOpenId: p.lastOpenId }
            : {}),
        };
      },
    },
  ),
);
