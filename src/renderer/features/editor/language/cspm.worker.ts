/**
 * The editor's CSPm language worker: parsing, type checking, evaluation of
 * declarations and position queries run here, never on the UI thread (a
 * 2,000-line script takes long enough to drop frames). See ./service.ts.
 */
import type { WorkerReply, WorkerRequest } from './protocol';
import { LanguageService } from './service';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply): void;
};

const service = new LanguageService(() => performance.now());

scope.onmessage = (e) => {
  const request = e.data;
  try {
    const reply = service.handle(request);
    if (reply) scope.postMessage(reply);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    scope.postMessage({
      type: 'failed',
      ...(request.type === 'query' ? { id: request.id } : {}),
      ...('uri' in request ? { uri: request.uri } : {}),
      message,
    });
  }
};
