/**
 * A large workflow for the scale benchmarks: `nodes` CSP nodes on a ring-shaped
 * pipeline (every node passes a token on) plus chords, so there are about
 * 1.5 edges per node, cycles included (auto-layout and compilation must cope).
 * Node i: `in` from i-1, `out` to i+1; the first half also sends on `side` to
 * node i+7, which takes it on `aux`.
 */
export interface LargeWorkflowOptions {
  readonly nodes: number;
}

export function largeWorkflowYaml({ nodes }: LargeWorkflowOptions): string {
  const chords = Math.floor(nodes / 2);
  const lines: string[] = ['version: 1', `name: Large ${nodes}`, 'processes:'];
  const hasSide = (i: number): boolean => i < chords;
  const hasAux = (i: number): boolean => i >= 7 && i < chords + 7;
  for (let i = 0; i < nodes; i++) {
    const ports = ['      - { name: inp, dir: in }', '      - { name: out, dir: out }'];
    if (hasSide(i)) ports.push('      - { name: side, dir: out }');
    if (hasAux(i % nodes)) ports.push('      - { name: aux, dir: in }');
    const choices = ['inp -> out -> SKIP'];
    if (hasSide(i)) choices.push('side -> SKIP');
    if (hasAux(i)) choices.push('aux -> SKIP');
    const behaviour = i === 0 ? `out -> N${i}` : `(${choices.join(' [] ')}) ; N${i}`;
    lines.push(
      `  - id: n${i}`,
      `    name: N${i}`,
      '    kind: csp',
      '    ports:',
      ...ports,
      `    behaviour: ${JSON.stringify(behaviour)}`,
    );
  }
  lines.push('edges:');
  for (let i = 0; i < nodes; i++) lines.push(`  - { id: e${i}, from: n${i}.out, to: n${(i + 1) % nodes}.inp }`);
  for (let i = 0; i < chords; i++) lines.push(`  - { id: c${i}, from: n${i}.side, to: n${i + 7}.aux }`);
  lines.push('layout:');
  for (let i = 0; i < nodes; i++) lines.push(`  n${i}: { x: ${(i % 40) * 260}, y: ${Math.floor(i / 40) * 160} }`);
  return lines.join('\n') + '\n';
}
