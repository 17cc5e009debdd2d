/**
 * FDR's built-in buffers (BUFFER, WEAK_BUFFER, SIGNAL_BUFFER), checked
 * against their definitions written out in CSP, and their errors.
 */
import { describe, expect, it } from 'vitest';
import { checkScript } from '../check/script';
import { printTerm } from '../csp/print';
import { load, term } from './test-helpers';

/** Each assertion's result, in order. */
function results(text: string): string[] {
  const r = checkScript(text, { file: 'buffers.csp' });
  expect(r.errors).toEqual([]);
  return r.assertions.map((a) => (a.error ? `${a.result} ${a.error.code}` : a.result));
}

const CHANNELS = `
channel c, d : {0..2}
channel explode, full, empty
`;

// A FIFO of capacity 2 written out: what BUFFER(2, {(c.x, d.x)}) must be.
const FIFO2 = `
B(s) = #s < 2 & c?x -> B(s ^ <x>) [] #s > 0 & d!head(s) -> B(tail(s))
`;

describe('BUFFER', () => {
  it('is the FIFO of its capacity, both ways in failures-divergences', () => {
    expect(
      results(`${CHANNELS}${FIFO2}
P = BUFFER(2, {(c.x, d.x) | x <- {0..2}})
assert B(<>) [FD= P
assert P [FD= B(<>)
assert P :[deadlock free]
assert P :[deterministic]
`),
    ).toEqual(['passed', 'passed', 'passed', 'passed']);
  });

  it('refuses inputs when full and outputs in order of arrival', () => {
    expect(
      results(`${CHANNELS}
P = BUFFER(1, {(c.x, d.x) | x <- {0..2}})
assert P :[has trace]: <c.1, d.1, c.2, d.2>
assert P :[has trace]: <c.1, c.2>
assert BUFFER(3, {(c.x, d.x) | x <- {0..2}}) :[has trace]: <c.0, c.1, c.2, d.0, d.1>
assert BUFFER(3, {(c.x, d.x) | x <- {0..2}}) :[has trace]: <c.0, c.1, d.1>
`),
    ).toEqual(['passed', 'failed', 'passed', 'failed']);
  });

  it('comes back to its first state when it empties, and prints as written', () => {
    const s = load(`${CHANNELS}\nP = BUFFER(2, {(c.x, d.x) | x <- {0, 1}})\n`);
    const p = term(s, 'P');
    expect(printTerm(p, s.events)).toBe('BUFFER(2, {(c.0, d.0), (c.1, d.1)})');
    const afterIn = s.factory.semantics.after(p, s.events.parse('c.1') as number)[0];
    expect(afterIn && printTerm(afterIn, s.events)).toBe('BUFFER(2, {(c.0, d.0), (c.1, d.1)}, <d.1>)');
    const back = afterIn && s.factory.semantics.after(afterIn, s.events.parse('d.1') as number)[0];
    expect(back?.id).toBe(p.id);
  });
});

describe('WEAK_BUFFER and SIGNAL_BUFFER', () => {
  it('WEAK_BUFFER explodes on an input to a full buffer, and loses that input', () => {
    expect(
      results(`${CHANNELS}
W = WEAK_BUFFER(1, explode, {(c.x, d.x) | x <- {0..2}})
SPEC = c?x -> HOLD(x)
HOLD(x) = d!x -> SPEC [] c?y -> explode -> HOLD(x)
assert SPEC [FD= W
assert W [FD= SPEC
assert STOP [T= W \\ {| c, d |}
`),
    ).toEqual(['passed', 'passed', 'failed']);
  });

  it('SIGNAL_BUFFER offers its empty signal when empty and its full signal after an input to a full buffer', () => {
    expect(
      results(`${CHANNELS}
S = SIGNAL_BUFFER(1, full, empty, {(c.x, d.x) | x <- {0..2}})
SPEC = empty -> SPEC [] c?x -> HOLD(x)
HOLD(x) = d!x -> SPEC [] c?y -> full -> HOLD(x)
assert SPEC [FD= S
assert S [FD= SPEC
`),
    ).toEqual(['passed', 'passed']);
  });
});

describe('buffer errors', () => {
  it('a capacity below 1 and an event used twice are errors at the call', () => {
    const r = checkScript(
      `${CHANNELS}
P = BUFFER(0, {(c.x, d.x) | x <- {0..2}})
Q = WEAK_BUFFER(2, explode, {(c.x, d.0) | x <- {0..2}})
R = SIGNAL_BUFFER(2, full, full, {(c.x, d.x) | x <- {0..2}})
assert P :[deadlock free]
assert Q :[deadlock free]
assert R :[deadlock free]
`,
      { file: 'buffers.csp' },
    );
    expect(r.assertions.map((a) => [a.error?.code, a.error?.line, a.error?.column, a.error?.message])).toEqual([
      ['CSP3014', 5, 5, 'BUFFER: the capacity 0 is insufficient; it must be at least 1'],
      [
        'CSP3014',
        6,
        5,
        'WEAK_BUFFER: the event d.0 is mentioned more than once; each event may be an input, an output or a signal, once',
      ],
      [
        'CSP3014',
        7,
        5,
        'SIGNAL_BUFFER: the event full is mentioned more than once; each event may be an input, an output or a signal, once',
      ],
    ]);
  });
});
