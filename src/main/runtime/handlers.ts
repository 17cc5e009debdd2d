/**
 * Host handlers of the run.* methods, answered by the host's RunService
 * (host.services.runs). Worker replies are typed by the command map in
 * messages.ts, so each handler returns its protocol result without casts.
 */
import { ProtocolError } from '../../shared/protocol';
import type { runMethods } from '../../shared/protocol/methods/run';
import type { HandlerMap } from '../host/handlers/types';
import { toWire } from '../source/diagnostics';
import { RunError } from './service';
import { storedRunHandlers } from './stored-handlers';
import { storedMetricsHandlers } from './stored-metrics';

/** RunError → not_found / conflict / invalid_params (with the source's diagnostics as details); other errors → invalid_params. */
async function translate<T>(f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (error) {
    if (error instanceof RunError) {
      const code = error.kind === 'not_found' ? 'not_found' : error.kind === 'busy' ? 'conflict' : 'invalid_params';
      throw new ProtocolError(
        code,
        error.message,
        error.diagnostics.length > 0 ? { diagnostics: error.diagnostics.map(toWire) } : undefined,
      );
    }
    if (error instanceof Error && !(error instanceof ProtocolError))
      throw new ProtocolError('invalid_params', error.message);
    throw error;
  }
}

export const runHandlers: HandlerMap<keyof typeof runMethods> = {
  ...storedRunHandlers,
  ...storedMetricsHandlers,
  'run.start': (p, { host }) =>
    translate(async () => {
      const { ok: _ok, ...started } = await host.services.runs.start({
        name: p.name,
        seed: p.seed,
        ...(p.file !== undefined ? { file: p.file } : {}),
        ...(p.text !== undefined ? { text: p.text } : {}),
        ...(p.kind !== undefined ? { kind: p.kind } : {}),
        ...(p.process !== undefined ? { process: p.process } : {}),
        ...(p.wallClock ? { wallClock: true } : {}),
        ...(p.workflowVersionId !== undefined ? { workflowVersionId: p.workflowVersionId } : {}),
      });
      return started;
    }),
  'run.open': ({ storeRunId }, { host }) => translate(() => host.services.runs.open(storeRunId)),
  'run.attach': ({ storeRunId }, { host }) => translate(() => host.services.runs.attach(storeRunId)),
  'run.restart': ({ runId }, { host }) => translate(() => host.services.runs.restart(runId)),
  'run.enabled': ({ runId }, { host }) => translate(() => host.services.runs.call(runId, { cmd: 'enabled' })),
  'run.step': ({ runId, index, branch }, { host }) =>
    translate(async () => {
      const runs = host.services.runs;
      const r = await runs.call(runId, {
        cmd: 'step',
        ...(index !== undefined ? { index } : {}),
        ...(branch !== undefined ? { branch } : {}),
      });
      return { ...(r.step !== undefined ? { step: r.step } : {}), stop: runs.stopped(runId, r.stop) };
    }),
  'run.continue': ({ runId, maxSteps }, { host, session, signal }) =>
    translate(async () => {
      const runs = host.services.runs;
      const untie = runs.pauseWhenDriverLeaves(runId, signal, () => session.isClosed);
      try {
        const r = await runs.call(runId, { cmd: 'run', maxSteps });
        return { stop: runs.stopped(runId, r.stop) };
      } finally {
        untie();
      }
    }),
  'run.pause': ({ runId }, { host }) => translate(() => (host.services.runs.pause(runId), { ok: true })),
  'run.stepBack': ({ runId }, { host }) => translate(() => host.services.runs.call(runId, { cmd: 'stepBack' })),
  'run.goto': ({ runId, seq }, { host }) => translate(() => host.services.runs.call(runId, { cmd: 'goto', seq })),
  'run.fork': ({ runId, seq, seed, live }, { host }) =>
    translate(() => host.services.runs.fork(runId, seq, seed, live)),
  'run.inject': ({ runId, node, payload, end }, { host }) =>
    translate(() =>
      host.services.runs.call(runId, {
        cmd: 'inject',
        node,
        ...(payload !== undefined ? { payload } : {}),
        ...(end === true ? { end } : {}),
      }),
    ),
  'run.messages': ({ runId }, { host }) =>
    translate(async () => {
      const r = await host.services.runs.call(runId, { cmd: 'messages' });
      return { seq: r.seq, messages: r.messages.map((m) => ({ ...m })) };
    }),
  'run.editMessage': ({ runId, seq, holder, index, value }, { host }) =>
    translate(async () => {
      const runs = host.services.runs;
      const r = await runs.call(runId, { cmd: 'editMessage', seq, holder, index, value });
      return { step: { ...r.step, processes: [...r.step.processes] }, stop: runs.stopped(runId, r.stop) };
    }),
  'run.explore': ({ runId, maxDepth, maxStates }, { host }) =>
    translate(async () => {
      const r = await host.services.runs.call(runId, { cmd: 'explore', maxDepth, maxStates });
      return { ...r, components: [...r.components], findings: r.findings.map((f) => ({ ...f })) };
    }),
  'run.explore.state': ({ runId, id }, { host }) =>
    translate(async () => {
      const r = await host.services.runs.call(runId, { cmd: 'exploreState', id });
      const edge = (e: (typeof r.out)[number]): (typeof r.out)[number] => ({ ...e });
      return {
        state: { ...r.state, terms: [...r.state.terms] },
        out: r.out.map(edge),
        outCount: r.outCount,
        path: r.path.map(edge),
      };
    }),
  'run.explore.dot': ({ runId, offset }, { host }) =>
    translate(async () => ({
      ...(await host.services.runs.call(runId, { cmd: 'exploreDot', offset })),
      fileName: 'explored-states.dot',
    })),
  'run.explore.cancel': ({ runId }, { host }) =>
    translate(() => host.services.runs.call(runId, { cmd: 'exploreCancel' })),
  'run.stop': ({ runId }, { host }) => translate(async () => ({ ok: await host.services.runs.stop(runId) })),
  'run.state': ({ runId }, { host }) =>
    translate(async () => {
      const runs = host.services.runs;
      const r = await runs.call(runId, { cmd: 'state' });
      return { ...r, stop: runs.stopped(runId, r.stop) };
    }),
  'run.breakpoints.list': ({ runId }, { host }) => translate(() => host.services.runs.call(runId, { cmd: 'bp.list' })),
  'run.breakpoints.add': ({ runId, spec }, { host }) =>
    translate(() => host.services.runs.call(runId, { cmd: 'bp.add', spec })),
  'run.breakpoints.update': ({ runId, id, enabled }, { host }) =>
    translate(() => host.services.runs.call(runId, { cmd: 'bp.update', id, enabled })),
  'run.breakpoints.remove': ({ runId, id }, { host }) =>
    translate(() => host.services.runs.call(runId, { cmd: 'bp.remove', id })),
};
