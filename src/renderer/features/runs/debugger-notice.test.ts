import { describe, expect, it } from 'vitest';
import { debuggerNotice } from './debugger-notice';

describe('the Debugger tab', () => {
  it('offers to run the open workflow and says where the debugger is, promising nothing still to come', () => {
    const n = debuggerNotice({ status: 'idle', seq: 0, label: undefined, hasWorkflow: true });
    expect(n.title).toBe('No run to show');
    expect(n.canStart).toBe(true);
    expect(n.showRun).toBe(false);
    expect(n.body).toMatch(/Run \(F5\) or Step \(F10\)/);
    expect(n.body).toMatch(/canvas/);
    expect(n.body).not.toMatch(/arrive/);
  });

  it('asks for a workflow first when none is open', () => {
    const n = debuggerNotice({ status: 'idle', seq: 0, label: undefined, hasWorkflow: false });
    expect(n.canStart).toBe(false);
    expect(n.body).toMatch(/^Open a workflow/);
  });

  it('names a paused or running run and where it stands, and shows it rather than starting another', () => {
    const paused = debuggerNotice({
      status: 'paused',
      seq: 7,
      label: 'Dining philosophers · seed 1',
      hasWorkflow: true,
    });
    expect(paused.title).toBe('Dining philosophers · seed 1: paused at step 7');
    expect(paused).toMatchObject({ canStart: false, showRun: true });
    const running = debuggerNotice({ status: 'running', seq: 900, label: 'Sensor alerts · seed 2', hasWorkflow: true });
    expect(running.title).toBe('Sensor alerts · seed 2: running (step 900)');
    expect(debuggerNotice({ status: 'starting', seq: 0, label: undefined, hasWorkflow: true }).showRun).toBe(true);
  });

  it('an ended run leaves the tab ready for the next one', () => {
    const n = debuggerNotice({ status: 'ended', seq: 12, label: 'x · seed 1', hasWorkflow: true });
    expect(n).toMatchObject({ title: 'No run to show', canStart: true, showRun: false });
  });
});
