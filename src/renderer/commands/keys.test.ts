import { describe, expect, it } from 'vitest';
import type { KeyInput } from './keys';
import { formatChord, isMacPlatform, matchesChord, parseChord, toAccelerator } from './keys';

function key(
  k: string,
  code: string,
  mods: Partial<Pick<KeyInput, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>> = {},
): KeyInput {
  return { key: k, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods };
}

describe('parseChord', () => {
  it('maps Mod to Ctrl, or to Cmd on macOS', () => {
    expect(parseChord('Mod+Shift+P', false)).toEqual({ ctrl: true, meta: false, alt: false, shift: true, key: 'p' });
    expect(parseChord('Mod+Shift+P', true)).toEqual({ ctrl: false, meta: true, alt: false, shift: true, key: 'p' });
  });

  it('reads named keys, function keys and punctuation', () => {
    expect(parseChord('Delete', false).key).toBe('Delete');
    expect(parseChord('Esc', false).key).toBe('Escape');
    expect(parseChord('Shift+F5', false)).toMatchObject({ shift: true, key: 'F5' });
    expect(parseChord('?', false).key).toBe('?');
    expect(parseChord('Mod++', false)).toMatchObject({ ctrl: true, key: '+' });
    expect(parseChord('Mod+Plus', false).key).toBe('+');
  });

  it('says what is wrong with a chord nobody can type', () => {
    expect(() => parseChord('Mod+', false)).toThrow('bad key chord "Mod+": no key');
    expect(() => parseChord('Ctrl+Hyper+K', false)).toThrow('"Hyper" is not a modifier');
    expect(() => parseChord('Ctrl+Kay', false)).toThrow('unknown key "Kay"');
  });
});

describe('matchesChord', () => {
  it('matches letters case-insensitively with exact modifiers', () => {
    const undo = parseChord('Mod+Z', false);
    expect(matchesChord(undo, key('z', 'KeyZ', { ctrlKey: true }))).toBe(true);
    expect(matchesChord(undo, key('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchesChord(parseChord('Mod+Shift+Z', false), key('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }))).toBe(
      true,
    );
    expect(matchesChord(undo, key('z', 'KeyZ'))).toBe(false);
    expect(matchesChord(undo, key('z', 'KeyZ', { ctrlKey: true, altKey: true }))).toBe(false);
  });

  it('matches digits by position, so Shift+1 works although the key is "!"', () => {
    expect(matchesChord(parseChord('Shift+1', false), key('!', 'Digit1', { shiftKey: true }))).toBe(true);
    expect(matchesChord(parseChord('Shift+0', false), key(')', 'Digit0', { shiftKey: true }))).toBe(true);
    expect(matchesChord(parseChord('Shift+1', false), key('1', 'Digit1'))).toBe(false);
  });

  it('treats Shift as part of a punctuation key', () => {
    expect(matchesChord(parseChord('?', false), key('?', 'Slash', { shiftKey: true }))).toBe(true);
    expect(matchesChord(parseChord('?', false), key('/', 'Slash'))).toBe(false);
  });

  it('matches named keys exactly', () => {
    expect(matchesChord(parseChord('F5', false), key('F5', 'F5'))).toBe(true);
    expect(matchesChord(parseChord('Shift+F5', false), key('F5', 'F5'))).toBe(false);
    expect(matchesChord(parseChord('Delete', false), key('Delete', 'Delete'))).toBe(true);
    expect(matchesChord(parseChord('Backspace', false), key('Delete', 'Delete'))).toBe(false);
  });

  it('uses Cmd on macOS and not Ctrl', () => {
    const save = parseChord('Mod+S', true);
    expect(matchesChord(save, key('s', 'KeyS', { metaKey: true }))).toBe(true);
    expect(matchesChord(save, key('s', 'KeyS', { ctrlKey: true }))).toBe(false);
  });
});

describe('display', () => {
  it('formats for people on each platform', () => {
    expect(formatChord('Mod+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(formatChord('Mod+Shift+P', true)).toBe('⇧⌘P');
    expect(formatChord('Shift+Alt+T', false)).toBe('Alt+Shift+T');
    expect(formatChord('Esc', false)).toBe('Esc');
    expect(formatChord('F10', true)).toBe('F10');
  });

  it('gives Electron accelerators', () => {
    expect(toAccelerator('Mod+Shift+P')).toBe('CmdOrCtrl+Shift+P');
    expect(toAccelerator('Shift+Alt+T')).toBe('Alt+Shift+T');
    expect(toAccelerator('Shift+F5')).toBe('Shift+F5');
    expect(toAccelerator('Delete')).toBe('Delete');
    expect(toAccelerator('Mod++')).toBe('CmdOrCtrl+Plus');
  });

  it('detects macOS from the navigator', () => {
    expect(isMacPlatform({ platform: 'MacIntel' })).toBe(true);
    expect(isMacPlatform({ platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe(false);
    expect(isMacPlatform(undefined)).toBe(false);
  });
});
