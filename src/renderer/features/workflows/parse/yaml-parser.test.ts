import { describe, expect, it } from 'vitest';
import { loadWorkflowYaml } from '../../../../engine/workflow';
import { YamlParser } from './yaml-parser';
import type { ParseReply, ParseRequest, ParserPort } from './yaml-parser';

/** The worker's protocol in-process: requests are answered when the test says, in any order. */
class InProcessPort implements ParserPort {
  onmessage: ((e: MessageEvent<ParseReply>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  readonly received: ParseRequest[] = [];
  terminated = false;
  postMessage(request: ParseRequest): void {
    this.received.push(request);
  }
  answer(index = 0, reply?: (r: ParseRequest) => ParseReply): void {
    const [r] = this.received.splice(index, 1);
    if (!r) throw new Error('no request to answer');
    this.onmessage?.({
      data: reply ? reply(r) : { seq: r.seq, result: loadWorkflowYaml(r.text) },
    } as MessageEvent<ParseReply>);
  }
  crash(message: string): void {
    this.onerror?.({ message } as ErrorEvent);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const GOOD = 'version: 1\nname: Pair\nprocesses:\n  - id: a\n    name: A\n    kind: csp\n    behaviour: STOP\n';
const BROKEN = 'version: 1\nname: Broken\nprocesses: [\n';

describe('YamlParser', () => {
  it('gives each request its own result, whatever order the replies come in', async () => {
    const port = new InProcessPort();
    const parser = new YamlParser(port);
    const good = parser.parse(GOOD);
    const broken = parser.parse(BROKEN);
    port.answer(1);
    port.answer(0);
    const [g, b] = await Promise.all([good, broken]);
    expect(g).toEqual(loadWorkflowYaml(GOOD));
    expect(g.workflow?.processes.map((p) => p.name)).toEqual(['A']);
    expect(b.ok).toBe(false);
    expect(b.diagnostics[0]).toMatchObject({ severity: 'error', line: 4, column: 1 });
  });

  it('rejects with the worker’s error, ignores replies nobody waits for', async () => {
    const port = new InProcessPort();
    const parser = new YamlParser(port);
    const job = parser.parse(GOOD);
    port.answer(0, (r) => ({ seq: r.seq, error: 'TypeError: boom' }));
    await expect(job).rejects.toThrow('TypeError: boom');
    expect(() => port.onmessage?.({ data: { seq: 99, error: 'late' } } as MessageEvent<ParseReply>)).not.toThrow();
    expect(parser.failed).toBe(false);
  });

  it('a crashed worker fails every pending request and every later one, so its owner replaces it', async () => {
    const port = new InProcessPort();
    const parser = new YamlParser(port);
    const a = parser.parse(GOOD);
    const b = parser.parse(GOOD);
    port.crash('out of memory');
    await expect(a).rejects.toThrow('the YAML parser worker failed: out of memory');
    await expect(b).rejects.toThrow('out of memory');
    expect(parser.failed).toBe(true);
    await expect(parser.parse(GOOD)).rejects.toThrow('out of memory');
    parser.dispose();
    expect(port.terminated).toBe(true);
    expect(port.onmessage).toBeNull();
  });

  it('dispose rejects what is pending and terminates the worker', async () => {
    const port = new InProcessPort();
    const parser = new YamlParser(port);
    const job = parser.parse(GOOD);
    parser.dispose();
    await expect(job).rejects.toThrow('the YAML parser was closed');
    expect(port.terminated).toBe(true);
  });
});
