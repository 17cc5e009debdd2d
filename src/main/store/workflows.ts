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

export interface WorkflowSummary {
  readonly id: number;
  readonly path: string;
  readonly name: string;
  readonly currentVersionId: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
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
  'id, path, name, current_version_id AS currentVersionId, created_at AS createdAt, updated_at AS updatedAt';

export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex');
}

export class WorkflowsApi {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLedger,
    private readonly now: () => number,
  ) {}

  list(): WorkflowSummary[] {
    return this.db.prepare(`SELECT ${WORKFLOW_COLUMNS} FROM workflows ORDER BY updated_at DESC, id DESC`).all() as WorkflowSummary[];
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
  save(input: { path: string; name: string; content: string; label?: string; actor?: string }): SaveResult {
    if (!input.path.trim()) throw badInput('workflow path is empty');
    if (input.label !== undefined && !input.label.trim()) throw badInput('version label is empty');
    return this.db
      .transaction((): SaveResult => {
        const at = this.now();
        const hash = contentHash(input.content);
        let wf = this.db.prepare('SELECT id, current_version_id AS current FROM workflows WHERE path = ?').get(input.path) as
          | { id: number; current: number | null }
          | undefined;
        if (!wf) {
          const id = Number(
            this.db.prepare('INSERT INTO workflows (path, name, created_at, updated_at) VALUES (?,?,?,?)').run(input.path, input.name, at, at)
              .lastInsertRowid,
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
          const clash = this.db.prepare('SELECT number FROM workflow_versions WHERE workflow_id = ? AND label = ?').pluck().get(wf.id, input.label) as
            | number
            | undefined;
          if (clash !== undefined) throw badInput(`version name "${input.label}" is already used by version ${clash}`);
        }
        const versionId = this.insertVersion(wf.id, input.content, hash, at, input.label ?? null, null);
        this.db.prepare('UPDATE workflows SET current_version_id = ?, name = ?, updated_at = ? WHERE id = ?').run(versionId, input.name, at, wf.id);
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

  versions(workflowId: number): VersionSummary[] {
    this.get(workflowId);
    return this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM workflow_versions WHERE workflow_id = ? ORDER BY number`).all(workflowId) as VersionSummary[];
  }

  version(versionId: number): Version {
    const row = this.db.prepare(`SELECT ${VERSION_COLUMNS}, content FROM workflow_versions WHERE id = ?`).get(versionId) as Version | undefined;
    if (!row) throw notFound(`workflow version ${versionId}`);
    return row;
  }

  /** Finds a version by its content hash (the file on disk may equal an old version). */
  findByHash(workflowId: number, hash: string): VersionSummary | undefined {
    return this.db
      .prepare(`SELECT ${VERSION_COLUMNS} FROM workflow_versions WHERE workflow_id = ? AND content_hash = ? ORDER BY number DESC LIMIT 1`)
      .get(workflowId, hash) as VersionSummary | undefined;
  }

  /** Names a version; a name is unique per workflow. */
  nameVersion(versionId: number, label: string, actor?: string): VersionSummary {
    if (!label.trim()) throw badInput('version label is empty');
    return this.db
      .transaction(() => {
        const v = this.versionSummary(versionId);
        const clash = this.db.prepare('SELECT number FROM workflow_versions WHERE workflow_id = ? AND label = ? AND id <> ?').get(v.workflowId, label, versionId) as
          | { number: number }
          | undefined;
        if (clash) throw badInput(`version name "${label}" is already used by version ${clash.number}`);
        this.db.prepare('UPDATE workflow_versions SET label = ? WHERE id = ?').run(label, versionId);
        this.audit.append({ actor, action: 'workflow.version-named', subject: `workflow:${v.workflowId}`, details: { version: v.number, label } });
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
        this.db.prepare('UPDATE workflows SET current_version_id = ?, updated_at = ? WHERE id = ?').run(id, at, old.workflowId);
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
    const row = this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM workflow_versions WHERE id = ?`).get(versionId) as VersionSummary | undefined;
    if (!row) throw notFound(`workflow version ${versionId}`);
    return row;
  }

  private insertVersion(workflowId: number, content: string, hash: string, at: number, label: string | null, restoredFrom: number | null): number {
    const next = (this.db.prepare('SELECT coalesce(max(number), 0) + 1 FROM workflow_versions WHERE workflow_id = ?').pluck().get(workflowId) as number) ?? 1;
    return Number(
      this.db
        .prepare('INSERT INTO workflow_versions (workflow_id, number, content_hash, content, saved_at, label, restored_from) VALUES (?,?,?,?,?,?,?)')
        .run(workflowId, next, hash, content, at, label, restoredFrom).lastInsertRowid,
    );
  }
}
