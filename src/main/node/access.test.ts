/**
 * One connection's rights: roles per method, node files for admins only, a
 * revoked token noticed on the next request, and what reaches the ledger.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntryInput } from '../store';
import { sessionAccess } from './access';
import type { Principal } from './gate';

function access(
  principal: Principal,
  valid = true,
): { a: ReturnType<typeof sessionAccess>; audit: AuditEntryInput[]; clock: { t: number }; revoked: number[] } {
  const audit: AuditEntryInput[] = [];
  const clock = { t: 0 };
  const revoked: number[] = [];
  const a = sessionAccess({
    principal,
    address: '10.0.0.9',
    audit: (e) => audit.push(e),
    tokenValid: () => valid,
    onRevoked: () => revoked.push(clock.t),
    now: () => clock.t,
  });
  return { a, audit, clock, revoked };
}

const viewer: Principal = { actor: 'token:dash', role: 'viewer', tokenId: 1 };
const operator: Principal = { actor: 'token:ci', role: 'operator', tokenId: 2 };
const admin: Principal = { actor: 'token:root', role: 'admin', tokenId: 3 };

describe('node access', () => {
  it('refuses a method above the role, naming both, and audits the refusal', () => {
    const { a, audit } = access(viewer);
    expect(() => a.authorize!('workflows.list', {})).not.toThrow();
    expect(() => a.authorize!('run.start', { text: 'x', name: 'a.csp' })).toThrow(
      'run.start needs the operator role; token:dash has the viewer role',
    );
    expect(audit).toEqual([
      {
        actor: 'token:dash',
        action: 'remote.forbidden',
        subject: 'node',
        details: expect.objectContaining({
          method: 'run.start',
          ok: false,
          code: 'forbidden',
          address: '10.0.0.9',
          params: { name: 'a.csp', textBytes: 1 },
        }),
      },
    ]);
  });

  it("keeps the node's files (file params, CSPm include) to admins", () => {
    const { a } = access(operator);
    expect(() => a.authorize!('check.run', { file: '/etc/passwd' })).toThrow('names a file on the node (/etc/passwd)');
    expect(() => a.authorize!('check.run', { text: 'channel a\n  include "secret.csp"\n' })).toThrow(
      "includes a file from the node's disk",
    );
    expect(() => a.authorize!('check.run', { text: '-- no include here\nchannel a\n' })).not.toThrow();
    expect(() => access(admin).a.authorize!('check.run', { file: '/srv/models/big.csp' })).not.toThrow();
  });

  it('re-checks a stored token every few seconds and ends the connection once it is revoked', () => {
    const { a, clock, revoked } = access(operator, false);
    expect(() => a.authorize!('ping', {})).not.toThrow();
    clock.t = 2_000;
    expect(() => a.authorize!('ping', {})).toThrow(
      'the token of this connection (token:ci) was revoked or has expired',
    );
    expect(revoked).toEqual([2_000]);
  });

  it('audits every call that is not a read, with the ids it touched', () => {
    const { a, audit } = access(operator);
    a.observe!({ method: 'workflows.list', params: {}, result: { workflows: [] } });
    a.observe!({
      method: 'run.start',
      params: { text: 'P = STOP', name: 'p.csp', seed: 1 },
      result: { runId: 'r1', storeRunId: 4 },
    });
    a.observe!({ method: 'run.stop', params: { runId: 'r1' }, error: { code: 'not_found', message: 'no run r1' } });
    expect(audit.map((e) => [e.action, e.subject])).toEqual([
      ['remote.run.start', 'run:r1'],
      ['remote.run.stop', 'run:r1'],
    ]);
    expect(audit[0]!.details).toMatchObject({
      ok: true,
      params: { name: 'p.csp', textBytes: 8 },
      result: { runId: 'r1', storeRunId: 4 },
    });
    expect(audit[1]!.details).toMatchObject({ ok: false, code: 'not_found' });
  });
});
