/**
 * A run's script heap holds its maximum against the script that made the
 * process take 1.6 GB (arrays pushed in a loop), and stays usable for the
 * run's other scripts afterwards.
 */
import { describe, expect, it } from 'vitest';
import { networkFromCspm } from '../../engine/runtime/network/load';
import { NetworkRun } from '../../engine/runtime/network/run';
import { MIN_SANDBOX_HEAP_BYTES, newSandboxHeap } from './sandbox-heap';
import type { SandboxHeap } from './sandbox-heap';
import { attachScripts } from './scripts';

const HOG = 'const a = []; for (;;) a.push(new Array(100000).fill(1));';

function run(heap: SandboxHeap, source: string): NetworkRun {
  const net = networkFromCspm('channel c : {0..5}\nP = c!1 -> P\nW = c?x -> W\nSYSTEM = P [ {|c|} || {|c|} ] W\n');
  if (!net.ok) throw new Error(net.errors.join('\n'));
  const spec = attachScripts(
    net.spec,
    [{ component: 'W', source, ports: [{ name: 'in', dir: 'in', channels: ['c'], json: false }] }],
    { heap },
  );
  return new NetworkRun(spec, { seed: 1 });
}

describe('script heaps', () => {
  it('stop a script at the heap maximum, whatever QuickJS counts, and say so', async () => {
    const h = await newSandboxHeap(32 * 1024 * 1024);
    {
      const stop = run(h, HOG).run(5);
      expect(stop).toMatchObject({ reason: 'error', process: 'W' });
      expect(stop.error).toContain("stopped: the script went over its memory limit (the run's scripts share 32 MiB");
      expect(h.bytes).toBeLessThanOrEqual(h.maxBytes);
      // The memory the failed script held is free again for the next script of the run.
      const next = run(
        h,
        "const b = new Array(1000).fill(7); ctx.state.sum = b.reduce((x, y) => x + y, 0); await recv('in');",
      );
      expect(next.processStates().find((p) => p.name === 'W')?.script).toEqual({ sum: 7000 });
    }
  });

  it('refuse a maximum below what the module starts with', async () => {
    await expect(newSandboxHeap(MIN_SANDBOX_HEAP_BYTES - 1)).rejects.toThrow('a script heap needs at least 16 MiB');
  });
});
