/** The language client: newest-only analysis while typing, evaluation once typing pauses, stale work dropped. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerPort } from './client';
import { EVALUATION_DELAY_MS, LanguageClient, TYPING_PAUSE_MS } from './client';
import type { WorkerReply, WorkerRequest } from './protocol';
import { LanguageService } from './service';

/** A worker that answers only when the test says so, through the real service. */
class FakeWorker implements WorkerPort {
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null = null;
  readonly inbox: WorkerRequest[] = [];
  terminated = false;
  private readonly service = new LanguageService(() => 0);
  postMessage(request: WorkerRequest): void {
    this.inbox.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Handles the oldest message. */
  step(): WorkerRequest {
    const request = this.inbox.shift();
    if (!request) throw new Error('nothing to handle');
    const reply = this.service.handle(request);
    if (reply) this.onmessage?.({ data: reply } as MessageEvent<WorkerReply>);
    return request;
  }
}

let workers: { name: string; port: FakeWorker }[] = [];
const client = (): LanguageClient =>
  new LanguageClient((name) => {
    const port = new FakeWorker();
    workers.push({ name, port });
    return port;
  });
const worker = (name: string, nth = 0): FakeWorker => {
  const w = workers.filter((x) => x.name === name)[nth];
  if (!w) throw new Error(`no ${name} worker #${nth}`);
  return w.port;
};

beforeEach(() => {
  workers = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('LanguageClient', () => {
  it('sends only the newest text once the analysis in flight returns', () => {
    const c = client();
    const seen: { version: number; codes: string[] }[] = [];
    c.watchScript('u', 'a.csp', 1, 'P = Q\n', (d) =>
      seen.push({ version: d.version, codes: d.diagnostics.map((x) => x.code) }),
    );
    c.update('u', 2, 'P = Q2\n');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    c.update('u', 3, 'P = STOP\n');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    const lang = worker('cspm-language');
    expect(lang.inbox.map((r) => r.type)).toEqual(['analyse']);
    expect(lang.step()).toMatchObject({ version: 1 });
    expect(lang.inbox).toMatchObject([{ type: 'analyse', version: 3 }]);
    lang.step();
    expect(seen).toEqual([
      { version: 1, codes: ['CSP2001'] },
      { version: 3, codes: [] },
    ]);
  });

  it('evaluates the declarations after a quiet time, and drops an evaluation the text outran', () => {
    const c = client();
    const seen: { version: number; evaluated: boolean; codes: string[] }[] = [];
    const text = 'channel c : {0..2}\nP = c!(1/0) -> STOP\nassert P :[deadlock free]\n';
    c.watchScript('u', 'a.csp', 1, text, (d) =>
      seen.push({ version: d.version, evaluated: d.evaluated, codes: d.diagnostics.map((x) => x.severity) }),
    );
    worker('cspm-language').step();
    expect(workers.some((w) => w.name === 'cspm-evaluation')).toBe(false);
    vi.advanceTimersByTime(EVALUATION_DELAY_MS);
    const evaluation = worker('cspm-evaluation');
    expect(evaluation.inbox).toMatchObject([{ type: 'evaluate', version: 1 }]);
    evaluation.step();
    expect(seen.at(-1)).toEqual({ version: 1, evaluated: true, codes: ['error'] });

    // Another edit while an evaluation runs: that worker is stopped, its answer never shows.
    c.update('u', 2, text.replace('1/0', '1'));
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    worker('cspm-language').step();
    vi.advanceTimersByTime(EVALUATION_DELAY_MS);
    expect(evaluation.inbox).toMatchObject([{ type: 'evaluate', version: 2 }]);
    c.update('u', 3, text.replace('1/0', '2'));
    expect(evaluation.terminated).toBe(true);
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    worker('cspm-language').step();
    expect(seen.at(-1)).toEqual({ version: 3, evaluated: false, codes: [] });
    vi.advanceTimersByTime(EVALUATION_DELAY_MS);
    const next = worker('cspm-evaluation', 1);
    next.step();
    expect(seen.at(-1)).toEqual({ version: 3, evaluated: true, codes: [] });
  });

  it('analyses nothing while keys come faster than the pause, then the text they settle on', () => {
    const c = client();
    const seen: number[] = [];
    c.watchScript('u', 'a.csp', 1, 'P = STOP\n', (d) => seen.push(d.version));
    const lang = worker('cspm-language');
    lang.step();
    let text = 'P = STOP\n';
    for (let v = 2; v <= 10; v++) {
      text += 'x';
      c.update('u', v, text);
      vi.advanceTimersByTime(TYPING_PAUSE_MS - 20);
    }
    expect(lang.inbox).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(lang.inbox).toMatchObject([{ type: 'analyse', version: 10 }]);
    // A pause that ends while an analysis runs: the newest text goes as soon as it returns.
    c.update('u', 11, 'P = STOP\nQ = P\n');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    expect(lang.inbox).toHaveLength(1);
    lang.step();
    expect(lang.inbox).toMatchObject([{ type: 'analyse', version: 11 }]);
    lang.step();
    expect(seen).toEqual([1, 10, 11]);
    // No evaluation is scheduled for text typed over while it was analysed; the settled text's is.
    c.update('u', 12, 'P = STOP\nQ = P\n-- typing');
    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    c.update('u', 13, 'P = STOP\nQ = P\n-- typed');
    lang.step();
    vi.advanceTimersByTime(EVALUATION_DELAY_MS);
    expect(workers.some((w) => w.name === 'cspm-evaluation')).toBe(false);
    expect(lang.inbox).toMatchObject([{ type: 'analyse', version: 13 }]);
    lang.step();
    vi.advanceTimersByTime(EVALUATION_DELAY_MS);
    expect(worker('cspm-evaluation').inbox).toMatchObject([{ type: 'evaluate', version: 13 }]);
  });

  it('does not evaluate a script with front-end errors', () => {
    const c = client();
    c.watchScript('u', 'a.csp', 1, 'P = Q\n', () => undefined);
    worker('cspm-language').step();
    vi.advanceTimersByTime(EVALUATION_DELAY_MS * 4);
    expect(workers.some((w) => w.name === 'cspm-evaluation')).toBe(false);
  });

  it('answers queries and rejects them when the worker stops', async () => {
    const c = client();
    const answer = c.query(
      'q',
      1,
      'channel c\nP = c -> P\n',
      { kind: 'script', file: 'a.csp' },
      { kind: 'hover', offset: 14 },
    );
    worker('cspm-language').step();
    await expect(answer).resolves.toMatchObject({ contents: 'c :: Event' });
    const never = c.query('q', 1, 'P = STOP', { kind: 'script', file: 'a.csp' }, { kind: 'outline' });
    c.dispose();
    await expect(never).rejects.toThrow('stopped');
  });
});
