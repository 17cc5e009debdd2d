/** The workflow YAML parser's worker (./yaml-parser): text in, `loadWorkflowYaml`'s result out. */
import { loadWorkflowYaml } from '../../../../engine/workflow';
import type { ParseReply, ParseRequest } from './yaml-parser';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ParseRequest>) => void) | null;
  postMessage(reply: ParseReply): void;
};

scope.onmessage = (e) => {
  const { seq, text } = e.data;
  try {
    scope.postMessage({ seq, result: loadWorkflowYaml(text) });
  } catch (error) {
    // loadWorkflowYaml turns bad input into diagnostics; an exception here is a bug, said as one.
    scope.postMessage({ seq, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
};
