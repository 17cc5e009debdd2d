/**
 * The run controls' own settings: the speed of free runs (steps a second;
 * 0 = as fast as the host goes), the seed the next run starts with, and
 * whether the Breakpoints panel is open.
 * Remembered across reloads.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

/** Speeds offered by the speed control, in steps a second (0: full speed). */
export const SPEEDS: readonly number[] = [0, 50, 10, 4, 1];

export interface RunUiState {
  speed: number;
  seed: number;
  /** The Breakpoints panel beside the canvas is open. */
  breakpointsShown: boolean;
  setBreakpointsShown(shown: boolean): void;
  setSpeed(speed: number): void;
  setSeed(seed: number): void;
}

export const useRunUi = create<RunUiState>()(
  persist(
    (set) => ({
      speed: 0,
      seed: 1,
      breakpointsShown: false,
      setBreakpointsShown: (breakpointsShown) => set({ breakpointsShown }),
      setSpeed: (speed) => set({ speed: SPEEDS.includes(speed) ? speed : 0 }),
      setSeed: (seed) => set({ seed: Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32 ? seed : 1 }),
    }),
    {
      name: 'csp-studio.run-controls',
      merge: (saved, current) => {
        const s = (saved ?? {}) as Partial<RunUiState>;
        const speed = typeof s.speed === 'number' && SPEEDS.includes(s.speed) ? s.speed : current.speed;
        const seed =
          typeof s.seed === 'number' && Number.isInteger(s.seed) && s.seed >= 0 && s.seed < 2 ** 32
            ? s.seed
            : current.seed;
        return { ...current, speed, seed, breakpointsShown: s.breakpointsShown === true };
      },
    },
  ),
);
