import { afterEach, describe, expect, it } from 'vitest';
import { registerCounterexampleAction, useCounterexampleActions } from './counterexample-actions';

const ids = (): string[] => useCounterexampleActions.getState().actions.map((a) => a.id);

afterEach(() => useCounterexampleActions.setState({ actions: [] }));

describe('counterexample actions', () => {
  it('lists what is registered, in order, until it is withdrawn', () => {
    const offPlay = registerCounterexampleAction({ id: 'play', label: 'Play on the canvas', run: () => undefined });
    const offReal = registerCounterexampleAction({ id: 'real', label: 'Run it for real', run: () => undefined });
    expect(ids()).toEqual(['play', 'real']);
    offPlay();
    expect(ids()).toEqual(['real']);
    offReal();
    expect(ids()).toEqual([]);
  });

  it('replaces an action registered again under its id; the older one withdrawing leaves the newer', () => {
    const offOld = registerCounterexampleAction({ id: 'play', label: 'Play', run: () => undefined });
    registerCounterexampleAction({ id: 'play', label: 'Play on the canvas', run: () => undefined });
    expect(useCounterexampleActions.getState().actions.map((a) => a.label)).toEqual(['Play on the canvas']);
    offOld();
    expect(ids()).toEqual(['play']);
  });
});
