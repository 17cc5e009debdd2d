/**
 * The designer's validation worker: the open workflow in, its diagnostics out
 * (./analyse). Compiling and parsing a large workflow's CSPm takes long enough
 * to drop frames, so it never runs on the UI thread.
 */
import type { Workflow } from '../../../../engine/workflow';
import { analyseWorkflow } from './analyse';
import type { ValidateReply, ValidateRequest } from './validator';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ValidateRequest>) => void) | null;
  postMessage(reply: ValidateReply): void;
};

scope.onmessage = (e) => {
  const { seq, workflow } = e.data;
  try {
    scope.postMessage({ seq, diagnostics: analyseWorkflow(workflow as Workflow) });
  } catch (error) {
    scope.postMessage({ seq, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
};
