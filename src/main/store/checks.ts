/**
 * Check results with their counterexamples, linked to the workflow version they ran on
 * (or to a plain file when the checked script is not a stored workflow).
 */
import type { Database as Db } from 'better-sqlite3';
import type { AuditLedger } from './audit/ledger';
import { badInput, notFound } from './errors';

export const CHECK_VERDICTS = ['passed', 'failed', 'error', 'cancelled'] as const;
export type CheckVerdict = (typeof CHECK_VERDICTS)[number];

export interface CheckResultInput {
  readonly workflowVersionId?: number | null;
  readonly source?: string | null;
  readonly assertion: string;
  readonly verdict: CheckVerdict;
  /** The counterexample as the checker reports it (trace, refusals, source-mapped names). */
  readonly counterexample?: unknown;
  readonly assumptions?: readonly string[];
  readonly stats?: unknown;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly actor?: string;
}

export interface CheckResult {
  readonly id: number;
  readonly workflowId: number | null;
  readonly workflowVersionId: number | null;
  readonly source: string | null;
  readonly assertion: string;
  readonly verdict: CheckVerdict;
  readonly counterexample: unknown;
  readonly assumptions: string[];
  readonly stats: unknown;
  readonly startedAt: number;
  readonly endedAt: number;
}

interface Row {
  id: number;
  workflow_id: number | null;
  workflow_version_id: number | null;
  source: string | null;
  assertion: string;
  verdict: CheckVerdict;
  counterexample: string | null;
  assumptions: string | null;
  stats: string | null;
  started_at: number;
  ended_at: number;
}

function toResult(r: Row): CheckResult {
  return {
    id: r.id,
    workflowId: r.workflow_id,
    workflowVersionId: r.workflow_version_id,
    source: r.source,
    assertion: r.assertion,
    verdict: r.verdict,
    counterexample: r.counterexample === null ? null : (JSON.parse(r.counterexample) as unknown),
    assumptions: r.assumptions === null ? [] : (JSON.parse(r.assumptions) as string[]),
    stats: r.stats === null ? null : (JSON.parse(r.stats) as unknown),
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}

export class ChecksApi {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLedger,
  ) {}

  record(input: CheckResultInput): CheckResult {
    if (!CHECK_VERDICTS.includes(input.verdict))
      throw badInput(`check verdict must be one of ${CHECK_VERDICTS.join(', ')}, got ${JSON.stringify(input.verdict)}`);
    if (!input.assertion.trim()) throw badInput('check assertion text is empty');
    if (input.workflowVersionId == null && !input.source)
      throw badInput('a check result needs a workflow version or a source file');
    return this.db
      .transaction((): CheckResult => {
        let workflowId: number | null = null;
        if (input.workflowVersionId != null) {
          const wf = this.db
            .prepare('SELECT workflow_id FROM workflow_versions WHERE id = ?')
            .pluck()
            .get(input.workflowVersionId) as number | undefined;
          if (wf === undefined) throw notFound(`workflow version ${input.workflowVersionId}`);
          workflowId = wf;
        }
        const id = Number(
          this.db
            .prepare(
              'INSERT INTO check_results (workflow_id, workflow_version_id, source, assertion, verdict, counterexample, assumptions, stats, started_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
            )
            .run(
              workflowId,
              input.workflowVersionId ?? null,
              input.source ?? null,
              input.assertion,
              input.verdict,
              input.counterexample === undefined ? null : JSON.stringify(input.counterexample),
              JSON.stringify(input.assumptions ?? []),
              input.stats === undefined ? null : JSON.stringify(input.stats),
              input.startedAt,
              input.endedAt,
            ).lastInsertRowid,
        );
        this.audit.append({
          actor: input.actor,
          action: 'check.run',
          subject: `check:${id}`,
          details: {
            workflowVersionId: input.workflowVersionId ?? null,
            source: input.source ?? null,
            assertion: input.assertion,
            verdict: input.verdict,
          },
        });
        return this.get(id);
      })
      .immediate();
  }

  get(id: number): CheckResult {
    const row = this.db.prepare('SELECT * FROM check_results WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw notFound(`check result ${id}`);
    return toResult(row);
  }

  /** Results for one workflow version, newest first. */
  forVersion(workflowVersionId: number): CheckResult[] {
    return (
      this.db
        .prepare('SELECT * FROM check_results WHERE workflow_version_id = ? ORDER BY id DESC')
        .all(workflowVersionId) as Row[]
    ).map(toResult);
  }

  /** Results for every version of a workflow, newest first. */
  forWorkflow(workflowId: number, limit = 100): CheckResult[] {
    return (
      this.db
        .prepare('SELECT * FROM check_results WHERE workflow_id = ? ORDER BY id DESC LIMIT ?')
        .all(workflowId, limit) as Row[]
    ).map(toResult);
  }
}
