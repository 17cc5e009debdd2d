import { describe, it, expect } from 'vitest';
import { decode } from './codec';
import { MAX_MESSAGE_BYTES } from './limits';
import { parseVersion } from './version';

describe('decode', () => {
  it('accepts an envelope and drops unknown top-level fields', () => {
    const d = decode(JSON.stringify({ v: 1, id: 7, type: 'ping', payload: {}, extra: 'x' }));
    expect(d).toEqual({ ok: true, message: { v: 1, id: 7, type: 'ping', payload: {} } });
  });

  it('names the failing path of a malformed envelope and echoes a readable id', () => {
    const d = decode(JSON.stringify({ v: 'one', id: 'a1', type: '', payload: {} }));
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.error.code).toBe('bad_message');
    expect(d.error.message).toMatch(/^malformed envelope: v: .*; type: /);
    expect(d.id).toBe('a1');
  });

  it('reports invalid JSON without throwing', () => {
    const d = decode('{"v":1,');
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.error.message).toMatch(/not valid JSON/);
  });

  it('refuses a message over the limit before parsing it', () => {
    const big = JSON.stringify({ v: 1, type: 'ping', payload: { s: 'é'.repeat(MAX_MESSAGE_BYTES / 2 + 10) } });
    const d = decode(big);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.error.code).toBe('too_large');
      expect(d.error.message).toContain(`limit is ${MAX_MESSAGE_BYTES} bytes`);
    }
  });
});

describe('parseVersion', () => {
  it('reads MAJOR.MINOR and rejects anything else', () => {
    expect(parseVersion('1.12')).toEqual({ major: 1, minor: 12 });
    expect(parseVersion('1')).toBeUndefined();
    expect(parseVersion('1.2.3')).toBeUndefined();
    expect(parseVersion('v1.2')).toBeUndefined();
  });
});
