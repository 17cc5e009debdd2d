/** check.run, check.assertions, check.cancel, check.result, answered by the host's CheckService (host.services.checks). */
import { ProtocolError } from '../../../shared/protocol';
import type { checkMethods } from '../../../shared/protocol/methods/check';
import { CheckStartError } from '../../check/service';
import type { HandlerMap } from './types';

function translate<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof CheckStartError) {
      throw new ProtocolError(
        error.kind === 'not_found' ? 'not_found' : error.kind === 'busy' ? 'conflict' : 'invalid_params',
        error.message,
      );
    }
    throw error;
  }
}

export const checkHandlers: HandlerMap<keyof typeof checkMethods> = {
  'check.run': (p, { host }) =>
    translate(() =>
      host.services.checks.start({
        name: p.name,
        workers: p.workers,
        builtins: p.builtins,
        ...(p.file !== undefined ? { file: p.file } : {}),
        ...(p.text !== undefined ? { text: p.text } : {}),
        ...(p.kind !== undefined ? { kind: p.kind } : {}),
        ...(p.assertion !== undefined ? { assertion: p.assertion } : {}),
        ...(p.assertions !== undefined ? { assertions: p.assertions } : {}),
        ...(p.timeoutSeconds !== undefined ? { timeoutSeconds: p.timeoutSeconds } : {}),
      }),
    ),
  'check.assertions': (p, { host }) =>
    host.services.checks.assertions({
      name: p.name,
      ...(p.file !== undefined ? { file: p.file } : {}),
      ...(p.text !== undefined ? { text: p.text } : {}),
      ...(p.kind !== undefined ? { kind: p.kind } : {}),
    }),
  'check.cancel': ({ checkId }, { host }) => translate(() => ({ cancelled: host.services.checks.cancel(checkId) })),
  'check.result': ({ checkId }, { host }) => translate(() => host.services.checks.result(checkId)),
};
