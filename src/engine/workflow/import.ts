/**
 * CSPm script → workflow (`csp import`). The system's parallel components
 * become nodes (a replicated `|| i : S @ [A(i)] P(i)` becomes one replicated
 * node), a channel shared by two components becomes an edge and one shared
 * by three or more a bus, all named after the channel so the script's events
 * keep their names; the script's other declarations and its assertions are
 * kept as they are written. With a layout runner (ELK, passed in by the
 * caller: the engine runs no layout engine itself) the drawing gets a layered
 * layout along the flow of the edges.
 *
 * Only what can be drawn faithfully is imported (see import-analysis.ts);
 * anything else is refused with a diagnostic at its place in the script, so
 * import → export → check gives the same verdicts as the original.
 */
import { load } from '../cspm';
import type { FileReader } from '../cspm';
import type { Decl, Expr, Module } from '../cspm/syntax/ast';
import { loadScript } from '../eval';
import { compileWorkflow } from './compile';
import { diag, hasErrors, WF } from './diagnostics';
import type { WorkflowDiagnostic } from './diagnostics';
import { channelsOf, decompose, indexScript } from './import-analysis';
import { layoutPositions, layoutRequest } from './layout';
import type { LayoutRunner } from './layout';
import { WORKFLOW_VERSION } from './model';
import type { Workflow } from './model';
import { NameAllocator } from './names';
import { parseWorkflow } from './yaml-load';

export interface ImportOptions {
  readonly file?: string;
  readonly readFile?: FileReader;
  /** Workflow name; default: the file name without `.csp`. */
  readonly name?: string;
  /** Lays the drawing out (see ./layout); without it the workflow has no stored positions. */
  readonly layout?: LayoutRunner;
}

export interface ImportResult {
  readonly ok: boolean;
  readonly workflow?: Workflow;
  readonly diagnostics: readonly WorkflowDiagnostic[];
}

function at(
  span: { line: number; column: number },
  message: string,
  code: WorkflowDiagnostic['code'] = WF.notImportable,
): WorkflowDiagnostic {
  return { ...diag(code, '', message), line: span.line, column: span.column };
}

function flatten(decls: readonly Decl[]): Decl[] {
  return decls.flatMap((d) => (d.kind === 'IncludeDecl' ? flatten(d.decls) : [d]));
}

/** The text of an included file, its own includes inlined too (the parser has already read them all). */
function inlineInclude(
  d: Extract<Decl, { kind: 'IncludeDecl' }>,
  readFile: FileReader | undefined,
  depth: number,
): string {
  const body = depth > 20 ? undefined : readFile?.(d.resolvedPath);
  if (body === undefined) return `include "${d.path}"`;
  let out = '';
  let pos = 0;
  for (const inner of d.decls) {
    if (inner.kind !== 'IncludeDecl') continue;
    out += body.slice(pos, inner.span.offset) + inlineInclude(inner, readFile, depth + 1);
    pos = inner.span.end;
  }
  out += body.slice(pos);
  return `-- from include "${d.path}"\n${out.trim()}\n-- end of include "${d.path}"`;
}

/** The system definition: SYSTEM, else the process most assertions check, else the last composition. */
function findSystem(module: Module, index: ReturnType<typeof indexScript>): string | undefined {
  if (index.defs.get('SYSTEM')?.kind === 'ValueDecl') return 'SYSTEM';
  const counts = new Map<string, number>();
  for (const d of module.decls) {
    if (d.kind !== 'AssertDecl') continue;
    const a = d.assertion as unknown as { process?: Expr; impl?: Expr; spec?: Expr };
    for (const e of [a.process, a.impl])
      if (e?.kind === 'Var' && index.defs.get(e.name)?.kind === 'ValueDecl')
        counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
  }
  const best = [...counts].sort((x, y) => y[1] - x[1])[0];
  if (best) return best[0];
  const values = [...index.defs.values()].filter((d) => d.kind === 'ValueDecl' && decompose(d.body, index).ok);
  const last = values[values.length - 1];
  return last?.kind === 'ValueDecl' ? last.name.name : undefined;
}

export function importCspm(text: string, options: ImportOptions = {}): ImportResult {
  const file = options.file ?? 'script.csp';
  const fail = (diagnostics: WorkflowDiagnostic[]): ImportResult => ({ ok: false, diagnostics });
  const front = load(text, { file, ...(options.readFile ? { readFile: options.readFile } : {}) });
  const errors = front.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return fail(errors.map((d) => at(d.span, `${d.code} ${d.message}`, WF.cspmError)));
  const script = loadScript(front.ast);
  const evalErrors = script.diagnostics.filter((d) => d.severity === 'error');
  if (evalErrors.length > 0) return fail(evalErrors.map((d) => at(d.span, `${d.code} ${d.message}`, WF.cspmError)));

  const slice = (x: { span: { offset: number; end: number; file?: string } }): string =>
    text.slice(x.span.offset, x.span.end);
  const decls = flatten(front.ast.decls);
  const index = indexScript(decls, slice);
  const systemName = findSystem(front.ast, index);
  if (!systemName)
    return fail([
      {
        ...diag(WF.notImportable, '', 'no system to import: define SYSTEM as a parallel composition'),
        line: 1,
        column: 1,
      },
    ]);
  const systemDecl = index.defs.get(systemName);
  if (systemDecl?.kind !== 'ValueDecl')
    return fail([{ ...diag(WF.notImportable, '', `${systemName} is not a process definition`), line: 1, column: 1 }]);
  const parts = decompose(systemDecl.body, index);
  if (!parts.ok) return fail([at(parts.at.span, `${systemName}: ${parts.message}`)]);

  // Nodes, named after the process each component calls.
  const ids = new NameAllocator();
  const nodes = parts.components.map((c, i) => {
    const head =
      c.expr.kind === 'Var'
        ? c.expr.name
        : c.expr.kind === 'App' && c.expr.fn.kind === 'Var'
          ? c.expr.fn.name
          : `P${i + 1}`;
    const id = ids.allocate(head.toLowerCase().replace(/'/g, '_'), 'p').replace(/'/g, '_');
    const channels = new Set([...channelsOf(c.expr, index), ...c.alphas.flatMap((a) => [...channelsOf(a, index)])]);
    const alphabet = c.alphas.length === 0 ? undefined : c.alphas.map(slice).reduce((acc, a) => `inter(${acc}, ${a})`);
    return { id, name: head, c, channels: [...channels].sort(), alphabet };
  });
  const users = new Map<string, string[]>();
  for (const n of nodes) for (const ch of n.channels) users.set(ch, [...(users.get(ch) ?? []), n.id]);

  const hidden = new Set(parts.hidden);
  for (const h of hidden) {
    if ((users.get(h)?.length ?? 0) < 2)
      return fail([
        at(
          systemDecl.span,
          `hidden channel ${h} is used by fewer than two components; only edges and buses can be hidden`,
        ),
      ]);
  }
  const edges: Workflow['edges'] = [];
  const buses: Workflow['buses'] = [];
  const channels: Workflow['channels'] = [];
  const dirOf = new Map<string, 'in' | 'out'>();
  for (const [ch, who] of [...users].sort((a, b) => a[0].localeCompare(b[0]))) {
    const type = index.channels.get(ch)?.type || undefined;
    if (who.length === 2) {
      dirOf.set(`${who[0]}.${ch}`, 'out');
      dirOf.set(`${who[1]}.${ch}`, 'in');
      if (hidden.has(ch)) channels.push({ id: ch, name: ch, ...(type ? { type } : {}), hidden: true });
      edges.push({
        id: ch,
        from: `${who[0]}.${ch}`,
        to: `${who[1]}.${ch}`,
        ...(hidden.has(ch) ? { channel: ch } : {}),
      });
    } else if (who.length > 2) {
      buses.push({
        id: ch,
        name: ch,
        ...(type ? { type } : {}),
        members: who.map((w) => `${w}.${ch}`),
        ...(hidden.has(ch) ? { hidden: true } : {}),
      });
    }
  }

  if (systemDecl.span.file !== front.ast.file) {
    return fail([at(systemDecl.span, `${systemName} is defined in an included file; import the file that defines it`)]);
  }
  // Declarations: the script as written, minus the system definition and the
  // assertions, with included files inlined so the workflow stands alone.
  const skip = front.ast.decls.filter((d) => d.kind === 'AssertDecl' || d === systemDecl || d.kind === 'IncludeDecl');
  let declarations = '';
  let pos = 0;
  for (const d of skip) {
    declarations += text.slice(pos, d.span.offset);
    pos = d.span.end;
    if (d.kind === 'IncludeDecl') declarations += inlineInclude(d, options.readFile, 0);
  }
  declarations += text.slice(pos);
  declarations = declarations.replace(/\n{3,}/g, '\n\n').trim();
  if (systemName !== 'SYSTEM') declarations += `\n\n-- The imported system\n${systemName} = SYSTEM`;

  const assertions = front.ast.decls
    .filter((d): d is Extract<Decl, { kind: 'AssertDecl' }> => d.kind === 'AssertDecl')
    .map((d, i) => ({ id: `a${i + 1}`, text: slice(d).replace(/^assert\s+/, '') }));

  const raw = {
    version: WORKFLOW_VERSION,
    name: options.name ?? (file.split('/').pop() ?? file).replace(/\.csp$/, ''),
    description: `Imported from ${file}`,
    ...(declarations ? { declarations: declarations + '\n' } : {}),
    ...(channels.length > 0 ? { channels } : {}),
    processes: nodes.map((n) => ({
      id: n.id,
      name: n.name,
      kind: 'csp' as const,
      ports: n.channels.map((ch) => {
        const type = index.channels.get(ch)?.type;
        return { name: ch, dir: dirOf.get(`${n.id}.${ch}`) ?? 'out', ...(type ? { type } : {}) };
      }),
      ...(n.c.replicate ? { replicate: `${n.c.replicate.variable} in ${slice(n.c.replicate.set)}` } : {}),
      ...(n.alphabet ? { alphabet: n.alphabet } : {}),
      behaviour: slice(n.c.expr),
    })),
    edges,
    buses,
    assertions,
  };
  const parsed = parseWorkflow(raw);
  if (!parsed.ok || !parsed.workflow) return fail([...parsed.diagnostics]);
  const compiled = compileWorkflow(parsed.workflow);
  if (hasErrors(compiled.diagnostics)) return fail([...compiled.diagnostics]);
  const workflow = options.layout
    ? { ...parsed.workflow, layout: layoutPositions(options.layout(layoutRequest(parsed.workflow))) }
    : parsed.workflow;
  return { ok: true, workflow, diagnostics: parsed.diagnostics };
}
