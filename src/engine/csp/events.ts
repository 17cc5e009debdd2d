/**
 * EventTable: interns events (Value ⇄ EventId ⇄ CSPm text such as `c.B.2`).
 *
 * Ids 0 and 1 are reserved for τ and ✓. Visible events get ids in the order
 * they are interned. The evaluator interns every event of every channel at load
 * time, in the order the channels are declared (and each channel's events in
 * value order), so comparing ids IS declaration order: the checker's
 * reproducible tie-break between shortest counterexamples relies on that.
 */
import { TAU, TICK, type EventId, type EventSet } from './terms';
import { keyOf, showValue, type ChannelValue, type Value } from './values';

export const TAU_TEXT = 'τ';
export const TICK_TEXT = '✓';

export class EventTable {
  private readonly values: (Value | undefined)[] = [undefined, undefined];
  /** Texts are computed on first use: a script may declare 100,000s of events and show a handful. */
  private readonly texts: (string | undefined)[] = [TAU_TEXT, TICK_TEXT];
  private readonly byKey = new Map<string, EventId>();
  /** Built on the first `parse` (texts without spaces → ids), then kept up to date. */
  private byText: Map<string, EventId> | undefined;
  /** Events of each channel (by channel name), ascending ids. */
  private readonly perChannel = new Map<string, EventId[]>();

  /** Number of ids in use, including τ and ✓. */
  get size(): number {
    return this.texts.length;
  }

  /** The id of an event value, interning it on first sight. */
  intern(value: Value): EventId {
    const key = keyOf(value);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = this.texts.length;
    this.values.push(value);
    this.texts.push(undefined);
    this.byKey.set(key, id);
    if (this.byText !== undefined) this.byText.set(this.text(id).replace(/\s+/g, ''), id);
    const ch = channelOf(value);
    if (ch !== undefined) {
      let list = this.perChannel.get(ch.name);
      if (list === undefined) this.perChannel.set(ch.name, (list = []));
      list.push(id);
    }
    return id;
  }

  /** The id of an already interned event value, if any. */
  lookup(value: Value): EventId | undefined {
    return this.byKey.get(keyOf(value));
  }

  /** The id of an event given as CSPm text (`c.1`, `τ`, `✓`; `tau` and `tick` are accepted too). */
  parse(text: string): EventId | undefined {
    const t = text.replace(/\s+/g, '');
    if (t === 'tau') return TAU;
    if (t === 'tick') return TICK;
    if (this.byText === undefined) {
      // Keyed without spaces, as the input is read: `c.(0, 1)` is found as `c.(0,1)` too.
      this.byText = new Map<string, EventId>([
        [TAU_TEXT, TAU],
        [TICK_TEXT, TICK],
      ]);
      for (let id = 2; id < this.texts.length; id++) this.byText.set(this.text(id).replace(/\s+/g, ''), id);
    }
    return this.byText.get(t);
  }

  /** The value of a visible event; undefined for τ, ✓ and unknown ids. */
  value(id: EventId): Value | undefined {
    return this.values[id];
  }

  /** CSPm text of an event (`τ` and `✓` for the reserved ids). */
  text(id: EventId): string {
    const t = this.texts[id];
    if (t !== undefined) return t;
    const v = this.values[id];
    if (v === undefined || id >= this.texts.length) throw new RangeError(`unknown event id ${id}`);
    const text = showValue(v);
    this.texts[id] = text;
    return text;
  }

  /** Texts of a list of events. */
  textsOf(ids: readonly EventId[]): string[] {
    return ids.map((id) => this.text(id));
  }

  /** The interned events of channel `name`, ascending (empty for an unknown channel). */
  channelEvents(name: string): EventSet {
    return this.perChannel.get(name) ?? [];
  }

  /** Every interned visible event, ascending. */
  all(): EventSet {
    const out: EventId[] = [];
    for (let i = 2; i < this.texts.length; i++) out.push(i);
    return out;
  }
}

function channelOf(v: Value): ChannelValue | undefined {
  if (typeof v !== 'object') return undefined;
  if (v.t === 'channel') return v;
  if (v.t === 'dot') {
    const head = v.items[0];
    if (head !== undefined && typeof head === 'object' && head.t === 'channel') return head;
  }
  return undefined;
}
