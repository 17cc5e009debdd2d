/**
 * Seeded pseudo-random generator (xorshift32). The engine never calls
 * Math.random(): every random choice (alt fairness, free-run scheduling) goes
 * through an Rng so a run is reproducible from its seed.
 */
export interface Rng {
  /** Uniform integer in [0, n) for n ≥ 1. */
  int(n: number): number;
  /** Uniform float in [0, 1). */
  float(): number;
  /** The generator's state, to resume or fork exactly. */
  state(): number;
}

export class XorShiftRng implements Rng {
  private s: number;

  constructor(seed = 1) {
    // xorshift32 has a fixed point at 0: map seed 0 (and any multiple of 2^32) away from it.
    const s = seed >>> 0;
    this.s = s === 0 ? 0x9e3779b9 : s;
  }

  private next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }

  int(n: number): number {
    return n <= 1 ? 0 : this.next() % n;
  }

  float(): number {
    return this.next() / 4294967296;
  }

  state(): number {
    return this.s;
  }

  /** Resumes from a value of state() (snapshots, forks). */
  restore(state: number): void {
    const s = state >>> 0;
    this.s = s === 0 ? 0x9e3779b9 : s;
  }
}
