/**
 * Workflows and their history. A workflow is keyed by its path; every save whose
 * content differs from the current version becomes a new numbered version (keyed by
 * content hash too); versions can be named and restored. Each save appends an audit
 * entry in the same IMMEDIATE transaction, so the two commit together or not at all.
 */
import { createHash } from 'node:crypto';
import type { Database as Db } from 'better-sqlite3';
import { diffWorkflows, loadWorkflowYaml } from '../../engine/workflow';
import type { WorkflowDiff } from '../../engine/workflow';
import type { AuditLedger } from './audit/ledger';
import { badInput, notFound } from './errors';

/** What a stored document holds: a workflow (YAML) or a CSPm script kept as written. */
export type DocumentKind = 'workflow' | 'cspm';

export interface WorkflowSummary {
  readonly id: number;
  readonly path: string;
  readonly name: string;
  readonly kind: DocumentKind;
  readonly currentVersionId: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When the studio last opened it; null if never. */
  readonly openedAt: number | null;
  /** Set while it is deleted (it can be undeleted); null otherwise. */
  readonly deletedAt: number | null;
}

export interface ListOptions {
  /** Case-insensitive substring of the name. */
  readonly search?: string;
  /** 'recent': last opened or saved first (default); 'name': alphabetical. */
  readonly order?: 'recent' | 'name';
  readonly includeDeleted?: boolean;
  readonly limit?: number;
}

export interface VersionSummary {
  readonly id: number;
  readonly workflowId: number;
  readonly number: number;
  readonly contentHash: string;
  readonly savedAt: number;
  readonly label: string | null;
  readonly restoredFrom: number | null;
}

export interface Version extends VersionSummary {
  readonly content: string;
}

export interface SaveResult {
  readonly workflowId: number;
  readonly version: VersionSummary;
  /** False when the content equals the current version (nothing new was stored). */
  readonly created: boolean;
}

const VERSION_COLUMNS =
  'id, workflow_id AS workflowId, number, content_hash AS contentHash, saved_at AS savedAt, label, restored_from AS restoredFrom';
const WORKFLOW_COLUMNS =
  'id, path, name, kind, current_version_id AS currentVersionId, created_at AS createdAt, updated_at AS updatedAt, opened_at AS openedAt, deleted_at AS deletedAt';
/** "Recent" order: the later of last opened and last saved. */
const RECENT = 'max(coalesce(opened_at, 0), updated_at)';

export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export class WorkflowsApi {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLedger,
    private readonly now: () => number,
  ) {}

  list(options: ListOptions = {}): WorkflowSummary[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (options.includeDeleted !== true) where.push('deleted_at IS NULL');
    if (options.search !== undefined && options.search.trim() !== '') {
      // instr on lower() rather than LIKE, so % and _ in the search are plain characters.
      where.push('instr(lower(name), lower(?)) > 0');
      args.push(options.search.trim());
    }
    const order = options.order === 'name' ? 'name COLLATE NOCASE, id' : `${RECENT} DESC, id DESC`;
    const sql = `SELECT ${WORKFLOW_COLUMNS} FROM workflows ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
    return this.db.prepare(sql).all(...args, options.limit ?? -1) as WorkflowSummary[];
  }

  get(ref: number | string): WorkflowSummary {
    const row = (
      typeof ref === 'number'
        ? this.db.prepare(`SELECT ${WORKFLOW_COLUMNS} FROM workflows WHERE id = ?`).get(ref)
        : this.db.prepare(`SELECT ${WORKFLOW_COLUMNS} FROM workflows WHERE path = ?`).get(ref)
    ) as WorkflowSummary | undefined;
    if (!row) throw notFound(`workflow ${JSON.stringify(ref)}`);
    return row;
  }

  /** Saves `content` as the workflow at `path`, creating the workflow on first save. */
  save(input: {
    path: string;
    name: string;
    content: string;
    label?: string;
    actor?: string;
    kind?: DocumentKind;
  }): SaveResult {
    if (!input.path.trim()) throw badInput('workflow path is empty');
    if (input.label !== undefined && !input.label.trim()) throw badInput('version label is empty');
    return this.db
      .transaction((): SaveResult => {
        const at = this.now();
        const hash = contentHash(input.content);
        let wf = this.db
          .prepare('SELECT id, current_version_id AS current FROM workflows WHERE path = ?')
          .get(input.path) as { id: number; current: number | null } | undefined;
        if (!wf) {
          const id = Number(
            this.db
              .prepare('INSERT INTO workflows (path, name, kind, created_at, updated_at) VALUES (?,?,?,?,?)')
              .run(input.path, input.name, input.kind ?? 'workflow', at, at).lastInsertRowid,
          );
          wf = { id, current: null };
        }
        if (wf.current !== null) {
          const current = this.version(wf.current);
          if (current.contentHash === hash) {
            if (input.label !== undefined) this.nameVersion(current.id, input.label, input.actor);
            return { workflowId: wf.id, version: this.versionSummary(current.id), created: false };
          }
        }
        if (input.label !== undefined) {
          const clash = this.db
            .prepare('SELECT number FROM workflow_versions WHERE workflow_id = ? AND label = ?')
            .pluck()
            .get(wf.id, input.label) as number | undefined;
          if (clash !== undefined) throw badInput(`version name "${input.label}" is already used by version ${clash}`);
        }
        const versionId = this.insertVersion(wf.id, input.content, hash, at, input.label ?? null, null);
        this.db
          .prepare('UPDATE workflows SET current_version_id = ?, name = ?, updated_at = ? WHERE id = ?')
          .run(versionId, input.name, at, wf.id);
        const version = this.versionSummary(versionId);
        this.audit.append({
          actor: input.actor,
          action: 'workflow.saved',
          subject: `workflow:${wf.id}`,
          details: { path: input.path, version: version.number, contentHash: hash },
        });
        return { workflowId: wf.id, version, created: true };
      })
      .immediate();
  }

  /** Renames the document (the caller saves a workflow's new `name:` as a version first). */
  rename(workflowId: number, name: string, actor?: string): WorkflowSummary {
    if (!name.trim()) throw badInput('workflow name is empty');
    return this.db
      .transaction(() => {
        const before = this.get(workflowId);
        this.db.prepare('UPDATE workflows SET name = ?, updated_at = ? WHERE id = ?').run(name, this.now(), workflowId);
        this.audit.append({
          actor,
          action: 'workflow.renamed',
          subject: `workflow:${workflowId}`,
          details: { from: before.name, to: name },
        });
        return this.get(workflowId);
      })
      .immediate();
  }

  /** Soft delete: lists leave it out until `undelete`; versions are kept. */
  remove(workflowId: number, actor?: string): WorkflowSummary {
    return this.setDeleted(workflowId, this.now(), 'workflow.deleted', actor);
  }

  undelete(workflowId: number, actor?: string): WorkflowSummary {
    return this.setDeleted(workflowId, null, 'workflow.undeleted', actor);
  }

  /** Records that the studio opened it (for "recent"); not audited, it changes nothing the user made. */
  markOpened(workflowId: number): void {
    this.get(workflowId);
    this.db.prepare('UPDATE workflows SET opened_at = ? WHERE id = ?').run(this.now(), workflowId);
  }

  private setDeleted(workflowId: number, at: number | null, action: string, actor?: string): WorkflowSummary {
    return this.db
      .transaction(() => {
        const wf = this.get(workflowId);
        this.db.prepare('UPDATE workflows SET deleted_at = ? WHERE id = ?').run(at, workflowId);
        this.audit.append({
          actor,
          action,
          subject: `workflow:${workflowId}`,
          details: { path: wf.path, name: wf.name },
        });
        return this.get(workflowId);
      })
      .immediate();
  }

  versions(workflowId: number): VersionSummary[] {
    this.get(workflowId);
    return this.db
      .prepare(`SELECT ${VERSION_COLUMNS} FROM workflow_versions WHERE workflow_id = ? ORDER BY number`)
      .all(workflowId) as VersionSummary[];
  }

  version(versionId: number): Version {
    const row = this.db
      .prepare(`SELECT ${VERSION_COLUMNS}, content FROM workflow_versions WHERE id = ?`)
      .get(versionId) as Version | undefined;
    if (!row) throw notFound(`workflow version ${versionId}`);
    return row;
  }

  /** Finds a version by its content hash (the file on disk may equal an old version). */
  findByHash(workflowId: number, hash: string): VersionSummary | undefined {
    return this.db
      .prepare(
        `SELECT ${VERSION_COLUMNS} FROM workflow_versions WHERE workflow_id = ? AND content_hash = ? ORDER BY number DESC LIMIT 1`,
      )
      .get(workflowId, hash) as VersionSummary | undefined;
  }

  /** Names a version; a name is unique per workflow. */
  nameVersion(versionId: number, label: string, actor?: string): VersionSummary {
    if (!label.trim()) throw badInput('version label is empty');
    return this.db
      .transaction(() => {
        const v = this.versionSummary(versionId);
        const clash = this.db
          .prepare('SELECT number FROM workflow_versions WHERE workflow_id = ? AND label = ? AND id <> ?')
          .get(v.workflowId, label, versionId) as { number: number } | undefined;
        if (clash) throw badInput(`version name "${label}" is already used by version ${clash.number}`);
        this.db.prepare('UPDATE workflow_versions SET label = ? WHERE id = ?').run(label, versionId);
        this.audit.append({
          actor,
          action: 'workflow.version-named',
          subject: `workflow:${v.workflowId}`,
          details: { version: v.number, label },
        });
        return this.versionSummary(versionId);
      })
      .immediate();
  }

  /** Makes an old version current again, as a new version (history is never rewritten). */
  restore(versionId: number, actor?: string): VersionSummary {
    return this.db
      .transaction(() => {
        const old = this.version(versionId);
        const at = this.now();
        const id = this.insertVersion(old.workflowId, old.content, old.contentHash, at, null, old.id);
        this.db
          .prepare('UPDATE workflows SET current_version_id = ?, updated_at = ? WHERE id = ?')
          .run(id, at, old.workflowId);
        const v = this.versionSummary(id);
        this.audit.append({
          actor,
          action: 'workflow.restored',
          subject: `workflow:${old.workflowId}`,
          details: { fromVersion: old.number, newVersion: v.number, contentHash: old.contentHash },
        });
        return v;
      })
      .immediate();
  }

  /**
   * Structural diff between two stored versions (the workflow model's diffWorkflows:
   * nodes/edges added, removed, changed, moved only). A version that no longer loads
   * (e.g. saved by a newer app) is reported with its first diagnostic.
   */
  diff(fromVersionId: number, toVersionId: number): WorkflowDiff {
    const load = (id: number) => {
      const v = this.version(id);
      const result = loadWorkflowYaml(v.content);
      if (!result.ok || !result.workflow) {
        const d = result.diagnostics[0];
        throw badInput(`workflow version ${v.number} (id ${id}) does not load: ${d ? d.message : 'unknown error'}`);
      }
      return result.workflow;
    };
    return diffWorkflows(load(fromVersionId), load(toVersionId));
  }

  private versionSummary(versionId: number): VersionSummary {
    const row = this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM workflow_versions WHERE id = ?`).get(versionId) as
      VersionSummary | undefined;
    if (!row) throw notFound(`workflow version ${versionId}`);
    return row;
  }

  private insertVersion(
    workflowId: number,
    content: string,
    hash: string,
    at: number,
    label: string | null,
    restoredFrom: number | null,
  ): number {
    const next =
      (this.db
        .prepare('SELECT coalesce(max(number), 0) + 1 FROM workflow_versions WHERE workflow_id = ?')
        .pluck()
        .get(workflowId) as number) ?? 1;
    return Number(
      this.db
        .prepare(
          'INSERT INTO workflow_versions (workflow_id, number, content_hash, content, saved_at, label, restored_from) VALUES (?,?,?,?,?,?,?)',
        )
        .run(workflowId, next, hash, content, at, label, restoredFrom).lastInsertRowid,
    );
  }
}
