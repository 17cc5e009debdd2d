import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { WorkflowSchema } from './model';
import type { Workflow } from './model';
import { loadWorkflowYaml } from './yaml-load';
import { saveWorkflowYaml } from './yaml-save';

const WITH_COMMENTS = `# Top comment stays
version: 1
name: Pipe # trailing comment stays
processes:
  # the writer
  - id: a
    name: A
    kind: csp
    ports:
      - { name: out, dir: out }
    behaviour: out -> A # loops
  - id: b
    name: B
    kind: csp
    ports:
      - { name: in, dir: in }
    behaviour: in -> B
edges:
  - { id: e, from: a.out, to: b.in } # the only edge
layout:
  a: { x: 0, y: 0 }
`;

describe('saveWorkflowYaml', () => {
  it('keeps comments and styles when writing over the previous text', () => {
    const wf = loadWorkflowYaml(WITH_COMMENTS).workflow!;
    const edited: Workflow = {
      ...wf,
      name: 'Pipe 2',
      processes: [
        {
          ...(wf.processes[0] as Extract<Workflow['processes'][number], { kind: 'csp' }>),
          behaviour: 'out -> out -> A',
        },
        wf.processes[1]!,
      ],
      layout: { a: { x: 10, y: 0 }, b: { x: 100, y: 0 } },
    };
    const text = saveWorkflowYaml(edited, WITH_COMMENTS);
    expect(text).toContain('# Top comment stays');
    expect(text).toContain('name: Pipe 2 # trailing comment stays');
    expect(text).toContain('  # the writer\n  - id: a');
    expect(text).toContain('behaviour: out -> out -> A # loops');
    expect(text).toContain('- { id: e, from: a.out, to: b.in } # the only edge');
    expect(text).toContain('  b: { x: 100, y: 0 }');
    expect(loadWorkflowYaml(text).workflow).toEqual(edited);
  });

  it('keeps an unchanged file byte for byte', () => {
    const wf = loadWorkflowYaml(WITH_COMMENTS).workflow!;
    expect(saveWorkflowYaml(wf, WITH_COMMENTS)).toBe(WITH_COMMENTS);
  });

  it('writes keys in the skeleton order whatever the input order', () => {
    const wf = WorkflowSchema.parse({
      layout: { a: { y: 2, x: 1 } },
      processes: [{ behaviour: 'STOP', kind: 'csp', name: 'A', id: 'a' }],
      name: 'Order',
      version: 1,
    });
    const text = saveWorkflowYaml(wf);
    expect(text).toBe(
      [
        'version: 1',
        'name: Order',
        'processes:',
        '  - { id: a, name: A, kind: csp, behaviour: STOP }',
        'layout:',
        '  a: { x: 1, y: 2 }',
        '',
      ].join('\n'),
    );
  });

  it('keeps strings of only blanks and line breaks exact (a literal block would lose the blanks)', () => {
    for (const description of [' \n', ' \n\n', '\t\n ']) {
      const wf = WorkflowSchema.parse({ version: 1, name: 'B', description });
      const text = saveWorkflowYaml(wf);
      expect(WorkflowSchema.parse(parseDocument(text).toJS()).description).toBe(description);
      expect(
        WorkflowSchema.parse(
          parseDocument(
            saveWorkflowYaml({ ...wf, description }, saveWorkflowYaml({ ...wf, description: 'a\nb' })),
          ).toJS(),
        ).description,
      ).toBe(description);
    }
  });

  it('writes multi-line CSPm as a literal block', () => {
    const wf = WorkflowSchema.parse({
      version: 1,
      name: 'B',
      processes: [{ id: 'a', name: 'A', kind: 'csp', behaviour: 'a ->\n  STOP\n' }],
    });
    expect(saveWorkflowYaml(wf)).toContain('behaviour: |\n      a ->\n        STOP\n');
  });
});

// ---- Property: YAML → model → YAML is stable on generated documents.

const text = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    ' ',
    ':',
    '#',
    '"',
    "'",
    '\n',
    '-',
    '{',
    '}',
    '[',
    ',',
    '|',
    '>',
    'é',
    '😀',
    '\t',
    '&',
    '*',
    '!',
    '%',
    '@',
    '`',
    '0',
  ),
  maxLength: 30,
});
const nonEmpty = text.filter((s) => s.trim().length > 0);
const ident = fc
  .stringMatching(/^[a-z][a-z0-9_]{0,6}$/)
  .filter(
    (s) =>
      ![
        'in',
        'set',
        'seq',
        'not',
        'and',
        'or',
        'if',
        'then',
        'else',
        'let',
        'within',
        'true',
        'false',
        'head',
        'tail',
        'null',
        'elem',
        'card',
        'diff',
        'member',
        'empty',
        'union',
        'inter',
        'concat',
        'length',
        'show',
        'error',
        'type',
        'print',
        'channel',
        'datatype',
        'nametype',
        'subtype',
        'assert',
        'include',
        'module',
        'instance',
        'exports',
        'endmodule',
        'normal',
        'sbisim',
        'diamond',
        'explicate',
        'wbisim',
        'chase',
        'tock',
        'tskip',
        'tstop',
        'external',
        'transparent',
        'productions',
        'extensions',
      ].includes(s),
  );

const workflowArb = fc
  .record({
    name: nonEmpty,
    description: fc.option(text, { nil: undefined }),
    n: fc.integer({ min: 1, max: 5 }),
    flag: fc.boolean(),
    declarations: fc.option(text, { nil: undefined }),
    nodes: fc.uniqueArray(
      fc.record({
        id: ident,
        name: nonEmpty,
        behaviour: nonEmpty,
        x: fc.integer({ min: -500, max: 500 }),
        y: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      }),
      { selector: (n) => n.id, minLength: 2, maxLength: 5 },
    ),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }),
    assertions: fc.array(
      fc.record({
        text: nonEmpty,
        expect: fc.option(fc.constantFrom('pass' as const, 'fail' as const), { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
  })
  .map(({ name, description, n, flag, declarations, nodes, edges, assertions }) =>
    WorkflowSchema.parse({
      version: 1,
      name,
      ...(description !== undefined ? { description } : {}),
      parameters: { N: n, Debug: flag },
      ...(declarations !== undefined ? { declarations } : {}),
      processes: nodes.map((node) => ({
        id: node.id,
        name: node.name,
        kind: 'csp',
        ports: [
          { name: 'out', dir: 'out' },
          { name: 'in', dir: 'in', type: 'Bool' },
        ],
        behaviour: node.behaviour,
      })),
      edges: edges.map(([f, t], i) => ({
        id: `e${i}`,
        from: `${nodes[f % nodes.length]!.id}.out`,
        to: `${nodes[t % nodes.length]!.id}.in`,
      })),
      assertions: assertions.map((a, i) => ({ id: `a${i}`, text: a.text, ...(a.expect ? { expect: a.expect } : {}) })),
      layout: Object.fromEntries(nodes.map((node) => [node.id, { x: node.x, y: node.y }])),
    }),
  );

describe('round trip', () => {
  it('YAML → model → YAML is stable and loses nothing', () => {
    fc.assert(
      fc.property(workflowArb, (wf) => {
        const once = saveWorkflowYaml(wf);
        const doc = parseDocument(once);
        expect(doc.errors).toEqual([]);
        const back = WorkflowSchema.parse(doc.toJS());
        expect(back).toEqual(wf);
        expect(saveWorkflowYaml(back)).toBe(once);
        // Writing the same model over its own text changes nothing either.
        expect(saveWorkflowYaml(back, once)).toBe(once);
      }),
      { numRuns: 300 },
    );
    // 300 random workflows take 13-37 s on a loaded 2-core machine: vitest's default 30 s was too tight.
  }, 120_000);
});
