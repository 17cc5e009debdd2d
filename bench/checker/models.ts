/**
 * The checker benchmark's models as CSPm text (checked through the real front
 * end, as a user's script would be). Their Promela twins are in bench/promela.
 */
export function butlerScript(N: number): string {
  return `N = ${N}
channel thinks, sits, eats, getsup : {0..N-1}
channel picks, putsdown : {0..N-1}.{0..N-1}
PHIL(i) = thinks.i -> sits.i -> picks.i.i -> picks.i.(i+1)%N -> eats.i ->
          putsdown.i.(i+1)%N -> putsdown.i.i -> getsup.i -> PHIL(i)
FORK(i) = picks.i.i -> putsdown.i.i -> FORK(i) [] picks.(i-1)%N.i -> putsdown.(i-1)%N.i -> FORK(i)
SYSTEM = (||| i : {0..N-1} @ PHIL(i)) [| {| picks, putsdown |} |] (||| i : {0..N-1} @ FORK(i))
BUTLER(n) = n < N-1 & sits?i -> BUTLER(n+1) [] n > 0 & getsup?i -> BUTLER(n-1)
BSYSTEM = SYSTEM [| {| sits, getsup |} |] BUTLER(0)
assert BSYSTEM :[deadlock free [F]]
`;
}

export function pipelineScript(N: number): string {
  return `N = ${N}
channel c : {0..N}.{0,1}
COPY(i) = c.i?x -> c.(i+1)!x -> COPY(i)
PIPE = (|| i : {0..N-1} @ [{| c.i, c.(i+1) |}] COPY(i)) \\ {| c.i | i <- {1..N-1} |}
assert PIPE :[deadlock free [F]]
`;
}

/** One reachable state: the baseline for memory per state. */
export const ONE_STATE_SCRIPT = `channel a
P = a -> P
assert P :[deadlock free [F]]
`;

/** Its SPIN twin (SPIN refuses a one-state loop, so: a process that does one step and ends). */
export const ONE_STATE_PROMELA = `active proctype p() { skip }
`;
