/** check.run, check.cancel, check.result, answered by the host's CheckService (host.services.checks). */
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
  'check.run': (params, { host }) =>
    translate(() =>
      host.services.checks.start({
        name: params.name,
        workers: params.workers,
        ...(params.file !== undefined ? { file: params.file } : {}),
        ...(params.text !== undefined ? { text: params.text } : {}),
        ...(params.assertion !== undefined ? { assertion: params.assertion } : {}),
        ...(params.timeoutSeconds !== undefined ? { timeoutSeconds: params.timeoutSeconds } : {}),
      }),
    ),
  'check.cancel': ({ checkId }, { host }) => translate(() => ({ cancelled: host.services.checks.cancel(checkId) })),
  'check.result': ({ checkId }, { host }) => translate(() => host.services.checks.result(checkId)),
};
