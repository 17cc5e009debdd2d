/**
 * Access tokens of a node (`csp tokens create|list|revoke`, checked by `csp serve`).
 * A token is 256 random bits, shown once when it is made; the store keeps only its
 * SHA-256, so a copy of the database does not let anyone in. (A slow password hash
 * is not needed: the secret is random, not chosen by a person.) Creating and revoking
 * append audit entries naming the token (never its value).
 */
import type { Database as Db } from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import type { NodeRole } from '../../shared/protocol/roles';
import { isNodeRole } from '../../shared/protocol/roles';
import type { AuditLedger } from './audit/ledger';
import { StoreError, badInput } from './errors';

/** Tokens start with this, so one pasted in the wrong place is recognisable (and greppable in logs). */
export const TOKEN_PREFIX = 'cspn_';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;

export interface TokenInfo {
  readonly id: number;
  readonly name: string;
  readonly role: NodeRole;
  readonly createdAt: number;
  readonly expiresAt: number | undefined;
  readonly lastUsedAt: number | undefined;
  readonly revokedAt: number | undefined;
}

interface Row {
  id: number;
  name: string;
  role: string;
  hash: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function info(r: Row): TokenInfo {
  return {
    id: r.id,
    name: r.name,
    role: isNodeRole(r.role) ? r.role : 'viewer',
    createdAt: r.created_at,
    expiresAt: r.expires_at ?? undefined,
    lastUsedAt: r.last_used_at ?? undefined,
    revokedAt: r.revoked_at ?? undefined,
  };
}

export class TokensApi {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLedger,
    private readonly now: () => number,
  ) {}

  /** Makes a token; the returned `token` is the only time its value exists outside the client. */
  create(input: { name: string; role: string; expiresAt?: number; actor?: string }): {
    token: string;
    info: TokenInfo;
  } {
    if (!NAME.test(input.name))
      throw badInput(
        `token name ${JSON.stringify(input.name)} must be 1-64 letters, digits, '_', '.', '@', '-' (starting with a letter or digit)`,
      );
    if (!isNodeRole(input.role))
      throw badInput(`role ${JSON.stringify(input.role)} is not one of viewer, operator, admin`);
    const role = input.role;
    if (input.expiresAt !== undefined && input.expiresAt <= this.now())
      throw badInput('the expiry must be in the future');
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const created = this.now();
    return this.db
      .transaction(() => {
        const taken = this.db.prepare('SELECT 1 FROM node_tokens WHERE name = ?').get(input.name);
        if (taken !== undefined)
          throw badInput(`a token named ${input.name} exists already (revoke it or choose another name)`);
        const id = Number(
          this.db
            .prepare('INSERT INTO node_tokens (name, role, hash, created_at, expires_at) VALUES (?,?,?,?,?)')
            .run(input.name, role, hashToken(token), created, input.expiresAt ?? null).lastInsertRowid,
        );
        this.audit.append({
          actor: input.actor,
          action: 'tokens.created',
          subject: `token:${input.name}`,
          details: { id, role, ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}) },
        });
        return { token, info: this.byId(id)! };
      })
      .immediate();
  }

  list(): TokenInfo[] {
    return (this.db.prepare('SELECT * FROM node_tokens ORDER BY id').all() as Row[]).map(info);
  }

  /** How many tokens can still be used (not revoked, not expired). */
  activeCount(): number {
    return this.db
      .prepare('SELECT count(*) FROM node_tokens WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)')
      .pluck()
      .get(this.now()) as number;
  }

  /** Revokes by name or id; false when it was already revoked. */
  revoke(nameOrId: string, actor?: string): boolean {
    const row = (
      /^\d+$/.test(nameOrId)
        ? this.db.prepare('SELECT * FROM node_tokens WHERE id = ?').get(Number(nameOrId))
        : this.db.prepare('SELECT * FROM node_tokens WHERE name = ?').get(nameOrId)
    ) as Row | undefined;
    if (row === undefined)
      throw new StoreError('NOT_FOUND', `no token named ${JSON.stringify(nameOrId)} (csp tokens list shows them)`);
    if (row.revoked_at !== null) return false;
    this.db
      .transaction(() => {
        this.db.prepare('UPDATE node_tokens SET revoked_at = ? WHERE id = ?').run(this.now(), row.id);
        this.audit.append({
          actor,
          action: 'tokens.revoked',
          subject: `token:${row.name}`,
          details: { id: row.id, role: row.role },
        });
      })
      .immediate();
    return true;
  }

  /**
   * The token's holder, or why it cannot be used. Marks it used (at most once a
   * minute, so a busy client does not write on every connection).
   */
  authenticate(
    token: string,
  ): { ok: true; info: TokenInfo } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' } {
    const row = this.db.prepare('SELECT * FROM node_tokens WHERE hash = ?').get(hashToken(token)) as Row | undefined;
    if (row === undefined) return { ok: false, reason: 'unknown' };
    if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
    const now = this.now();
    if (row.expires_at !== null && row.expires_at <= now) return { ok: false, reason: 'expired' };
    if (row.last_used_at === null || now - row.last_used_at > 60_000) {
      this.db.prepare('UPDATE node_tokens SET last_used_at = ? WHERE id = ?').run(now, row.id);
    }
    return { ok: true, info: info({ ...row, last_used_at: now }) };
  }

  /** Whether the token with this id can still be used (a live session re-checks this). */
  stillValid(id: number): boolean {
    const row = this.byIdRow(id);
    return row !== undefined && row.revoked_at === null && (row.expires_at === null || row.expires_at > this.now());
  }

  private byIdRow(id: number): Row | undefined {
    return this.db.prepare('SELECT * FROM node_tokens WHERE id = ?').get(id) as Row | undefined;
  }

  private byId(id: number): TokenInfo | undefined {
    const r = this.byIdRow(id);
    return r === undefined ? undefined : info(r);
  }
}
