import { describe, it, expect } from 'vitest';
import { defaultDataDir } from './paths';

describe('defaultDataDir', () => {
  it('prefers CSP_DATA_DIR, then XDG_DATA_HOME, then ~/.local/share', () => {
    expect(defaultDataDir({ CSP_DATA_DIR: '/tmp/x', XDG_DATA_HOME: '/xdg' }, '/home/u')).toBe('/tmp/x');
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, '/home/u')).toBe('/xdg/csp-studio');
    expect(defaultDataDir({}, '/home/u')).toBe('/home/u/.local/share/csp-studio');
  });
  it('ignores a relative or empty XDG_DATA_HOME, as the XDG spec says', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: 'rel/path' }, '/home/u')).toBe('/home/u/.local/share/csp-studio');
    expect(defaultDataDir({ XDG_DATA_HOME: '', CSP_DATA_DIR: ' ' }, '/home/u')).toBe('/home/u/.local/share/csp-studio');
  });
});
