/** check.run, check.cancel, check.result; the check.events stream is registered on first use. */
import { ProtocolError } from '../../../shared/protocol';
import type { checkMethods } from '../../../shared/protocol/methods/check';
import { CheckService, CheckStartError } from '../../check/service';
import type { Host } from '../host';
import type { HandlerMap } from './types';

const services = new WeakMap<Host, CheckService>();

/** The host's check service (one per host), created with its stream on first use. */
export function checkService(host: Host): CheckService {
  let s = services.get(host);
  if (s === undefined) {
    s = new CheckService();
    services.set(host, s);
    host.registerStream('check.events', s);
  }
  return s;
}

function translate<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof CheckStartError) {
      throw new ProtocolError(error.kind === 'not_found' ? 'not_found' : error.kind === 'busy' ? 'conflict' : 'invalid_params', error.message);
    }
    throw error;
  }
}

export const checkHandlers: HandlerMap<keyof typeof checkMethods> = {
  'check.run': (params, { host }) =>
    translate(() =>
      checkService(host).start({
        name: params.name,
        workers: params.workers,
        ...(params.file !== undefined ? { file: params.file } : {}),
        ...(params.text !== undefined ? { text: params.text } : {}),
        ...(params.assertion !== undefined ? { assertion: params.assertion } : {}),
        ...(params.timeoutSeconds !== undefined ? { timeoutSeconds: params.timeoutSeconds } : {}),
      }),
    ),
  'check.cancel': ({ checkId }, { host }) => translate(() => ({ cancelled: checkService(host).cancel(checkId) })),
  'check.result': ({ checkId }, { host }) => translate(() => checkService(host).result(checkId)),
};
