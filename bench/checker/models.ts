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

/**
 * Refusal testing on the butler: BSYSTEM against CHAOS with a count of the
 * seated philosophers (any event may be refused or offered alone, but never
 * N seated at once), in [R= (it passes: the butler seats at most N - 1).
 * The specification's normal form has N nodes; the pairs are BSYSTEM's states.
 */
export function butlerRefusalScript(N: number): string {
  const defs = butlerScript(N)
    .split('\n')
    .filter((l) => !l.startsWith('assert'));
  return [
    ...defs,
    'OTHER = diff(Events, {| sits, getsup |})',
    'SEATED(n) = STOP |~| (|~| e : OTHER @ e -> SEATED(n))',
    '  |~| (n < N-1 & (|~| i : {0..N-1} @ sits.i -> SEATED(n+1)))',
    '  |~| (n > 0 & (|~| i : {0..N-1} @ getsup.i -> SEATED(n-1)))',
    'assert SEATED(0) [R= BSYSTEM',
    '',
  ].join('\n');
}

export function pipelineScript(N: number): string {
  return `N = ${N}
channel c : {0..N}.{0,1}
COPY(i) = c.i?x -> c.(i+1)!x -> COPY(i)
PIPE = (|| i : {0..N-1} @ [{| c.i, c.(i+1) |}] COPY(i)) \\ {| c.i | i <- {1..N-1} |}
assert PIPE :[deadlock free [F]]
`;
}

/**
 * A chain of N one-token cells with the links between them hidden. Without
 * compression it has 2^N states (each cell full or empty). With `normal` applied
 * at every step of the chain (FDR's inductive compression), each prefix is
 * a counter of 0..k tokens, so the check needs only N + 1 states at the top.
 * The chain behaves as a counter of capacity N, which the refinements check.
 */
export function tokenChainScript(N: number, compression: 'normal' | 'none'): string {
  const body = '(CHAIN(k-1) [| {c.(k-1)} |] CELL(k-1)) \\ {c.(k-1)}';
  return `N = ${N}
channel c : {0..N}
CELL(i) = c.i -> c.(i+1) -> CELL(i)
CHAIN(1) = CELL(0)
CHAIN(k) = ${compression === 'none' ? body : `normal(${body})`}
COUNT(n) = n < N & c.0 -> COUNT(n+1) [] n > 0 & c.N -> COUNT(n-1)
assert CHAIN(N) :[deadlock free [F]]
assert CHAIN(N) :[divergence free]
assert COUNT(0) [FD= CHAIN(N)
`;
}

/** The compressions whose reductions are measured, as CSPm around a process name. */
export const REDUCTIONS: readonly { readonly label: string; readonly wrap: (p: string) => string }[] = [
  { label: 'none', wrap: (p) => p },
  { label: 'sbisim', wrap: (p) => `sbisim(${p})` },
  { label: 'diamond', wrap: (p) => `diamond(${p})` },
  { label: 'sbisim(diamond)', wrap: (p) => `sbisim(diamond(${p}))` },
  { label: 'wbisim', wrap: (p) => `wbisim(${p})` },
  { label: 'normal', wrap: (p) => `normal(${p})` },
];

/** A classic model with one deadlock check per compression of its whole process (REDUCTIONS order). */
export function reductionScript(model: 'butler' | 'pipeline', N: number): string {
  const base = model === 'butler' ? butlerScript(N) : pipelineScript(N);
  const name = model === 'butler' ? 'BSYSTEM' : 'PIPE';
  const defs = base.split('\n').filter((l) => !l.startsWith('assert'));
  return [...defs, ...REDUCTIONS.map((r) => `assert ${r.wrap(name)} :[deadlock free [F]]`), ''].join('\n');
}
