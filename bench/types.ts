/** A benchmark module exports `bench: Benchmark`; bench/run.ts discovers `bench/*.bench.ts`. */
export interface BenchOptions {
  /** Tiny sizes, one repetition: `npm test` runs this so benchmarks cannot rot. */
  readonly smoke: boolean;
  /** Progress lines for the person watching. */
  readonly log: (line: string) => void;
}

export interface BenchResult {
  /** Markdown body for this section of docs/benchmarks.md (tables, notes). */
  readonly markdown: string;
  /** The exact command that reproduces the figures. */
  readonly command: string;
}

export interface Benchmark {
  /** Stable id: the section marker in docs/benchmarks.md and the `--only` filter. */
  readonly id: string;
  readonly title: string;
  run(options: BenchOptions): Promise<BenchResult>;
}
