/** The workflows.* methods, answered by the host's WorkflowService; store errors become protocol errors. */
import { ProtocolError } from '../../shared/protocol';
import type { workflowsMethods } from '../../shared/protocol/methods/workflows';
import type { HandlerMap } from '../host/handlers/types';
import { StoreError } from '../store';

/** NOT_FOUND → not_found, BAD_INPUT → invalid_params, any other store failure → unavailable. */
function translate<T>(f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof StoreError) {
      const code =
        error.code === 'NOT_FOUND' ? 'not_found' : error.code === 'BAD_INPUT' ? 'invalid_params' : 'unavailable';
      throw new ProtocolError(code, error.message);
    }
    throw error;
  }
}

export const workflowsHandlers: HandlerMap<keyof typeof workflowsMethods> = {
  'workflows.list': (p, { host }) => translate(() => host.services.workflows.list(p)),
  'workflows.get': ({ id, markOpened, diagnostics }, { host }) =>
    translate(() => host.services.workflows.get(id, markOpened, diagnostics)),
  'workflows.create': (p, { host }) => translate(() => host.services.workflows.create(p)),
  'workflows.save': (p, { host }) => translate(() => host.services.workflows.save(p)),
  'workflows.rename': ({ id, name }, { host }) => translate(() => host.services.workflows.rename(id, name)),
  'workflows.duplicate': ({ id, name }, { host }) => translate(() => host.services.workflows.duplicate(id, name)),
  'workflows.delete': ({ id }, { host }) => translate(() => host.services.workflows.remove(id)),
  'workflows.undelete': ({ id }, { host }) => translate(() => host.services.workflows.undelete(id)),
  'workflows.history': ({ id }, { host }) => translate(() => host.services.workflows.history(id)),
  'workflows.version': ({ versionId }, { host }) => translate(() => host.services.workflows.version(versionId)),
  'workflows.diff': ({ fromVersionId, toVersionId }, { host }) =>
    translate(() => host.services.workflows.diff(fromVersionId, toVersionId)),
  'workflows.restore': ({ versionId }, { host }) => translate(() => host.services.workflows.restore(versionId)),
  'workflows.import': (p, { host }) => translate(() => host.services.workflows.import(p)),
  'workflows.export': (p, { host }) => translate(() => host.services.workflows.export(p)),
  'workflows.examples': (_p, { host }) => translate(() => host.services.workflows.examples()),
  'workflows.validate': (p, { host }) => translate(() => host.services.workflows.validate(p)),
};
