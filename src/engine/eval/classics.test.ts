/**
 * Classic scripts evaluated from CSPm and explored directly over the term
 * semantics: the state counts are fixed by the semantics (issue 4), so they
 * pin down the evaluator and the semantics together.
 */
import { describe, expect, it } from 'vitest';
import type { Term } from '../csp/terms';
import { TICK } from '../csp/terms';
import { countStates, load, term } from './test-helpers';

const philosophers = (n: number): string => `
N = ${n}
PHILNAMES = {0..N-1}
channel thinks, sits, eats, getsup : PHILNAMES
channel picks, putsdown : PHILNAMES.PHILNAMES

PHIL(i) = thinks.i -> sits.i -> picks.i.i -> picks.i.(i+1)%N -> eats.i ->
          putsdown.i.(i+1)%N -> putsdown.i.i -> getsup.i -> PHIL(i)
FORK(i) = picks.i.i -> putsdown.i.i -> FORK(i)
       [] picks.(i-1)%N.i -> putsdown.(i-1)%N.i -> FORK(i)

PHILS = ||| i : PHILNAMES @ PHIL(i)
FORKS = ||| i : PHILNAMES @ FORK(i)
SYSTEM = PHILS [| {| picks, putsdown |} |] FORKS

BUTLER(j) = j < N-1 & sits?i -> BUTLER(j+1)
         [] j > 0 & getsup?i -> BUTLER(j-1)
BSYSTEM = SYSTEM [| {| sits, getsup |} |] BUTLER(0)

-- asymmetric: the last philosopher picks up the right fork first
APHIL(i) = if i == N-1
  then thinks.i -> sits.i -> picks.i.(i+1)%N -> picks.i.i -> eats.i ->
       putsdown.i.i -> putsdown.i.(i+1)%N -> getsup.i -> APHIL(i)
  else PHIL(i)
ASYSTEM = (||| i : PHILNAMES @ APHIL(i)) [| {| picks, putsdown |} |] FORKS

assert SYSTEM :[deadlock free [F]]
assert BSYSTEM :[deadlock free [F]]
`;

function deadlocks(s: ReturnType<typeof load>, t: Term): number {
  const start = s.factory.canon(t);
  const seen = new Set([start.id]);
  const queue = [start];
  let dead = 0;
  for (let i = 0; i < queue.length; i++) {
    const trs = s.semantics.transitions(queue[i] as Term);
    if (trs.length === 0) dead++;
    for (const tr of trs) {
      if (!seen.has(tr.target.id)) {
        seen.add(tr.target.id);
        queue.push(tr.target);
      }
    }
  }
  return dead;
}

describe('dining philosophers from CSPm', () => {
  it('N=5: 18,335 states with exactly one deadlock', () => {
    const s = load(philosophers(5));
    expect(s.diagnostics).toEqual([]);
    const sys = term(s, 'SYSTEM');
    expect(countStates(s.factory, sys)).toBe(18335);
    expect(deadlocks(s, sys)).toBe(1);
  });

  it('N=5 with a butler: 15,712 states, deadlock free', () => {
    const s = load(philosophers(5));
    const sys = term(s, 'BSYSTEM');
    expect(countStates(s.factory, sys)).toBe(15712);
    expect(deadlocks(s, sys)).toBe(0);
  });

  it('asymmetric philosophers are deadlock free', () => {
    const s = load(philosophers(3));
    expect(deadlocks(s, term(s, 'ASYSTEM'))).toBe(0);
    expect(deadlocks(s, term(s, 'SYSTEM'))).toBe(1);
  });

  it('the assertions are evaluated to the same terms', () => {
    const s = load(philosophers(5));
    const [a1, a2] = s.assertions;
    expect(a1?.ok && a1.impl).toBe(term(s, 'SYSTEM'));
    expect(a2?.ok && a2.impl).toBe(term(s, 'BSYSTEM'));
  });
});

const pipeline = (n: number): string => `
N = ${n}
channel c : {0..N}.{0, 1}
B(i) = c.i?x -> c.(i+1)!x -> B(i)
PIPE = || i : {0..N-1} @ [{| c.i, c.(i+1) |}] B(i)
channel left, right : {0, 1}
SYS = PIPE [[ c.0 <- left, c.N <- right ]] \\ {| c |}
BUFF(s) = #s < N & left?x -> BUFF(s ^ <x>)
       [] #s > 0 & right!head(s) -> BUFF(tail(s))
assert BUFF(<>) [FD= SYS
`;

describe('a pipeline of one-place buffers', () => {
  it('has exactly 3^N states', () => {
    for (const n of [1, 3, 5]) {
      const s = load(pipeline(n));
      expect(countStates(s.factory, term(s, 'PIPE'))).toBe(3 ** n);
    }
  });

  it('hiding and renaming keep the state count; the N-place buffer spec has 2^(N+1)-1 states', () => {
    const s = load(pipeline(3));
    expect(countStates(s.factory, term(s, 'SYS'))).toBe(27);
    expect(countStates(s.factory, term(s, 'BUFF', [{ t: 'seq', items: [] }]))).toBe(15);
    const a = s.assertions[0];
    expect(a?.ok && a.kind).toBe('refinement');
  });

  it('a pipeline terminates nowhere: ✓ is never offered', () => {
    const s = load(pipeline(2));
    const t = term(s, 'PIPE');
    expect(s.semantics.initials(t)).not.toContain(TICK);
  });
});

describe('a datatype-heavy protocol (alternating bit)', () => {
  it('evaluates and explores', () => {
    const s = load(`
datatype Bit = Zero | One
flip(Zero) = One
flip(One) = Zero
DATA = {0, 1}
channel left, right : DATA
channel send, receive : Bit.DATA
channel ack, back : Bit
channel lose
SEND(b) = left?x -> SENDING(b, x)
SENDING(b, x) = send.b.x -> (back.b -> SEND(flip(b)) [] back.flip(b) -> SENDING(b, x))
RECV(b) = receive?c.x -> (if c == b then right!x -> ack!b -> RECV(flip(b)) else ack!c -> RECV(b))
MEDIUM = send?c.x -> (receive!c.x -> MEDIUM |~| MEDIUM) [] ack?c -> (back!c -> MEDIUM |~| MEDIUM)
SYSTEM = (SEND(Zero) [| {| send, back |} |] MEDIUM [| {| receive, ack |} |] RECV(Zero)) \\ {| send, back, receive, ack |}
SPEC = left?x -> right!x -> SPEC
assert SPEC [T= SYSTEM
`);
    expect(s.diagnostics).toEqual([]);
    const n = countStates(s.factory, term(s, 'SYSTEM'));
    expect(n).toBeGreaterThan(10);
    expect(s.semantics.initials(term(s, 'SYSTEM')).map((e) => s.events.text(e))).toEqual(['left.0', 'left.1']);
  });
});
