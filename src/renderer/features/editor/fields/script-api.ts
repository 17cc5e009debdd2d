/**
 * The script API of a script node as TypeScript declarations, for Monaco's
 * JavaScript service: `recv`, `send`, `alt`, `close`, `log`, `now`,
 * `random`, `ctx` and `CLOSED` (docs/runtime-api.md#script-nodes), with the
 * node's own port names as the only ports each call takes. Pure.
 * The calls name the ports themselves (not the InputPort / OutputPort
 * aliases), so a wrong port's error and a hover list the ports there are.
 */
import type { Port } from '../../../../engine/workflow';

const union = (names: readonly string[]): string =>
  names.length === 0 ? 'never' : names.map((n) => JSON.stringify(n)).join(' | ');

export function scriptApiDeclarations(ports: readonly Port[]): string {
  const inputs = union(ports.filter((p) => p.dir === 'in').map((p) => p.name));
  const outputs = union(ports.filter((p) => p.dir === 'out').map((p) => p.name));
  return `/** A CSPm value as JSON: numbers, booleans, strings, arrays (tuples, sequences, sets) and {"$c": name, "args": [...]} for constructors. */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** This node's input ports. */
type InputPort = ${inputs};
/** This node's output ports. */
type OutputPort = ${outputs};
/** What recv gives once the writer of a closable buffered edge closed it and the buffer drained (compare with ===). */
declare const CLOSED: { readonly closed: true };
/** Waits for the next value on an input port. */
declare function recv(port: ${inputs}): Promise<Json | typeof CLOSED>;
/** Sends a value on an output port; resolves once it was taken. It must be a value of the channel's type. */
declare function send(port: ${outputs}, value?: Json): Promise<void>;
/** Closes the closable buffered edges of an output port, in edge order. */
declare function close(port: ${outputs}): Promise<void>;
/** External choice: the first case that can happen fires (guarded-off cases never do). */
declare function alt(
  cases: ReadonlyArray<
    { recv: ${inputs}; guard?: boolean } | { send: ${outputs}; value?: Json; guard?: boolean }
  >,
): Promise<{ index: number; value: Json | typeof CLOSED }>;
/** Writes a line to the run's log. */
declare function log(...values: unknown[]): void;
/** The run's virtual time in ms (the time of the last timer tick); recorded, so a replay sees the same. */
declare function now(): number;
/** A number in [0, 1) from the run's seeded generator; recorded, so a replay sees the same. */
declare function random(): number;
declare const ctx: {
  /** Shown per step in the debugger. */
  state: { [key: string]: Json };
  /** A replica's index value (replicate: i in S). */
  readonly index?: Json;
};
`;
}
