/** React bindings of the command registry (Contract 1 of the renderer). */
import { useEffect, useSyncExternalStore } from 'react';
import { commandRegistry } from './registry';
import type { Command } from './types';

/**
 * Registers commands while the calling component is mounted. `deps` are the
 * values the commands' closures read; when they change, the commands are
 * registered again (their menu position stays).
 */
export function useRegisterCommands(commands: readonly Command[], deps: readonly unknown[]): void {
  useEffect(
    () => commandRegistry.register(commands),
    // The caller states what the commands depend on, as with useMemo.
    deps,
  );
}

/** Every active command, re-rendering when the list changes (palette, menus, help overlay). */
export function useCommands(): readonly Command[] {
  return useSyncExternalStore(
    (listener) => commandRegistry.subscribe(listener),
    () => commandRegistry.list(),
  );
}
