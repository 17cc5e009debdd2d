/**
 * The memory a run's scripts live in: one QuickJS WebAssembly module per run,
 * whose WebAssembly.Memory has a hard maximum.
 *
 * Why: QuickJS's own memory limit counts what its allocator says an allocation
 * costs, and this build of quickjs-emscripten cannot tell it (malloc_usable_size
 * is unavailable), so `setMemoryLimit(16 MiB)` let a script that pushes arrays
 * in a loop take 1.6 GB before "out of memory". A WebAssembly memory only
 * grows, never shrinks, so that heap stayed with the process and every later
 * script shared it. With a memory of our own the limit holds where the memory
 * grows: past the maximum, malloc fails inside the module and QuickJS throws
 * "out of memory" in the script, even in a native loop where no interrupt
 * handler runs. The module (and its memory) belongs to the run and is dropped
 * with it: a run worker is terminated when its run stops, so the memory goes
 * back to the system then.
 */
import { RELEASE_SYNC, newQuickJSWASMModule, newVariant } from 'quickjs-emscripten';
import type { QuickJSWASMModule } from 'quickjs-emscripten';

const PAGE = 64 * 1024;
/** The module starts with this much (its build's INITIAL_MEMORY); a heap cannot be smaller. */
export const MIN_SANDBOX_HEAP_BYTES = 16 * 1024 * 1024;
/** The heap a run's scripts share unless the host says otherwise (`csp serve --sandbox-memory`). */
export const DEFAULT_SANDBOX_HEAP_BYTES = 64 * 1024 * 1024;

export interface SandboxHeap {
  readonly module: QuickJSWASMModule;
  /** The most the heap may ever take. */
  readonly maxBytes: number;
  /** What the heap has taken from the system so far (it never shrinks while the run lives). */
  readonly bytes: number;
}

export async function newSandboxHeap(maxBytes: number = DEFAULT_SANDBOX_HEAP_BYTES): Promise<SandboxHeap> {
  if (!Number.isFinite(maxBytes) || maxBytes < MIN_SANDBOX_HEAP_BYTES) {
    throw new RangeError(
      `a script heap needs at least ${MIN_SANDBOX_HEAP_BYTES / 1024 / 1024} MiB, got ${Math.floor(maxBytes / 1024 / 1024)} MiB`,
    );
  }
  const memory = new WebAssembly.Memory({
    initial: MIN_SANDBOX_HEAP_BYTES / PAGE,
    maximum: Math.floor(maxBytes / PAGE),
  });
  const module = await newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory: memory }));
  return {
    module,
    maxBytes: Math.floor(maxBytes / PAGE) * PAGE,
    get bytes() {
      return memory.buffer.byteLength;
    },
  };
}
