/**
 * Validation of built-in nodes beyond their zod shape: the port signature of
 * the kind, map/filter expressions (parsed and checked for unknown names), and
 * the HTTP node's URL against its egress allow-list when the host is fixed.
 */
import { builtinPortProblems } from './builtins';
import type { BuiltinNode } from './model';
import { checkExpression } from './expr';

export interface BuiltinProblem {
  /** Path below the node (`ports`, `config.expression`, ...). */
  readonly path: string;
  readonly message: string;
}

/** `{name}` placeholders of an HTTP URL template. */
export const URL_PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * `host` or `host:port` of an absolute http(s) URL, lower-cased; undefined if
 * it is not one (or carries user:password, which belongs in a secret header).
 * A regex, not `URL`: the engine has no platform globals.
 */
export function urlHost(url: string): { host: string; hostPort: string } | undefined {
  const m = /^https?:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?(?:[/?#]|$)/i.exec(url);
  if (m === null) return undefined;
  const host = m[1]!.toLowerCase();
  return { host, hostPort: m[2] === undefined ? host : `${host}:${Number(m[2])}` };
}

/** Whether the allow-list lets a node call this host (an entry is `host` for any port, or `host:port`). */
export function hostAllowed(allow: readonly string[], target: { host: string; hostPort: string }): boolean {
  return allow.some((a) => {
    const entry = a.trim().toLowerCase();
    return entry === target.host || entry === target.hostPort;
  });
}

export function builtinConfigProblems(node: BuiltinNode): BuiltinProblem[] {
  const out: BuiltinProblem[] = builtinPortProblems(node).map((message) => ({ path: 'ports', message }));
  if (node.kind === 'map' || node.kind === 'filter') {
    for (const e of checkExpression(node.config.expression, ['msg'])) {
      out.push({ path: 'config.expression', message: `${node.kind} expression, column ${e.column}: ${e.message}` });
    }
  }
  if (node.kind === 'http') {
    const template = node.config.url;
    // Placeholders may sit in the path or query; the host must be fixed so the allow-list can be checked before running.
    const authority = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(template)?.[1] ?? '';
    const target = urlHost(template.replace(URL_PLACEHOLDER, 'x'));
    if (target === undefined)
      out.push({ path: 'config.url', message: `"${template}" is not an absolute http:// or https:// URL` });
    else if (authority.includes('{')) {
      out.push({
        path: 'config.url',
        message: 'the host of the URL cannot come from the message (the egress allow-list is checked on a fixed host)',
      });
    } else if (!hostAllowed(node.config.allow, target)) {
      out.push({
        path: 'config.url',
        message: `host ${target.hostPort} is not in this node's allow-list (${node.config.allow.join(', ')})`,
      });
    }
  }
  return out;
}
