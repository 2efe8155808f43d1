/**
 * Applying a monthly project ledger (importers/project-ledger.ts) to the store, all or nothing:
 * inside one transaction every row is checked first — the project belongs to the plan and to the
 * importer's unit, the month is not locked by an approved report, the report may move to its new
 * status — and any problem refuses the whole ledger with the cells named. Only then is every row
 * written as a monthly report through saveReport (and, for the office that keeps the ledger,
 * approved through transitionReport), so a bad row stores nothing and a failure halfway through
 * rolls everything back. The ledger's projects are locked first, so a second import of the same
 * months waits for the first and is then refused row by row (those months are locked now), and a
 * write that still loses a race is a conflict to retry, never a half-written ledger.
 */
import type { Kysely } from 'kysely';
import { checkReportedStage, type Stage, type StagedMonth } from '../core/projects.js';
import { nextStatus, VALUE_STATUS, WorkflowError, type ValueStatus } from '../core/workflow.js';
import type { LedgerRow } from '../importers/project-ledger.js';
import { refuseDemoFile } from './demo-guard.js';
import { ImportError, MAX_ISSUES, type ImportIssue } from '../importers/sheet/index.js';
import { lockProjects, ProjectError, saveReport, transitionReport } from './projects.js';
import type { Database } from './schema.js';
import { isWriteConflict, type Actor, type Db } from './util.js';

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
  /** Rows written so far, of all, while writing. */
  onProgress?: (done: number, total: number) => void;
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
  try {
    return await apply(db, actor, planId, rows, opts);
  } catch (e) {
    if (!isWriteConflict(e)) throw e;
    throw new ProjectError(
      'conflict',
      '另一份台账或月度报告正在同时写入相同项目的月份，本次导入未写入任何数据；请稍后先预览再重新导入，预览会指出哪些月份已由对方写入',
    );
  }
}

async function apply(db: Db, actor: Actor, planId: string, rows: LedgerRow[], opts: LedgerApplyOptions): Promise<LedgerSummary> {
  const file = opts.file ?? '项目台账';
  await refuseDemoFile(db, file, rows.find((r) => r.demo)?.demo);
  const approve = Boolean(opts.approve && opts.submit);
  const action = opts.submit ? 'submit' : 'save';
  return tx(db, async (trx) => {
    const ids = [...new Set(rows.map((r) => r.projectId))];
    // A preview writes nothing and may be a moment stale: it waits for no one.
    if (!opts.dryRun) await lockProjects(trx, ids);
    const projects = new Map<string, { planId: string; name: string; stage: Stage }>();
    const existing = new Map<string, { id: string; status: ValueStatus; investment: number }>();
    const staged = new Map<string, StagedMonth[]>();
    const openIssues = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      for (const p of await trx.selectFrom('projects').select(['id', 'plan_id', 'name', 'stage']).where('id', 'in', chunk).execute())
        projects.set(p.id, { planId: p.plan_id, name: p.name, stage: p.stage as Stage });
      const reports = await trx
        .selectFrom('project_reports')
        .select(['id', 'project_id', 'period', 'status', 'investment', 'stage'])
        .where('project_id', 'in', chunk)
        .execute();
      for (const r of reports) {
        existing.set(`${r.project_id}\u0000${r.period}`, { id: r.id, status: r.status as ValueStatus, investment: r.investment });
        if (r.status === 'approved' && r.stage)
          staged.set(r.project_id, [...(staged.get(r.project_id) ?? []), { period: r.period, stage: r.stage as Stage }]);
      }
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
    const accepted: LedgerRow[] = [];
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
      accepted.push(r);
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

    // Month by month, so that approval applies each project's stages and milestones in order, and
    // a problem repeated in later months stays the issue its first month opened.
    const ordered = [...rows].sort((a, b) => a.period.localeCompare(b.period) || a.cell.row - b.cell.row);
    // Drafts are checked when they are submitted.
    if (opts.submit) for (const s of stageProblems(accepted, projects, staged, approve)) issue(s.row, s.row.columns.stage, s.message);
    if (issues.length) throw new ImportError(issues.slice(0, MAX_ISSUES), Math.max(0, issues.length - MAX_ISSUES));

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

    let written = 0;
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
      opts.onProgress?.(++written, ordered.length);
    }
    return summary;
  });
}

/**
 * The rows whose stage would move a project's lifecycle backwards (see checkReportedStage), found
 * before anything is written so that the cell is named. Rows go in month order, as they are
 * written; an administrator's rows become approved history for the rows after them.
 */
function stageProblems(
  rows: LedgerRow[],
  projects: ReadonlyMap<string, { name: string; stage: Stage }>,
  approvedBefore: ReadonlyMap<string, StagedMonth[]>,
  approve: boolean,
): { row: LedgerRow; message: string }[] {
  const out: { row: LedgerRow; message: string }[] = [];
  const current = new Map<string, Stage>();
  const history = new Map<string, StagedMonth[]>();
  for (const r of [...rows].sort((a, b) => a.period.localeCompare(b.period))) {
    const p = projects.get(r.projectId);
    if (!r.stage || !p) continue;
    const months = history.get(r.projectId) ?? [...(approvedBefore.get(r.projectId) ?? [])];
    const check = checkReportedStage(current.get(r.projectId) ?? p.stage, months, r.period, r.stage);
    if (check.refused) {
      out.push({ row: r, message: `项目「${p.name}」：${check.refused}` });
      continue;
    }
    if (!approve) continue;
    history.set(r.projectId, [...months, { period: r.period, stage: r.stage }]);
    if (check.latest) current.set(r.projectId, r.stage);
  }
  const inFile = new Map(rows.map((r, i) => [r, i]));
  return out.sort((a, b) => inFile.get(a.row)! - inFile.get(b.row)!);
}
