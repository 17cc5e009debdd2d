/**
 * Growable ring-buffer deque. Channel buffers and waiter queues live on the hot
 * path; Array.prototype.shift is O(n) once V8 stops left-trimming, and a ring
 * keeps push/shift O(1) with no allocation after warm-up.
 */
export class Ring<T> {
  private items: (T | undefined)[];
  private head = 0;
  private mask: number;
  length = 0;

  constructor(initialCapacity = 8) {
    let cap = 4;
    while (cap < initialCapacity) cap <<= 1;
    this.items = new Array<T | undefined>(cap);
    this.mask = cap - 1;
  }

  push(item: T): void {
    if (this.length > this.mask) this.grow();
    this.items[(this.head + this.length) & this.mask] = item;
    this.length++;
  }

  /** Removes and returns the first item; the caller checks `length` first. */
  shift(): T {
    const i = this.head;
    const item = this.items[i] as T;
    this.items[i] = undefined;
    this.head = (i + 1) & this.mask;
    this.length--;
    return item;
  }

  /** The first item without removing it; the caller checks `length` first. */
  peek(): T {
    return this.items[this.head] as T;
  }

  at(index: number): T {
    return this.items[(this.head + index) & this.mask] as T;
  }

  /** Keeps only items for which `keep` is true, in order. */
  filter(keep: (item: T) => boolean): void {
    const kept: T[] = [];
    for (let i = 0; i < this.length; i++) {
      const item = this.at(i);
      if (keep(item)) kept.push(item);
    }
    for (let i = 0; i <= this.mask; i++) this.items[i] = undefined;
    this.head = 0;
    this.length = 0;
    for (const item of kept) this.push(item);
  }

  private grow(): void {
    const old = this.items;
    const cap = old.length * 2;
    const next = new Array<T | undefined>(cap);
    for (let i = 0; i < this.length; i++) next[i] = old[(this.head + i) & this.mask];
    this.items = next;
    this.head = 0;
    this.mask = cap - 1;
  }
}
