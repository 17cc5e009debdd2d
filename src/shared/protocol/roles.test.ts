/**
 * Every method of the registry has exactly one role in METHOD_ROLES (the type
 * already insists; this also catches a registry built at run time), and the
 * roles are ordered viewer < operator < admin.
 */
import { describe, expect, it } from 'vitest';
import { methods } from './methods/index';
import { METHOD_ROLES, NODE_ROLES, isReadOnly, roleAllows } from './roles';
import type { MethodName } from './methods/index';

describe('method roles', () => {
  it('names every method of the registry and nothing else', () => {
    expect(Object.keys(METHOD_ROLES).sort()).toEqual(Object.keys(methods).sort());
    for (const role of Object.values(METHOD_ROLES)) expect(NODE_ROLES).toContain(role);
  });

  it('orders the roles', () => {
    expect(roleAllows('admin', 'operator')).toBe(true);
    expect(roleAllows('operator', 'viewer')).toBe(true);
    expect(roleAllows('operator', 'admin')).toBe(false);
    expect(roleAllows('viewer', 'operator')).toBe(false);
  });

  it('keeps what starts work or changes stored documents from viewers', () => {
    const changing: MethodName[] = [
      'run.start',
      'run.step',
      'run.continue',
      'run.stop',
      'run.inject',
      'check.run',
      'check.cancel',
      'workflows.save',
      'workflows.import',
      'workflows.delete',
      'workflows.restore',
      'probe.open',
      'host.log.write',
    ];
    for (const m of changing) expect(isReadOnly(m), m).toBe(false);
    const reads: MethodName[] = [
      'hello',
      'ping',
      'subscribe',
      'host.info',
      'workflows.list',
      'workflows.get',
      'run.state',
      'check.result',
      'workflows.validate',
    ];
    for (const m of reads) expect(isReadOnly(m), m).toBe(true);
  });
});
