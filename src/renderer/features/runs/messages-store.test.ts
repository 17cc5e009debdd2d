import { afterEach, describe, expect, it } from 'vitest';
import { editFirstMessage, hasMessages, placeOf, sameMessage, useMessages } from './messages-store';
import type { MessageInFlight } from './messages-store';

const queued = (queue: string, index: number, value: unknown): MessageInFlight => ({
  holder: `BUF_${queue}`,
  index,
  value,
  queue,
  channel: `${queue}_out`,
  offered: index === 0,
});

afterEach(() => useMessages.getState().clear());

describe('messages in flight in the studio', () => {
  it('names a message by the edge or node it waits in, else by its holder and port', () => {
    expect(placeOf(queued('raw', 1, 2))).toBe('raw');
    expect(placeOf({ holder: 'Seller', index: 0, value: {}, port: 'out', offered: true })).toBe('Seller.out');
    expect(placeOf({ holder: 'Worker(2)', index: 0, value: 1, offered: true })).toBe('Worker(2)');
    expect(sameMessage(undefined, { holder: 'a', index: 0 })).toBe(false);
    expect(sameMessage({ holder: 'a', index: 1 }, { holder: 'a', index: 1 })).toBe(true);
    expect(sameMessage({ holder: 'a', index: 1 }, { holder: 'a', index: 0 })).toBe(false);
  });

  it("the palette opens the selected edge's first message, else the first listed, and asks for the keyboard", () => {
    useMessages.setState({ runId: 'r1', seq: 4, messages: [queued('raw', 0, 0), queued('done', 0, 1)] });
    expect(hasMessages('r1')).toBe(true);
    expect(hasMessages('r2')).toBe(false);
    const focus = useMessages.getState().focus;
    editFirstMessage(['done']);
    expect(useMessages.getState().editing).toMatchObject({ holder: 'BUF_done', index: 0 });
    expect(useMessages.getState().focus).toBe(focus + 1);
    editFirstMessage([]);
    expect(useMessages.getState().editing).toMatchObject({ holder: 'BUF_raw', index: 0 });
  });

  it('has nothing to edit when the list is of another run or empty', () => {
    useMessages.setState({ runId: 'r1', seq: 0, messages: [] });
    expect(hasMessages('r1')).toBe(false);
    editFirstMessage([]);
    expect(useMessages.getState().editing).toBeUndefined();
  });
});
