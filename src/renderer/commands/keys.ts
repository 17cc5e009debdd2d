/**
 * Key chords as written in commands ('Mod+Shift+P', 'Shift+Alt+T', 'F5', '?'):
 * parsing, matching a KeyboardEvent, and display ('Ctrl+Shift+P', or '⇧⌘P' on
 * macOS). Pure, so it is unit-tested without a browser.
 */

export interface Chord {
  readonly ctrl: boolean;
  readonly meta: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  /** Normalised key: lower-case letter or digit, or a KeyboardEvent.key name ('F5', 'Delete', '?'). */
  readonly key: string;
}

/** The parts of a KeyboardEvent a chord is matched against. */
export interface KeyInput {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

const MODIFIERS = new Set(['mod', 'ctrl', 'cmd', 'meta', 'alt', 'option', 'shift']);

const NAMED: Record<string, string> = {
  esc: 'Escape',
  escape: 'Escape',
  del: 'Delete',
  delete: 'Delete',
  backspace: 'Backspace',
  enter: 'Enter',
  return: 'Enter',
  tab: 'Tab',
  space: ' ',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  arrowup: 'ArrowUp',
  arrowdown: 'ArrowDown',
  arrowleft: 'ArrowLeft',
  arrowright: 'ArrowRight',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  plus: '+',
};

/** Parses 'Mod+Shift+P' for a platform. Throws on a chord a person could not type (a bug in a command). */
export function parseChord(text: string, mac: boolean): Chord {
  // 'Mod++' and 'Mod+Plus' both mean the + key.
  const parts = text.endsWith('++') ? [...text.slice(0, -2).split('+'), '+'] : text.split('+');
  const last = parts.pop()?.trim() ?? '';
  if (last === '') throw new Error(`bad key chord "${text}": no key`);
  let ctrl = false;
  let meta = false;
  let alt = false;
  let shift = false;
  for (const raw of parts) {
    const lower = raw.trim().toLowerCase();
    if (!MODIFIERS.has(lower))
      throw new Error(`bad key chord "${text}": "${raw}" is not a modifier (Mod, Ctrl, Cmd, Alt, Shift)`);
    if (lower === 'mod') {
      if (mac) meta = true;
      else ctrl = true;
    } else if (lower === 'ctrl') ctrl = true;
    else if (lower === 'cmd' || lower === 'meta') meta = true;
    else if (lower === 'alt' || lower === 'option') alt = true;
    else shift = true;
  }
  return { ctrl, meta, alt, shift, key: normaliseKey(last, text) };
}

function normaliseKey(part: string, text: string): string {
  const named = NAMED[part.toLowerCase()];
  if (named !== undefined) return named;
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(part)) return part.toUpperCase();
  if (part.length === 1) return part.toLowerCase();
  throw new Error(`bad key chord "${text}": unknown key "${part}"`);
}

/** Letters and digits match by physical position too, so Shift+1 works although e.key is '!'. */
function eventKeys(e: KeyInput): string[] {
  const keys = [e.key.length === 1 ? e.key.toLowerCase() : e.key];
  const code = /^(?:Key([A-Z])|Digit([0-9])|Numpad([0-9]))$/.exec(e.code);
  if (code) keys.push((code[1] ?? code[2] ?? code[3] ?? '').toLowerCase());
  return keys;
}

/** Punctuation typed with Shift ('?', '!') is matched by the character: Shift is part of the key. */
function shiftIsImplicit(key: string): boolean {
  return key.length === 1 && !/[a-z0-9 ]/.test(key);
}

export function matchesChord(chord: Chord, e: KeyInput): boolean {
  if (chord.ctrl !== e.ctrlKey || chord.meta !== e.metaKey || chord.alt !== e.altKey) return false;
  if (!shiftIsImplicit(chord.key) && chord.shift !== e.shiftKey) return false;
  return eventKeys(e).includes(chord.key);
}

const MAC_SYMBOLS = { ctrl: '⌃', alt: '⌥', shift: '⇧', meta: '⌘' } as const;
const KEY_LABELS: Record<string, string> = {
  ' ': 'Space',
  Escape: 'Esc',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
};

function keyLabel(key: string): string {
  return KEY_LABELS[key] ?? (key.length === 1 ? key.toUpperCase() : key);
}

/** The modifier and key names a person reads ('Ctrl', 'Shift', 'P'); on macOS the symbols. */
export function chordParts(chord: Chord, mac: boolean): string[] {
  const parts: string[] = [];
  if (mac) {
    if (chord.ctrl) parts.push(MAC_SYMBOLS.ctrl);
    if (chord.alt) parts.push(MAC_SYMBOLS.alt);
    if (chord.shift) parts.push(MAC_SYMBOLS.shift);
    if (chord.meta) parts.push(MAC_SYMBOLS.meta);
  } else {
    if (chord.ctrl) parts.push('Ctrl');
    if (chord.meta) parts.push('Meta');
    if (chord.alt) parts.push('Alt');
    if (chord.shift) parts.push('Shift');
  }
  parts.push(keyLabel(chord.key));
  return parts;
}

/** 'Ctrl+Shift+P', or '⇧⌘P' on macOS. */
export function formatChord(text: string, mac: boolean): string {
  const parts = chordParts(parseChord(text, mac), mac);
  return mac ? parts.join('') : parts.join('+');
}

/** Electron accelerator for a chord ('Mod+Shift+P' → 'CmdOrCtrl+Shift+P'). */
export function toAccelerator(text: string): string {
  const chord = parseChord(text, false);
  const mod = /(^|\+)mod\+/i.test(text);
  const parts: string[] = [];
  if (mod) parts.push('CmdOrCtrl');
  else if (chord.ctrl) parts.push('Ctrl');
  if (chord.meta) parts.push('Super');
  if (chord.alt) parts.push('Alt');
  if (chord.shift) parts.push('Shift');
  const k = chord.key;
  const named: Record<string, string> = {
    ' ': 'Space',
    ArrowUp: 'Up',
    ArrowDown: 'Down',
    ArrowLeft: 'Left',
    ArrowRight: 'Right',
    Escape: 'Esc',
    '+': 'Plus',
  };
  parts.push(named[k] ?? (k.length === 1 ? k.toUpperCase() : k));
  return parts.join('+');
}

export function isMacPlatform(nav: { platform?: string; userAgent?: string } | undefined): boolean {
  const text = `${nav?.platform ?? ''} ${nav?.userAgent ?? ''}`;
  return /Mac|iPhone|iPad/.test(text);
}
