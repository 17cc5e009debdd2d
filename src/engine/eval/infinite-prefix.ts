/**
 * Prefixes on a channel of infinite type (`channel c : Int`) whose inputs are
 * all restricted to a set: `c?x:S -> P`, `c!0?y:{1,2}?z:f(y) -> P`.
 *
 * The channel's events cannot be listed, but such a prefix only offers the
 * events its sets allow, so FDR accepts it. The events are built from the
 * product of the output values and the restricting sets (each set evaluated
 * under the inputs bound before it), never looked up among all the channel's
 * events. A value outside the channel's type is an error when the event is
 * built, as in FDR. An unrestricted input (`c?x`) still needs every event of
 * the channel: the caller falls back to the general path, which says so.
 */
import type { CommField } from '../cspm/syntax/ast';
import type { Value } from '../csp/values';
import type { Env } from './env';
import type { Evaluator } from './evaluator';
import { match } from './patterns';
import { asSet, dotItems } from './value-ops';

/** One event a restricted prefix offers: its fields after the head, and the names its inputs bind. */
export interface RestrictedChoice {
  readonly items: readonly Value[];
  readonly binds: ReadonlyMap<string, Value>;
}

/** Every restricted input and output of `fields` expanded; undefined when some input is unrestricted or `$`. */
export function restrictedChoices(
  ev: Evaluator,
  fields: readonly CommField[],
  env: Env,
): RestrictedChoice[] | undefined {
  const finite = fields.every(
    (f) => f.kind === 'OutputField' || (f.restriction !== null && f.nondeterministic !== true),
  );
  if (!finite) return undefined;
  const out: RestrictedChoice[] = [];
  const step = (k: number, items: readonly Value[], binds: Map<string, Value>): void => {
    if (k === fields.length) {
      out.push({ items, binds });
      return;
    }
    ev.factory.poll();
    const field = fields[k] as CommField;
    const scope = withBinds(env, binds);
    if (field.kind === 'OutputField') {
      step(k + 1, [...items, ...dotItems(ev.eval(field.expr, scope))], binds);
      return;
    }
    const restriction = field.restriction as NonNullable<typeof field.restriction>;
    for (const v of asSet(ev.eval(restriction, scope), restriction.span).items) {
      const next = new Map(binds);
      if (match(ev, field.pattern, v, next)) step(k + 1, [...items, ...dotItems(v)], next);
    }
  };
  step(0, [], new Map());
  return out;
}

function withBinds(env: Env, binds: ReadonlyMap<string, Value>): Env {
  if (binds.size === 0) return env;
  const inner = env.child();
  for (const [k, v] of binds) inner.define(k, v);
  return inner;
}
