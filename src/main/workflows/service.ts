/**
 * The host's workflows: stored documents (workflows and CSPm scripts) with
 * their versions, over the store's WorkflowsApi. Every method answers the
 * protocol method of the same name (handlers.ts); diagnostics come back as
 * data in the protocol's shape. Expected failures throw ProtocolError
 * (not_found, conflict, invalid_params); the store's own errors are
 * translated by the handlers.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { diffWorkflows, loadWorkflowYaml } from '../../engine/workflow';
import type { WorkflowDiff } from '../../engine/workflow';
import { ProtocolError } from '../../shared/protocol';
import type { Params, Result } from '../../shared/protocol';
import type { Diagnostic } from '../../shared/protocol/methods/diagnostics';
import type { DocumentKind, Store, Version, VersionSummary, WorkflowSummary } from '../store';
import { fromWorkflow, toWire } from '../source/diagnostics';
import { validateSource } from '../source/validate';
import { documentFile, emptyDocument, nameIn, UNTITLED_SCRIPT, UNTITLED_WORKFLOW, withName } from './documents';
import { EXAMPLES_DIR, listExamples } from './examples';
import { textDiff } from './text-diff';
import { exportDocument, importDocument } from './transfer';

type Opened = Result<'workflows.create'>;

export class WorkflowService {
  constructor(
    /** The open store; throws `unavailable` when there is none. */
    private readonly store: () => Store,
    private readonly examplesDir: string = EXAMPLES_DIR,
    private readonly newPath: () => string = () => `untitled:${randomUUID()}`,
  ) {}

  list(p: Params<'workflows.list'>): Result<'workflows.list'> {
    const options = {
      order: p.order,
      includeDeleted: p.includeDeleted,
      limit: p.limit,
      ...(p.search !== undefined ? { search: p.search } : {}),
    };
    return { workflows: this.api().list(options) };
  }

  get(id: number, markOpened: boolean, withDiagnostics = true): Result<'workflows.get'> {
    const api = this.api();
    if (markOpened) api.markOpened(id);
    const wf = api.get(id);
    if (withDiagnostics) return this.opened(wf);
    return { workflow: wf, ...this.current(wf) };
  }

  create(p: Params<'workflows.create'>): Result<'workflows.create'> {
    let content: string;
    let name: string;
    if (p.example !== undefined) {
      if (p.kind !== 'workflow')
        throw new ProtocolError(
          'invalid_params',
          'workflows.create: examples are workflows; leave kind out or give kind: "workflow"',
        );
      const examples = listExamples(this.examplesDir);
      const example = examples.find((e) => e.file === p.example);
      if (example === undefined)
        throw new ProtocolError(
          'not_found',
          `no example named ${JSON.stringify(p.example)}; the examples are ${examples.map((e) => e.file).join(', ')}`,
        );
      name = p.name ?? this.unusedName(example.name);
      content = withName('workflow', readFileSync(example.path, 'utf8'), name);
    } else {
      name = p.name ?? this.unusedName(p.kind === 'cspm' ? UNTITLED_SCRIPT : UNTITLED_WORKFLOW);
      content = emptyDocument(p.kind, name);
    }
    return this.add(p.kind, name, content);
  }

  save(p: Params<'workflows.save'>): Result<'workflows.save'> {
    const api = this.api();
    const wf = api.get(p.id);
    if (wf.deletedAt !== null)
      throw new ProtocolError('conflict', `workflow ${p.id} (${wf.name}) is deleted; undelete it before saving`);
    if (p.baseVersionId !== undefined && wf.currentVersionId !== p.baseVersionId) {
      throw new ProtocolError(
        'conflict',
        `workflow ${p.id} changed since version id ${p.baseVersionId} (its current version id is ${wf.currentVersionId ?? 'none'}); reload it or save without baseVersionId to overwrite`,
        {
          currentVersionId: wf.currentVersionId,
        },
      );
    }
    const name = nameIn(wf.kind, p.content) ?? wf.name;
    const saved = api.save({
      path: wf.path,
      name,
      content: p.content,
      kind: wf.kind,
      ...(p.label !== undefined ? { label: p.label } : {}),
    });
    return { version: saved.version, created: saved.created, diagnostics: this.diagnostics(p.content, wf) };
  }

  rename(id: number, name: string): Result<'workflows.rename'> {
    const api = this.api();
    const wf = api.get(id);
    let version: VersionSummary | null = null;
    const content = this.current(wf).content;
    const renamed = withName(wf.kind, content, name);
    if (renamed !== content) version = api.save({ path: wf.path, name, content: renamed, kind: wf.kind }).version;
    return { workflow: api.rename(id, name), version };
  }

  duplicate(id: number, name: string | undefined): Opened {
    const wf = this.api().get(id);
    const newName = name ?? `${wf.name} copy`;
    const opened = this.add(wf.kind, newName, withName(wf.kind, this.current(wf).content, newName));
    return opened;
  }

  remove(id: number): Result<'workflows.delete'> {
    return { workflow: this.api().remove(id) };
  }

  undelete(id: number): Result<'workflows.undelete'> {
    return { workflow: this.api().undelete(id) };
  }

  history(id: number): Result<'workflows.history'> {
    return { versions: this.api().versions(id).reverse() };
  }

  version(versionId: number): Result<'workflows.version'> {
    const { content, ...version } = this.api().version(versionId);
    return { version, content };
  }

  diff(fromVersionId: number, toVersionId: number | undefined): Result<'workflows.diff'> {
    const api = this.api();
    const from = api.version(fromVersionId);
    const wf = api.get(from.workflowId);
    const toId = toVersionId ?? wf.currentVersionId;
    if (toId === null) throw new ProtocolError('not_found', `workflow ${wf.id} has no current version`);
    const to = api.version(toId);
    const diagnostics: Diagnostic[] = [];
    let structural: WorkflowDiff | null = null;
    if (wf.kind === 'workflow') {
      const a = this.load(from, diagnostics);
      const b = this.load(to, diagnostics);
      if (a !== undefined && b !== undefined) structural = diffWorkflows(a, b);
    }
    const hunks = textDiff(from.content, to.content);
    const { content: _a, ...fromSummary } = from;
    const { content: _b, ...toSummary } = to;
    return { from: fromSummary, to: toSummary, structural, text: hunks === undefined ? null : { hunks }, diagnostics };
  }

  restore(versionId: number): Result<'workflows.restore'> {
    const api = this.api();
    const version = api.restore(versionId);
    const { content } = api.version(version.id);
    const wf = api.get(version.workflowId);
    // The document's name follows the restored text's `name:`.
    const name = nameIn(wf.kind, content);
    if (name !== undefined && name !== wf.name) api.rename(wf.id, name);
    return { version, content };
  }

  import(p: Params<'workflows.import'>): Result<'workflows.import'> {
    const imported = importDocument(p);
    if (!imported.ok) return { ok: false, diagnostics: imported.diagnostics.map(toWire) };
    const opened = this.add(imported.kind, imported.name, imported.content);
    // YAML is stored as given (its diagnostics are the opened ones); CSPm keeps the warnings of its conversion too.
    const extra = p.format === 'cspm' && p.as === 'workflow' ? imported.diagnostics.map(toWire) : [];
    return { ok: true, ...opened, diagnostics: [...extra, ...opened.diagnostics] };
  }

  export(p: Params<'workflows.export'>): Result<'workflows.export'> {
    if (p.text !== undefined)
      return exportDocument(
        { kind: 'workflow', name: nameIn('workflow', p.text) ?? 'workflow', file: 'workflow.yaml', content: p.text },
        p.format,
      );
    const api = this.api();
    const version = p.versionId !== undefined ? api.version(p.versionId) : undefined;
    const wf = api.get(version?.workflowId ?? (p.id as number));
    const content = version?.content ?? this.current(wf).content;
    return exportDocument(
      { kind: wf.kind, name: nameIn(wf.kind, content) ?? wf.name, file: documentFile(wf), content },
      p.format,
    );
  }

  examples(): Result<'workflows.examples'> {
    return {
      examples: listExamples(this.examplesDir).map(({ file, name, description }) => ({ file, name, description })),
    };
  }

  validate(p: Params<'workflows.validate'>): Result<'workflows.validate'> {
    const file = p.name ?? (p.kind === 'cspm' ? 'script.csp' : 'workflow.yaml');
    const diagnostics = validateSource(p.text, p.kind, file).map(toWire);
    return { ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics };
  }

  private api(): Store['workflows'] {
    return this.store().workflows;
  }

  /**
   * `name`, or `name 2`, `name 3`… when a workflow that is not deleted has it already. Opening an
   * example twice, or New twice, made two rows of the same name in the Workflows list that
   * nobody could tell apart (nor their runs). A name the caller gives is kept as given.
   */
  private unusedName(name: string): string {
    const taken = new Set(
      this.api()
        .list({ search: name })
        .map((w) => w.name.toLowerCase()),
    );
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name} ${n}`;
    return candidate;
  }

  /** Stores a new document under a fresh path and marks it opened. */
  private add(kind: DocumentKind, name: string, content: string): Opened {
    const api = this.api();
    const saved = api.save({ path: this.newPath(), name, content, kind });
    api.markOpened(saved.workflowId);
    return this.opened(api.get(saved.workflowId));
  }

  private opened(wf: WorkflowSummary): Opened {
    const { content, version } = this.current(wf);
    return { workflow: wf, content, version, diagnostics: this.diagnostics(content, wf) };
  }

  private current(wf: WorkflowSummary): { content: string; version: VersionSummary | null } {
    if (wf.currentVersionId === null) return { content: '', version: null };
    const { content, ...version } = this.api().version(wf.currentVersionId);
    return { content, version };
  }

  private diagnostics(content: string, wf: WorkflowSummary): Diagnostic[] {
    return validateSource(content, wf.kind, documentFile(wf)).map(toWire);
  }

  /** A stored version's workflow, or its load errors (named after the version) into `into`. */
  private load(v: Version, into: Diagnostic[]): ReturnType<typeof loadWorkflowYaml>['workflow'] {
    const loaded = loadWorkflowYaml(v.content);
    if (loaded.ok && loaded.workflow !== undefined) return loaded.workflow;
    const file = `version ${v.number}`;
    for (const d of loaded.diagnostics) if (d.severity === 'error') into.push(toWire(fromWorkflow(d, file, v.content)));
    return undefined;
  }
}
