/**
 * Inside Electron, the native menu is drawn by main from the same menu model
 * as the web menu bar: the renderer sends the model when commands or their
 * enablement change, and main sends back the id of a clicked item, which runs
 * here as any other command (unknown ids are ignored).
 */
import { useEffect } from 'react';
import { commandRegistry, menuModel } from '../commands';
import { useDocument } from '../features/designer/document';
import { useSession } from '../features/workflows/session-store';

export function useNativeMenu(): void {
  useEffect(() => {
    const bridge = window.csp;
    if (!bridge?.setMenu || !bridge.onMenuCommand) return;
    let last = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = (): void => {
      clearTimeout(timer);
      // Enablement follows the document and saving; coalesce bursts of edits into one update.
      timer = setTimeout(() => {
        const text = JSON.stringify(menuModel(commandRegistry.list(), (c) => commandRegistry.isEnabled(c)));
        if (text === last) return;
        last = text;
        bridge.setMenu?.(text);
      }, 50);
    };
    publish();
    const offs = [
      commandRegistry.subscribe(publish),
      useDocument.subscribe(publish),
      useSession.subscribe(publish),
      bridge.onMenuCommand((id) => {
        if (commandRegistry.get(id)) commandRegistry.run(id);
      }),
    ];
    return () => {
      clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, []);
}
