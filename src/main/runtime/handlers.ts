/** Host handlers of the run.* methods, answered by the host's RunService (host.services.runs). */
import { ProtocolError } from '../../shared/protocol';
import type { runMethods, RunStop } from '../../shared/protocol/methods/run';
import type { Host } from '../host/host';
import type { HandlerMap } from '../host/handlers/types';
import type { WireStop } from './messages';
import { RunError } from './service';
import type { RunService } from './service';

const runService = (host: Host): RunService => host.services.runs;

async function translate<T>(f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (error) {
    if (error instanceof RunError)
      throw new ProtocolError(
        error.kind === 'not_found' ? 'not_found' : error.kind === 'busy' ? 'conflict' : 'invalid_params',
        error.message,
      );
    if (error instanceof Error && !(error instanceof ProtocolError))
      throw new ProtocolError('invalid_params', error.message);
    throw error;
  }
}

type Result = Record<string, unknown>;

export const runHandlers: HandlerMap<keyof typeof runMethods> = {
  'run.start': (p, { host }) =>
    translate(() =>
      runService(host).start({
        name: p.name,
        seed: p.seed,
        ...(p.file !== undefined ? { file: p.file } : {}),
        ...(p.text !== undefined ? { text: p.text } : {}),
        ...(p.process !== undefined ? { process: p.process } : {}),
        ...(p.wallClock ? { wallClock: true } : {}),
      }),
    ) as never,
  'run.enabled': ({ runId }, { host }) => translate(() => runService(host).call(runId, { cmd: 'enabled' })) as never,
  'run.step': ({ runId, index, branch }, { host }) =>
    translate(async () => {
      const s = runService(host);
      const r = (await s.call(runId, {
        cmd: 'step',
        ...(index !== undefined ? { index } : {}),
        ...(branch !== undefined ? { branch } : {}),
      })) as { step?: unknown; stop: WireStop };
      return { ...(r.step !== undefined ? { step: r.step } : {}), stop: s.stopped(runId, r.stop) };
    }) as never,
  'run.continue': ({ runId, maxSteps }, { host }) =>
    translate(async () => {
      const s = runService(host);
      const r = (await s.call(runId, { cmd: 'run', maxSteps })) as { stop: WireStop };
      return { stop: s.stopped(runId, r.stop) } satisfies { stop: RunStop };
    }),
  'run.pause': ({ runId }, { host }) => translate(() => (runService(host).pause(runId), { ok: true })),
  'run.stepBack': ({ runId }, { host }) => translate(() => runService(host).call(runId, { cmd: 'stepBack' })) as never,
  'run.goto': ({ runId, seq }, { host }) =>
    translate(() => runService(host).call(runId, { cmd: 'goto', seq })) as never,
  'run.fork': ({ runId, seq, seed }, { host }) => translate(() => runService(host).fork(runId, seq, seed)),
  'run.inject': ({ runId, node, payload, end }, { host }) =>
    translate(() =>
      runService(host).call(runId, {
        cmd: 'inject',
        node,
        ...(payload !== undefined ? { payload } : {}),
        ...(end === true ? { end } : {}),
      }),
    ) as never,
  'run.stop': ({ runId }, { host }) => translate(async () => ({ ok: await runService(host).stop(runId) })),
  'run.state': ({ runId }, { host }) =>
    translate(async () => {
      const s = runService(host);
      const r = (await s.call(runId, { cmd: 'state' })) as Result & { stop: WireStop };
      return { ...r, stop: s.stopped(runId, r.stop) };
    }) as never,
  'run.breakpoints.list': ({ runId }, { host }) =>
    translate(() => runService(host).call(runId, { cmd: 'bp.list' })) as never,
  'run.breakpoints.add': ({ runId, spec }, { host }) =>
    translate(() => runService(host).call(runId, { cmd: 'bp.add', spec })) as never,
  'run.breakpoints.update': ({ runId, id, enabled }, { host }) =>
    translate(() => runService(host).call(runId, { cmd: 'bp.update', id, enabled })) as never,
  'run.breakpoints.remove': ({ runId, id }, { host }) =>
    translate(() => runService(host).call(runId, { cmd: 'bp.remove', id })) as never,
};
