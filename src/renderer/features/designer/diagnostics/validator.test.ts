import { describe, expect, it } from 'vitest';
import { WorkflowSchema } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';
import { analyseWorkflow } from './analyse';
import { Validator } from './validator';
import type { ValidateReply, ValidateRequest, ValidatorPort, ValidatorResult } from './validator';

/** The worker's protocol in-process: requests are answered in order when `flush` is called. */
class InProcessPort implements ValidatorPort {
  onmessage: ((e: MessageEvent<ValidateReply>) => void) | null = null;
  readonly received: ValidateRequest[] = [];
  terminated = false;
  postMessage(request: ValidateRequest): void {
    this.received.push(request);
  }
  answer(reply?: (r: ValidateRequest) => ValidateReply): void {
    const r = this.received.shift();
    if (!r) throw new Error('no request to answer');
    this.onmessage?.({
      data: reply ? reply(r) : { seq: r.seq, diagnostics: analyseWorkflow(r.workflow) },
    } as MessageEvent<ValidateReply>);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const wf = (behaviour: string): Workflow =>
  WorkflowSchema.parse({
    version: 1,
    name: 'W',
    processes: [{ id: 'p', name: 'P', kind: 'csp', ports: [], behaviour }],
  });

describe('Validator', () => {
  it('keeps one request in flight and sends only the newest waiting workflow next', () => {
    const port = new InProcessPort();
    const results: ValidatorResult[] = [];
    const v = new Validator(port, (r) => results.push(r));
    const [w1, w2, w3] = [wf('STOP'), wf('SKIP ->'), wf('P')];
    v.validate(w1);
    v.validate(w2);
    v.validate(w3);
    expect(port.received.map((r) => r.workflow)).toEqual([w1]);
    port.answer();
    expect(port.received.map((r) => r.workflow)).toEqual([w3]);
    port.answer();
    expect(results.map((r) => r.workflow)).toEqual([w1, w3]);
    expect(results[0]!.diagnostics).toEqual([]);
    expect(results[1]!.diagnostics).toEqual([]);
    v.validate(w2);
    port.answer();
    expect(results[2]!.diagnostics.some((d) => d.severity === 'error' && d.target.kind === 'node')).toBe(true);
  });

  it('asks once for the same workflow, ignores stale replies, reports a failed analysis and terminates', () => {
    const port = new InProcessPort();
    const results: ValidatorResult[] = [];
    const v = new Validator(port, (r) => results.push(r));
    const w = wf('STOP');
    v.validate(w);
    v.validate(w);
    expect(port.received).toHaveLength(1);
    port.onmessage?.({ data: { seq: 99, diagnostics: [] } } as unknown as MessageEvent<ValidateReply>);
    expect(results).toEqual([]);
    port.answer((r) => ({ seq: r.seq, error: 'RangeError: boom' }));
    expect(results).toEqual([{ workflow: w, diagnostics: [], error: 'RangeError: boom' }]);
    v.dispose();
    expect(port.terminated).toBe(true);
  });
});
