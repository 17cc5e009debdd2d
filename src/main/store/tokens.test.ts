/**
 * Node access tokens in a real store: shown once, kept as a hash, checked,
 * revoked and expired; each change on the audit ledger, never the value.
 */
import { describe, expect, it } from 'vitest';
import { tempStore } from './__fixtures__/temp';
import { hashToken, TOKEN_PREFIX } from './tokens';

describe('node tokens', () => {
  it('stores only a hash, authenticates the token and says who holds it', () => {
    const { store, clock } = tempStore();
    const made = store.tokens.create({ name: 'ci', role: 'operator' });
    expect(made.token.startsWith(TOKEN_PREFIX)).toBe(true);
    expect(made.info).toMatchObject({ name: 'ci', role: 'operator', createdAt: clock.t });
    const rows = JSON.stringify(store.db.prepare('SELECT * FROM node_tokens').all());
    expect(rows).not.toContain(made.token);
    expect(rows).toContain(hashToken(made.token));
    clock.t += 1000;
    const found = store.tokens.authenticate(made.token);
    expect(found).toMatchObject({ ok: true, info: { name: 'ci', role: 'operator', lastUsedAt: clock.t } });
    expect(store.tokens.authenticate(`${made.token}x`)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.tokens.activeCount()).toBe(1);
  });

  it('revokes by name or id, and expires', () => {
    const { store, clock } = tempStore();
    const a = store.tokens.create({ name: 'a', role: 'viewer' });
    const b = store.tokens.create({ name: 'b', role: 'admin', expiresAt: clock.t + 60_000 });
    expect(store.tokens.revoke('a')).toBe(true);
    expect(store.tokens.revoke(String(a.info.id))).toBe(false);
    expect(store.tokens.authenticate(a.token)).toEqual({ ok: false, reason: 'revoked' });
    expect(store.tokens.stillValid(b.info.id)).toBe(true);
    clock.t += 60_000;
    expect(store.tokens.authenticate(b.token)).toEqual({ ok: false, reason: 'expired' });
    expect(store.tokens.stillValid(b.info.id)).toBe(false);
    expect(store.tokens.activeCount()).toBe(0);
    expect(() => store.tokens.revoke('nobody')).toThrow('no token named "nobody"');
  });

  it('refuses bad names, roles, duplicates and past expiries with a clear message', () => {
    const { store, clock } = tempStore();
    store.tokens.create({ name: 'ci', role: 'viewer' });
    expect(() => store.tokens.create({ name: 'ci', role: 'viewer' })).toThrow('a token named ci exists already');
    expect(() => store.tokens.create({ name: 'two words', role: 'viewer' })).toThrow(
      'token name "two words" must be 1-64 letters',
    );
    expect(() => store.tokens.create({ name: 'x', role: 'root' })).toThrow(
      'role "root" is not one of viewer, operator, admin',
    );
    expect(() => store.tokens.create({ name: 'y', role: 'viewer', expiresAt: clock.t })).toThrow(
      'the expiry must be in the future',
    );
  });

  it('puts creation and revocation on the audit ledger without the token', () => {
    const { store } = tempStore();
    const made = store.tokens.create({ name: 'ci', role: 'operator', actor: 'alice' });
    store.tokens.revoke('ci', 'bob');
    const entries = store.audit.list().filter((e) => e.action.startsWith('tokens.'));
    expect(entries.map((e) => [e.actor, e.action, e.subject])).toEqual([
      ['alice', 'tokens.created', 'token:ci'],
      ['bob', 'tokens.revoked', 'token:ci'],
    ]);
    expect(JSON.stringify(entries)).not.toContain(made.token);
    expect(store.audit.verify().ok).toBe(true);
  });
});
