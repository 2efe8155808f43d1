/**
 * Applying a monthly project ledger (importers/project-ledger.ts) to the store, all or nothing:
 * inside one transaction every row is checked first — the project belongs to the plan and to the
 * importer's unit, the month is not locked by an approved report, the report may move to its new
 * status — and any problem refuses the whole ledger with the cells named. Only then is every row
 * written as a monthly report through saveReport (and, for the office that keeps the ledger,
 * approved through transitionReport), so a bad row stores nothing and a failure halfway through
 * rolls everything back.
 */
import type { Kysely } from 'kysely';
import { nextStatus, VALUE_STATUS, WorkflowError, type ValueStatus } from '../core/workflow.js';
import type { LedgerRow } from '../importers/project-ledger.js';
import { ImportError, MAX_ISSUES, type ImportIssue } from '../importers/sheet-reader.js';
import { saveReport, transitionReport } from './projects.js';
import type { Database } from './schema.js';
import type { Actor, Db } from './util.js';

export interface LedgerApplyOptions {
  /** Check everything and report what would change, writing nothing. */
  dryRun: boolean;
  /** Reports are submitted for review (else saved as drafts). */
  submit: boolean;
  /** Submitted reports are approved at once (the statistics/DRC office's own ledger); needs `submit`. */
  approve?: boolean;
  /** Projects the importer may report on (a reporter's unit); undefined means all of the plan's. */
  allowedProjects?: ReadonlySet<string>;
  /** The file's name, as issues name it. */
  file?: string;
}

export interface LedgerSummary {
  dryRun: boolean;
  /** The status the reports land in. */
  status: ValueStatus;
  rows: number;
  /** Distinct projects. */
  projects: number;
  /** Distinct months, in order. */
  months: string[];
  /** Reports created. */
  added: number;
  /** Existing draft or returned reports overwritten. */
  changed: number;
  /** Coordination issues raised (a problem already open for the project, or repeated in a later month, is not raised again). */
  issues: number;
  /** Investment of all rows, 亿元. */
  investment: number;
  preview: {
    projectId: string;
    projectName: string;
    period: string;
    investment: number;
    action: 'add' | 'change';
    before: number | null;
    cell: string;
  }[];
}

const PREVIEW = 200;

/** A problem listed month after month while unresolved is one coordination issue, opened in its first month. */
const issueKey = (projectId: string, title: string): string => `${projectId}\u0000${title.normalize('NFKC').replace(/\s+/g, '')}`;
const CHUNK = 500;

function tx<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return 'isTransaction' in db && db.isTransaction ? fn(db) : (db as Kysely<Database>).transaction().execute(fn);
}

export async function applyProjectLedger(
  db: Db,
  actor: Actor,
  planId: string,
  rows: LedgerRow[],
  opts: LedgerApplyOptions,
): Promise<LedgerSummary> {
  const file = opts.file ?? '项目台账';
  const approve = Boolean(opts.approve && opts.submit);
  const action = opts.submit ? 'submit' : 'save';
  return tx(db, async (trx) => {
    const ids = [...new Set(rows.map((r) => r.projectId))];
    const projects = new Map<string, { planId: string; name: string }>();
    const existing = new Map<string, { id: string; status: ValueStatus; investment: number }>();
    const openIssues = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      for (const p of await trx.selectFrom('projects').select(['id', 'plan_id', 'name']).where('id', 'in', chunk).execute())
        projects.set(p.id, { planId: p.plan_id, name: p.name });
      const reports = await trx
        .selectFrom('project_reports')
        .select(['id', 'project_id', 'period', 'status', 'investment'])
        .where('project_id', 'in', chunk)
        .execute();
      for (const r of reports)
        existing.set(`${r.project_id}\u0000${r.period}`, { id: r.id, status: r.status as ValueStatus, investment: r.investment });
      const open = await trx
        .selectFrom('project_issues')
        .select(['project_id', 'title'])
        .where('project_id', 'in', chunk)
        .where('status', '=', 'open')
        .execute();
      for (const i of open) openIssues.add(issueKey(i.project_id, i.title));
    }

    const issues: ImportIssue[] = [];
    const issue = (r: LedgerRow, column: string | undefined, message: string): void => {
      issues.push({
        file,
        ...(r.cell.sheet !== undefined ? { sheet: r.cell.sheet } : {}),
        row: r.cell.row,
        column: column ?? r.cell.column,
        message,
      });
    };
    const summary: LedgerSummary = {
      dryRun: opts.dryRun,
      status: approve ? 'approved' : opts.submit ? 'submitted' : 'draft',
      rows: rows.length,
      projects: ids.length,
      months: [...new Set(rows.map((r) => r.period))].sort(),
      added: 0,
      changed: 0,
      issues: 0,
      investment: 0,
      preview: [],
    };
    const seen = new Set<string>();
    for (const r of rows) {
      const p = projects.get(r.projectId);
      if (!p || p.planId !== planId) {
        issue(r, undefined, `本规划中没有项目「${r.projectName}」（编号${r.projectId}）`);
        continue;
      }
      if (opts.allowedProjects && !opts.allowedProjects.has(r.projectId)) {
        issue(r, undefined, `项目「${p.name}」不由您所在单位负责，不能导入其月度进度`);
        continue;
      }
      const key = `${r.projectId}\u0000${r.period}`;
      if (seen.has(key)) {
        issue(r, r.columns.period, `项目「${p.name}」${r.period}重复`);
        continue;
      }
      seen.add(key);
      const before = existing.get(key);
      if (before?.status === 'approved') {
        issue(r, r.columns.period, `项目「${p.name}」${r.period}的月度进度已审核锁定（${before.investment}亿元），不能由台账覆盖`);
        continue;
      }
      try {
        nextStatus(before?.status ?? 'new', action, false);
      } catch (e) {
        if (!(e instanceof WorkflowError)) throw e;
        const status = before ? `「${VALUE_STATUS[before.status].zh}」` : '';
        issue(r, r.columns.period, `项目「${p.name}」${r.period}的月度进度${status}，${e.message}；请先审核或退回后再导入`);
        continue;
      }
      summary[before ? 'changed' : 'added']++;
      summary.investment += r.investment;
      if (summary.preview.length < PREVIEW)
        summary.preview.push({
          projectId: r.projectId,
          projectName: p.name,
          period: r.period,
          investment: r.investment,
          action: before ? 'change' : 'add',
          before: before?.investment ?? null,
          cell: `${r.cell.sheet !== undefined ? `${r.cell.sheet}!` : ''}${r.cell.column}${r.cell.row}`,
        });
    }
    summary.investment = Number(summary.investment.toPrecision(12));
    if (issues.length) throw new ImportError(issues.slice(0, MAX_ISSUES), Math.max(0, issues.length - MAX_ISSUES));

    // Month by month, so that approval applies each project's stages and milestones in order, and
    // a problem repeated in later months stays the issue its first month opened.
    const ordered = [...rows].sort((a, b) => a.period.localeCompare(b.period) || a.cell.row - b.cell.row);
    const raises = new Set<LedgerRow>();
    for (const r of ordered) {
      if (!r.issue) continue;
      const k = issueKey(r.projectId, r.issue.title);
      if (openIssues.has(k)) continue;
      openIssues.add(k);
      raises.add(r);
    }
    summary.issues = raises.size;
    if (opts.dryRun) return summary;

    for (const r of ordered) {
      const report = await saveReport(
        trx,
        actor,
        r.projectId,
        {
          period: r.period,
          investment: r.investment,
          stage: r.stage,
          milestonesDone: r.milestonesDone,
          note: r.note,
          issues: r.issue && raises.has(r) ? [r.issue] : [],
        },
        action,
      );
      if (approve) await transitionReport(trx, actor, report.id, 'approve');
    }
    return summary;
  });
}
