/** The language service behind the editor's worker: scripts, and workflow fields read in their generated script. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWorkflowYaml } from '../../../../engine/workflow';
import type { Workflow } from '../../../../engine/workflow';
import type { DocumentContext, Query, WorkerReply } from './protocol';
import { LanguageService } from './service';

const script = ['channel c : {0..3}', 'P(n) = c?x -> (let y = x + n within c!y -> P(y))', 'Q = P(1)', ''].join('\n');
const scriptContext: DocumentContext = { kind: 'script', file: 'a.csp' };

function ask(service: LanguageService, text: string, context: DocumentContext, query: Query): unknown {
  const reply = service.handle({ type: 'query', id: 7, uri: 'u', version: 1, text, context, query });
  expect(reply).toMatchObject({ type: 'answer', id: 7 });
  return (reply as Extract<WorkerReply, { type: 'answer' }>).result;
}

describe('scripts', () => {
  it('reports parse and type errors with their ranges, and how long it took', () => {
    let t = 0;
    const service = new LanguageService(() => (t += 5));
    const reply = service.handle({
      type: 'analyse',
      uri: 'u',
      version: 3,
      text: 'channel c\nP = c -> Q\n',
      context: scriptContext,
    });
    expect(reply).toMatchObject({
      type: 'diagnostics',
      uri: 'u',
      version: 3,
      phase: 'front',
      diagnostics: [{ code: 'CSP2001', severity: 'error', line: 2, column: 10, endLine: 2, endColumn: 11 }],
      ms: 5,
    });
  });

  it('answers completion, hover, definition, references and the outline at offsets', () => {
    const service = new LanguageService(() => 0);
    const at = (needle: string): number => script.indexOf(needle);
    const labels = (
      ask(service, script, scriptContext, { kind: 'completion', offset: at('c!y'), prefix: '' }) as {
        label: string;
      }[]
    ).map((c) => c.label);
    expect(labels.slice(0, 3)).toEqual(['y', 'x', 'n']);
    expect(labels).toContain('within');
    expect(ask(service, script, scriptContext, { kind: 'hover', offset: at('P(1)') })).toEqual({
      contents: 'P :: (Int) -> Proc',
      range: { line: 3, column: 5, endLine: 3, endColumn: 6 },
    });
    expect(ask(service, script, scriptContext, { kind: 'definition', offset: at('P(1)') })).toMatchObject({
      in: 'document',
      range: { line: 2, column: 1 },
    });
    expect(ask(service, script, scriptContext, { kind: 'references', offset: at('y =') })).toHaveLength(3);
    const outline = ask(service, script, scriptContext, { kind: 'outline' }) as { name: string; kind: string }[];
    expect(outline.map((o) => [o.name, o.kind])).toEqual([
      ['c', 'channel'],
      ['P', 'process'],
      ['Q', 'process'],
    ]);
  });

  it('evaluates declarations on request, and gives up quietly past its budget', () => {
    const service = new LanguageService(() => 0);
    const divides = 'channel c : {0..2}\nP = c!(1/0) -> STOP\nassert P :[deadlock free]\n';
    const reply = service.handle({ type: 'evaluate', uri: 'u', version: 1, text: divides, file: 'a.csp' });
    expect(reply).toMatchObject({ phase: 'evaluation', diagnostics: [{ severity: 'error', line: 2 }] });

    let t = 0;
    const slow = new LanguageService(() => (t += 1_000));
    const deep = 'f(0) = 0\nf(n) = 1 + f(n - 1)\nN = f(100000)\nchannel c : {0..N}\nP = c?x -> P\n';
    expect(slow.handle({ type: 'evaluate', uri: 'u', version: 1, text: deep, file: 'a.csp' })).toMatchObject({
      phase: 'evaluation',
      diagnostics: [],
    });
  });
});

describe('workflow fields', () => {
  const yaml = readFileSync(
    resolve(import.meta.dirname, '../../../../../resources/examples/dining-philosophers.yaml'),
    'utf8',
  );
  const workflow = loadWorkflowYaml(yaml).workflow as Workflow;
  const behaviour = workflow.processes[0]?.kind === 'csp' ? workflow.processes[0].behaviour : '';
  const field: DocumentContext = { kind: 'field', path: 'processes[0].behaviour', revision: 4 };

  it('completes and hovers with the names the generated script declares, in the field’s own coordinates', () => {
    const service = new LanguageService(() => 0);
    service.handle({ type: 'workflow', revision: 4, workflow });
    const labels = (
      ask(service, behaviour, field, { kind: 'completion', offset: 0, prefix: '' }) as {
        label: string;
      }[]
    ).map((c) => c.label);
    expect(labels).toEqual(expect.arrayContaining(['thinks', 'left', 'right', 'Phil', 'N', 'up', 'i']));
    const secondLine = behaviour.indexOf('left.i.down');
    expect(ask(service, behaviour, field, { kind: 'hover', offset: secondLine })).toEqual({
      contents: expect.stringMatching(/^left :: /),
      range: { line: 2, column: 1, endLine: 2, endColumn: 5 },
    });
  });

  it('places definitions in the field, in another field, or in the generated script', () => {
    const service = new LanguageService(() => 0);
    service.handle({ type: 'workflow', revision: 4, workflow });
    expect(ask(service, behaviour, field, { kind: 'definition', offset: behaviour.indexOf('up') })).toMatchObject({
      in: 'field',
      path: 'declarations',
      range: { line: 1, column: 17 },
    });
    expect(ask(service, behaviour, field, { kind: 'definition', offset: behaviour.indexOf('thinks') })).toMatchObject({
      in: 'generated',
    });
  });

  it('only completes keywords when the workflow it names is not known', () => {
    const service = new LanguageService(() => 0);
    const labels = (
      ask(service, behaviour, field, { kind: 'completion', offset: 0, prefix: '' }) as {
        label: string;
      }[]
    ).map((c) => c.label);
    expect(labels).toContain('let');
    expect(labels).not.toContain('thinks');
  });
});
