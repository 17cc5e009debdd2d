import { describe, expect, it } from 'vitest';
import { listExamples } from './examples';

describe('listExamples', () => {
  it('offers every shipped example, simplest first, with name and description', () => {
    const list = listExamples();
    expect(list.map((e) => e.file)).toEqual([
      'dining-philosophers.yaml',
      'dining-philosophers-butler.yaml',
      'bounded-buffer-pipeline.yaml',
      'request-response-timeout.yaml',
      'agent-negotiation.yaml',
      'trading-desk.yaml',
      'hospital-triage.yaml',
      'smart-city.yaml',
      'sensor-alerts.yaml',
      'replicated-workers.yaml',
    ]);
    expect(list[0]).toMatchObject({
      name: 'Dining philosophers',
      description: 'Five philosophers, five forks, and the classic deadlock.',
    });
    expect(list.every((e) => e.description.length > 0)).toBe(true);
  });
});
