import { describe, expect, it } from 'vitest';
import { loadScript } from '../eval';
import { load } from '../cspm';

describe('EventTable.parse', () => {
  it('finds events whose values hold tuples, sequences and sets by their own text, with or without spaces', () => {
    const front = load('channel c : ({0..1}, Bool)\nchannel s : Seq({0..1})\nchannel d : {0..1}\nP = STOP\n', {
      file: 'e.csp',
    });
    const events = loadScript(front.ast).events;
    for (const id of [...events.channelEvents('c'), ...events.channelEvents('d')])
      expect(events.parse(events.text(id))).toBe(id);
    const pair = events.channelEvents('c')[0]!;
    expect(events.text(pair)).toMatch(/^c\.\(0, (true|false)\)$/);
    expect(events.parse(events.text(pair).replace(/ /g, ''))).toBe(pair);
    expect(events.parse('c.(9, true)')).toBeUndefined();
  });
});
