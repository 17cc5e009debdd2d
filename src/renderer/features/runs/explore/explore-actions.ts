/**
 * Explore from here as actions (the commands and the Explore panel call
 * these): start an exploration of the paused run with the panel's limits,
 * cancel it, browse its states, replay the path to one of them in the run,
 * and download the graph as Graphviz DOT.
 */
import { hostRequest } from '../../../hooks';
import { toastError, toastInfo } from '../../../state/toast-store';
import { download } from '../../workflows/transfer/export';
import { goToStep, hasRun, isRunning, stepPath } from '../run-actions';
import { useRun } from '../run-store';
import { useExplore } from './explore-store';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export const isExploring = (): boolean => useExplore.getState().status === 'exploring';
export const canExplore = (): boolean => hasRun() && !isRunning() && !isExploring();
/** There is an explored graph of the open run to browse or export. */
export const hasExploration = (): boolean => {
  const x = useExplore.getState();
  return x.status === 'done' && x.runId !== undefined && x.runId === useRun.getState().run?.runId;
};

/** Explore from here (Alt+F6): opens the panel and searches from where the run stands. */
export async function exploreFromHere(): Promise<void> {
  const runId = useRun.getState().run?.runId;
  if (runId === undefined || !canExplore()) return;
  const explore = useExplore.getState();
  explore.began(runId);
  try {
    const summary = await hostRequest('run.explore', { runId, ...explore.limits });
    if (useExplore.getState().runId !== runId) return;
    useExplore.getState().finished(summary);
    await browseState(0, false);
  } catch (e) {
    if (useExplore.getState().runId === runId) useExplore.getState().failed(message(e));
  }
}

/** Cancel Exploration: the search stops and shows what it found so far. */
export async function cancelExplore(): Promise<void> {
  const runId = useExplore.getState().runId;
  if (runId === undefined || !isExploring()) return;
  await hostRequest('run.explore.cancel', { runId }).catch((e: unknown) => toastError(message(e)));
}

/** Shows state `id` of the exploration; `remember` puts the state shown now on the Back trail. */
export async function browseState(id: number, remember = true): Promise<void> {
  const x = useExplore.getState();
  if (x.runId === undefined || x.status !== 'done') return;
  try {
    const view = await hostRequest('run.explore.state', { runId: x.runId, id });
    const from = remember ? useExplore.getState().viewing?.state.id : undefined;
    useExplore.getState().view(view, from);
  } catch (e) {
    toastError(message(e));
  }
}

/** Back to the state browsed before. */
export async function browseBack(): Promise<void> {
  const id = useExplore.getState().back();
  if (id !== undefined) await browseState(id, false);
}

/**
 * Replays the path to state `id` in the run: back to the step the exploration
 * started from if the run has moved, then each transition with its index and
 * branch (the run leaves its record there: a new timeline, said so).
 */
export async function replayToState(id: number): Promise<void> {
  const x = useExplore.getState();
  const runId = useRun.getState().run?.runId;
  if (runId === undefined || x.summary === undefined || x.runId !== runId || isRunning()) return;
  try {
    const { path } = await hostRequest('run.explore.state', { runId, id });
    if (useRun.getState().seq !== x.summary.seq) await goToStep(x.summary.seq);
    const taken = await stepPath(path);
    if (taken === path.length) toastInfo(`The run follows the explored path to state ${id}: ${path.length} steps.`);
  } catch (e) {
    toastError(message(e));
  }
}

/** Downloads the explored graph as a Graphviz DOT file (read in chunks: never cut). */
export async function exportExploredDot(): Promise<void> {
  const runId = useExplore.getState().runId;
  if (runId === undefined || !hasExploration()) return;
  try {
    let text = '';
    let fileName = 'explored-states.dot';
    for (let offset: number | null = 0; offset !== null;) {
      const chunk: Awaited<ReturnType<typeof hostRequest<'run.explore.dot'>>> = await hostRequest('run.explore.dot', {
        runId,
        offset,
      });
      text += chunk.text;
      fileName = chunk.fileName;
      offset = chunk.next;
    }
    download(text, fileName, 'text/vnd.graphviz');
    toastInfo(`Exported ${fileName}: open it with Graphviz (dot -Tsvg ${fileName} > states.svg).`);
  } catch (e) {
    toastError(`Export failed: ${message(e)}`);
  }
}
