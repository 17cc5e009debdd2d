/**
 * What one connection to a node may do, and what the audit ledger hears of it.
 *  - Each request needs its method's role (METHOD_ROLES); a refusal is `forbidden`
 *    and is audited.
 *  - Naming a file on the node (`file` params, CSPm `include`) is admin-only: a
 *    viewer or operator deploys text, and must not read the node's disk through
 *    a parse error.
 *  - A stored token is re-checked every few seconds, so revoking it ends the
 *    connections that use it.
 *  - Every call that is not a pure read is written to the ledger (actor, method,
 *    the ids it touched, whether it worked); reads are not, or a busy viewer
 *    would grow the ledger without end.
 */
import type { ErrorPayload, MethodName } from '../../shared/protocol';
import { METHOD_ROLES, ProtocolError, isReadOnly, roleAllows } from '../../shared/protocol';
import type { CallRecord, SessionOptions } from '../host/session';
import type { AuditEntryInput } from '../store';
import type { Principal } from './gate';

export interface AccessDeps {
  readonly principal: Principal;
  /** The client's address, for the ledger. */
  readonly address: string;
  readonly audit: (entry: AuditEntryInput) => void;
  /** Whether the stored token with this id may still be used. */
  readonly tokenValid: (id: number) => boolean;
  /** Called once when the token stopped being valid: the server closes the connection. */
  readonly onRevoked: () => void;
  readonly now?: () => number;
  /** Told of each call (metrics). */
  readonly onCall?: (call: CallRecord) => void;
}

const RECHECK_MS = 2_000;
/** Param and result fields worth naming in the ledger: ids and small scalars, never document text. */
const NOTED = [
  'runId',
  'checkId',
  'storeRunId',
  'id',
  'versionId',
  'probeId',
  'name',
  'node',
  'seq',
  'index',
  'assertion',
  'kind',
  'format',
  'stream',
  'subscription',
];
const INCLUDE = /^\s*include\s+"/m;

function noted(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value === null || typeof value !== 'object') return out;
  for (const key of NOTED) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[key] = typeof v === 'string' ? v.slice(0, 200) : v;
  }
  const text = (value as { text?: unknown; content?: unknown }).text ?? (value as { content?: unknown }).content;
  if (typeof text === 'string') out.textBytes = Buffer.byteLength(text);
  return out;
}

/** What a call was about, as the ledger's subject. */
function subjectOf(method: MethodName, params: Record<string, unknown>, result: Record<string, unknown>): string {
  const runId = params.runId ?? result.runId;
  if (typeof runId === 'string') return `run:${runId}`;
  const checkId = params.checkId ?? result.checkId;
  if (typeof checkId === 'string') return `check:${checkId}`;
  if (method.startsWith('workflows.')) {
    const id = params.id ?? params.versionId ?? result.id;
    if (typeof id === 'string' || typeof id === 'number') return `workflow:${id}`;
  }
  return 'node';
}

/** Why these params reach into the node's files, or undefined when they do not. */
function hostFileUse(params: unknown): string | undefined {
  if (params === null || typeof params !== 'object') return undefined;
  const p = params as Record<string, unknown>;
  if (typeof p.file === 'string') return `it names a file on the node (${p.file.slice(0, 200)}); send the text instead`;
  for (const key of ['text', 'content']) {
    const text = p[key];
    if (typeof text === 'string' && INCLUDE.test(text))
      return "its CSPm includes a file from the node's disk; inline the included script";
  }
  return undefined;
}

export function sessionAccess(deps: AccessDeps): Pick<SessionOptions, 'authorize' | 'observe'> {
  const { principal } = deps;
  const now = deps.now ?? Date.now;
  let checkedAt = now();
  let revoked = false;
  const record = (action: string, method: MethodName, params: unknown, result: unknown, error?: ErrorPayload): void => {
    const p = (params ?? {}) as Record<string, unknown>;
    const r = (result ?? {}) as Record<string, unknown>;
    deps.audit({
      actor: principal.actor,
      action,
      subject: subjectOf(method, p, r),
      details: {
        method,
        role: principal.role,
        address: deps.address,
        ok: error === undefined,
        ...(error !== undefined ? { code: error.code } : {}),
        params: noted(params),
        ...(result !== undefined ? { result: noted(result) } : {}),
      },
    });
  };
  return {
    authorize(method, params) {
      if (principal.tokenId !== undefined && now() - checkedAt >= RECHECK_MS) {
        checkedAt = now();
        if (!deps.tokenValid(principal.tokenId)) revoked = true;
      }
      if (revoked) {
        deps.onRevoked();
        throw new ProtocolError(
          'unauthorized',
          `the token of this connection (${principal.actor}) was revoked or has expired`,
        );
      }
      const needed = METHOD_ROLES[method];
      if (!roleAllows(principal.role, needed)) {
        record('remote.forbidden', method, params, undefined, { code: 'forbidden', message: '' });
        throw new ProtocolError(
          'forbidden',
          `${method} needs the ${needed} role; ${principal.actor} has the ${principal.role} role`,
        );
      }
      const files = principal.role === 'admin' ? undefined : hostFileUse(params);
      if (files !== undefined) {
        record('remote.forbidden', method, params, undefined, { code: 'forbidden', message: '' });
        throw new ProtocolError('forbidden', `${method}: ${files} (only an admin token may use the node's files)`);
      }
    },
    observe(call) {
      deps.onCall?.(call);
      if (!isReadOnly(call.method)) record(`remote.${call.method}`, call.method, call.params, call.result, call.error);
    },
  };
}
