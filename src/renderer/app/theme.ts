/**
 * Light and dark themes. The setting is 'system' by default: the theme then
 * follows the operating system (prefers-color-scheme) live. The resolved theme
 * is the `data-theme` attribute of <html>, which the CSS tokens key on;
 * components that draw with their own colours (React Flow, Monaco, charts)
 * read `useResolvedTheme()`.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { ThemeSetting } from '../state/settings-store';
import { useSettings } from '../state/settings-store';

export type ResolvedTheme = 'light' | 'dark';

const QUERY = '(prefers-color-scheme: dark)';

function systemTheme(): ResolvedTheme {
  return window.matchMedia(QUERY).matches ? 'dark' : 'light';
}

function subscribeSystem(listener: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', listener);
  return () => media.removeEventListener('change', listener);
}

export function resolveTheme(setting: ThemeSetting, system: ResolvedTheme): ResolvedTheme {
  return setting === 'system' ? system : setting;
}

export function useResolvedTheme(): ResolvedTheme {
  const setting = useSettings((s) => s.theme);
  const system = useSyncExternalStore(subscribeSystem, systemTheme);
  return resolveTheme(setting, system);
}

/** Sets the theme before the first render, so a light system never flashes dark. */
export function applyThemeNow(): void {
  const theme = resolveTheme(useSettings.getState().theme, systemTheme());
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
}

/** Keeps <html data-theme> and the browser's color-scheme in step with the setting. */
export function useApplyTheme(): void {
  const theme = useResolvedTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
}
