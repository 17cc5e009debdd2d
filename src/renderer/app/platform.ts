/** Facts about where the UI runs, read once. */
import { isMacPlatform } from '../commands';

export const isMac = isMacPlatform(typeof navigator === 'undefined' ? undefined : navigator);

/** Inside the Electron app (the preload's bridge is there); else a browser (web mode). */
export const isDesktop = typeof window !== 'undefined' && window.csp !== undefined;
