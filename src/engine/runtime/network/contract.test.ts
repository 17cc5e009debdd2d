import { describe, it, expect } from 'vitest';
import { load, term } from '../../eval/test-helpers';
import { ContractMonitor } from './contract';

const script = load(`
datatype Offer = Bid | BadOffer
datatype Reply = Accept | Counter
channel propose : Offer
channel hear : Reply
BUYER = |~| o : Offer @ propose!o -> hear?r -> (if r == Accept then SKIP else BUYER)
GREEDY = propose?o -> STOP
MAYBE = propose.Bid -> STOP [] SKIP
`);

function monitor(name: string): ContractMonitor {
  return new ContractMonitor(script.factory, script.events, 'Buyer', term(script, name));
}

const ev = (text: string): number => {
  const id = script.events.parse(text);
  if (id === undefined) throw new Error(`no event ${text}`);
  return id;
};

describe('ContractMonitor', () => {
  it('an output chosen internally may be offered alone; replies must all be accepted', () => {
    const m = monitor('BUYER');
    expect(m.refusal([ev('propose.Bid')])).toBeUndefined();
    expect(m.after(ev('propose.Bid'))).toBeUndefined();
    const refused = m.refusal([ev('hear.Accept')]);
    expect(refused?.kind).toBe('refusal');
    expect(refused?.acceptances).toEqual([['hear.Accept', 'hear.Counter']]);
  });

  it('an event the contract does not allow is a trace violation', () => {
    const m = monitor('BUYER');
    expect(m.after(ev('hear.Accept'))?.kind).toBe('trace');
  });

  it('an external choice over outputs (`?`) must accept every value (stable failures)', () => {
    expect(monitor('GREEDY').refusal([ev('propose.Bid')])?.acceptances).toEqual([['propose.BadOffer', 'propose.Bid']]);
  });

  it('onlyEnds: true exactly when nothing but ✓ is left', () => {
    const m = monitor('BUYER');
    expect(m.onlyEnds()).toBe(false);
    m.after(ev('propose.Bid'));
    expect(m.onlyEnds()).toBe(false);
    m.after(ev('hear.Counter'));
    expect(m.onlyEnds()).toBe(false); // back to BUYER
    m.after(ev('propose.BadOffer'));
    m.after(ev('hear.Accept'));
    expect(m.onlyEnds()).toBe(true);
    // STOP can do nothing, not even end: not "only ends".
    const g = monitor('GREEDY');
    g.after(ev('propose.Bid'));
    expect(g.onlyEnds()).toBe(false);
  });

  it('a contract state that can terminate accepts just ✓ (the checker’s acceptances): ending is enough, offering alone is not', () => {
    // MAYBE may end on its own, so by the ✓ axiom it may refuse propose.Bid: an ended node conforms
    expect(monitor('MAYBE').refusal([1])).toBeUndefined();
    // but it cannot refuse ✓, so a node that neither ends nor can end breaks it
    const v = monitor('MAYBE').refusal([ev('propose.Bid')]);
    expect(v?.kind).toBe('refusal');
    expect(v?.acceptances).toEqual([['✓']]);
  });
});
