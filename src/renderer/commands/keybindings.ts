/**
 * The one global keyboard handler: a key chord runs the enabled command bound
 * to it. Keys typed in a text field, a code editor or a dialog are left to
 * them unless the command allows it (`allowInInputs`), so Ctrl+Z in a field
 * undoes the field's text, not the document.
 */
import type { Chord, KeyInput } from './keys';
import { matchesChord, parseChord } from './keys';
import type { CommandRegistry } from './registry';
import type { Command } from './types';

/** Where a key was typed, as far as commands care. */
export interface KeyContext {
  /** In a text field, a code editor, or an element that handles its own keys. */
  readonly typing: boolean;
  /** Inside a modal dialog. */
  readonly inDialog: boolean;
}

interface Binding {
  readonly chord: Chord;
  readonly command: Command;
}

/** Chords of every command, parsed once per registry change; a bad chord is reported and skipped. */
export function bindingsOf(
  commands: readonly Command[],
  mac: boolean,
  onBadChord: (message: string) => void,
): Binding[] {
  const out: Binding[] = [];
  for (const command of commands) {
    for (const keys of command.keys ?? []) {
      try {
        out.push({ chord: parseChord(keys, mac), command });
      } catch (error) {
        onBadChord(`command ${command.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return out;
}

/**
 * The command a key press runs, or undefined. Later-registered commands win
 * a shared chord when both are enabled (the focused feature registers last).
 */
export function commandForKey(
  bindings: readonly Binding[],
  e: KeyInput,
  context: KeyContext,
  enabled: (c: Command) => boolean,
): Command | undefined {
  for (let i = bindings.length - 1; i >= 0; i--) {
    const binding = bindings[i];
    if (!binding || !matchesChord(binding.chord, e)) continue;
    if ((context.typing || context.inDialog) && !binding.command.allowInInputs) continue;
    if (!enabled(binding.command)) continue;
    return binding.command;
  }
  return undefined;
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** Reads the DOM around the event target. */
export function keyContextOf(target: EventTarget | null): KeyContext {
  const el = target instanceof Element ? target : null;
  if (!el) return { typing: false, inDialog: false };
  const html = el as HTMLElement;
  const typing =
    html.isContentEditable ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el.tagName === 'INPUT' && TEXT_INPUT_TYPES.has((el as HTMLInputElement).type)) ||
    el.closest('.monaco-editor, [data-own-keys]') !== null;
  const inDialog = el.closest('[aria-modal="true"]') !== null;
  return { typing, inDialog };
}

/** Installs the handler on `window` (capture phase, so it sees keys before widgets); returns the uninstaller. */
export function installKeybindings(
  registry: CommandRegistry,
  mac: boolean,
  onBadChord: (message: string) => void,
): () => void {
  let bindings = bindingsOf(registry.list(), mac, onBadChord);
  const unsubscribe = registry.subscribe(() => {
    bindings = bindingsOf(registry.list(), mac, onBadChord);
  });
  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.isComposing || e.defaultPrevented) return;
    const command = commandForKey(bindings, e, keyContextOf(e.target), (c) => registry.isEnabled(c));
    if (!command) return;
    e.preventDefault();
    e.stopPropagation();
    registry.run(command.id);
  };
  window.addEventListener('keydown', onKeyDown, true);
  return () => {
    unsubscribe();
    window.removeEventListener('keydown', onKeyDown, true);
  };
}
