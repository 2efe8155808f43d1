/**
 * Applying an imported spreadsheet to the store, all or nothing: every row is checked first
 * (indicator, permissions, data quality, locked values), any problem refuses the whole file with
 * the cells named, and the writes then happen in one transaction, so a process killed halfway
 * leaves the store exactly as it was.
 */
import type { Kysely } from 'kysely';
import type { Observation, Plan } from '../core/model.js';
import { checkValue } from '../core/quality.js';
import { monitoredTargets } from '../core/targets.js';
import { ImportError, type ImportedValue, type ImportIssue } from '../importers/spreadsheet.js';
import { refuseDemoFile } from './demo-guard.js';
import type { Database, ValueTable } from './schema.js';
import type { BulkWriter } from './sqlite-bulk.js';
import { slicer } from '../core/steps.js';
import { bumpDataVersion, newId, now, sourceColumns, toObservation, type Actor } from './util.js';

export interface ImportOptions {
  file: string;
  /** 'approve': an admin's import lands approved and locked; 'submit': a reporter's awaits review. */
  mode: 'approve' | 'submit';
  /** Indicators the importer may write (a reporter's unit); undefined means all. */
  allowedIndicators?: ReadonlySet<string>;
  /** With a reason, changes to approved values are applied as statistical revisions (口径调整). */
  revisionReason?: string;
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** The store's connection for long writes, when it has one (SQLite): see sqlite-bulk.ts. */
  bulkWriter?: () => Promise<BulkWriter>;
  /** The org unit the file's values are for: a town's own figures; '' or absent for the plan's whole area. */
  forUnitId?: string;
}

export interface ImportSummary {
  file: string;
  dryRun: boolean;
  total: number;
  added: number;
  changed: number;
  unchanged: number;
  revised: number;
  flagged: number;
  indicators: number;
  years: number[];
  preview: {
    indicatorId: string;
    year: number;
    kind: string;
    value: number;
    before: number | null;
    action: 'add' | 'change' | 'unchanged' | 'revise';
    flag?: string;
    cell: string;
  }[];
}

const BATCH = 400;
/** On SQLite's bulk connection each batch holds the event loop while it runs: smaller ones. */
const BULK_BATCH = 100;

const key = (o: { indicatorId: string; year: number; kind: string }): string => `${o.indicatorId}|${o.year}|${o.kind}`;

export async function applyImport(
  db: Kysely<Database>,
  actor: Actor,
  plan: Plan,
  values: ImportedValue[],
  opts: ImportOptions,
): Promise<ImportSummary> {
  const planId = plan.meta.id;
  await refuseDemoFile(db, opts.file, values.find((v) => v.demo)?.demo);
  // Every step of a large import pauses now and then, so the server answers other requests meanwhile.
  const pause = slicer();
  const forUnit = opts.forUnitId ?? '';
  const existingRows: ValueTable[] = [];
  for (let after = ''; ;) {
    const page = await db
      .selectFrom('plan_values')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('for_unit_id', '=', forUnit)
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    existingRows.push(...page);
    if (page.length < 5000) break;
    after = page.at(-1)!.id;
    await pause();
  }
  const existing = new Map(existingRows.map((r) => [key({ indicatorId: r.indicator_id, year: r.year, kind: r.kind }), r]));
  const history = new Map<string, Observation[]>();
  for (const r of existingRows)
    if (r.status === 'approved') history.set(r.indicator_id, [...(history.get(r.indicator_id) ?? []), toObservation(r)]);
  const byId = new Map(monitoredTargets(plan).map((i) => [i.id, i]));

  const issues: ImportIssue[] = [];
  const issue = (v: ImportedValue, message: string): void => {
    issues.push({ file: opts.file, sheet: v.cell.sheet, row: v.cell.row, column: v.cell.column, message });
  };
  const summary: ImportSummary = {
    file: opts.file,
    dryRun: Boolean(opts.dryRun),
    total: values.length,
    added: 0,
    changed: 0,
    unchanged: 0,
    revised: 0,
    flagged: 0,
    indicators: 0,
    years: [],
    preview: [],
  };
  const writes: { v: ImportedValue; before?: ValueTable; action: 'add' | 'change' | 'revise'; flags: string | null }[] = [];

  for (const v of values) {
    await pause();
    const ind = byId.get(v.indicatorId);
    if (!ind) {
      issue(v, `规划中没有指标「${v.indicatorId}」`);
      continue;
    }
    if (opts.allowedIndicators && !opts.allowedIndicators.has(v.indicatorId)) {
      issue(v, `指标「${ind.name}」不属于您所在单位的填报范围`);
      continue;
    }
    const hist = [...(history.get(v.indicatorId) ?? [])];
    if (forUnit === '' && ind.base !== null && !hist.some((h) => h.kind === 'level' && h.year === plan.meta.baseYear))
      hist.push({ indicatorId: ind.id, year: plan.meta.baseYear, kind: 'level', value: ind.base });
    const checks = checkValue(ind, v, hist, plan.settings);
    const errors = checks.filter((c) => c.severity === 'error');
    if (errors.length) {
      issue(v, errors.map((e) => e.message).join('；'));
      continue;
    }
    const flag = checks.find((c) => c.severity === 'flag');
    if (flag && opts.mode === 'submit' && !v.note) {
      issue(v, `${flag.message}（请在「备注」列说明）`);
      continue;
    }
    const before = existing.get(key(v));
    let action: 'add' | 'change' | 'unchanged' | 'revise';
    if (!before) action = 'add';
    else if (
      before.value === v.value &&
      (before.scope ?? undefined) === v.scope &&
      before.status === (opts.mode === 'approve' ? 'approved' : before.status)
    )
      action = 'unchanged';
    else if (before.locked === 1) {
      if (opts.mode === 'approve' && opts.revisionReason) action = 'revise';
      else {
        issue(
          v,
          `该数值（${v.year}年 ${before.value}）已审核锁定；${opts.mode === 'approve' ? '如属统计口径调整，请填写修订原因后以「口径调整」方式导入' : '需管理员解锁后才能修改'}`,
        );
        continue;
      }
    } else action = 'change';
    if (flag) summary.flagged++;
    summary[action === 'add' ? 'added' : action === 'change' ? 'changed' : action === 'revise' ? 'revised' : 'unchanged']++;
    if (summary.preview.length < 200) {
      summary.preview.push({
        indicatorId: v.indicatorId,
        year: v.year,
        kind: v.kind,
        value: v.value,
        before: before?.value ?? null,
        action,
        ...(flag ? { flag: flag.message } : {}),
        cell: `${v.cell.sheet ? `${v.cell.sheet}!` : ''}${v.cell.column}${v.cell.row}`,
      });
    }
    if (action !== 'unchanged') writes.push({ v, before, action, flags: flag ? JSON.stringify([flag]) : null });
  }
  if (issues.length) throw new ImportError(issues.slice(0, 200), Math.max(0, issues.length - 200));
  summary.indicators = new Set(values.map((v) => v.indicatorId)).size;
  summary.years = [...new Set(values.map((v) => v.year))].sort();
  if (opts.dryRun || writes.length === 0) return summary;

  const t = now();
  const approved = opts.mode === 'approve';
  // One transaction, so a reader sees all of the file or none of it; on SQLite it runs on a second
  // connection, which readers do not wait for, and it pauses between batches.
  const writer = opts.bulkWriter ? await opts.bulkWriter() : { db, close: async () => undefined };
  try {
    await writeAll(writer.db);
  } finally {
    await writer.close();
  }
  return summary;

  async function writeAll(target: Kysely<Database>): Promise<void> {
    await target.transaction().execute(async (trx) => {
      const batch = opts.bulkWriter ? BULK_BATCH : BATCH;
      for (let i = 0; i < writes.length; i += batch) {
        await pause();
        const chunk = writes.slice(i, i + batch);
        const rows = chunk.map(({ v, before, action, flags }) => ({
          id: before?.id ?? newId(),
          plan_id: planId,
          indicator_id: v.indicatorId,
          year: v.year,
          kind: v.kind,
          value: v.value,
          bound: v.bound ?? null,
          written: null,
          unit: v.unit ?? null,
          scope: v.scope ?? null,
          // The file's own source column; the file itself is named in the audit trail, it is not a source.
          ...sourceColumns(v.source),
          note: v.note ?? null,
          status: approved ? 'approved' : 'submitted',
          locked: approved ? 1 : 0,
          origin: 'import',
          reporter_unit_id: actor.unitId,
          submitted_by: actor.username,
          submitted_at: t,
          reviewed_by: approved ? actor.username : null,
          reviewed_at: approved ? t : null,
          return_reason: null,
          explanation: v.note ?? null,
          flags,
          revision: (before?.revision ?? 0) + (action === 'revise' ? 1 : 0),
          demo: v.demo ? 1 : 0,
          for_unit_id: forUnit,
          created_at: before?.created_at ?? t,
          updated_at: t,
        }));
        await trx
          .insertInto('plan_values')
          .values(rows)
          .onConflict((oc) =>
            oc.columns(['plan_id', 'indicator_id', 'year', 'kind', 'for_unit_id']).doUpdateSet((eb) => ({
              value: eb.ref('excluded.value'),
              bound: eb.ref('excluded.bound'),
              unit: eb.ref('excluded.unit'),
              scope: eb.ref('excluded.scope'),
              source_title: eb.ref('excluded.source_title'),
              source_url: eb.ref('excluded.source_url'),
              quote: eb.ref('excluded.quote'),
              source_secondary: eb.ref('excluded.source_secondary'),
              source_original: eb.ref('excluded.source_original'),
              note: eb.ref('excluded.note'),
              status: eb.ref('excluded.status'),
              locked: eb.ref('excluded.locked'),
              origin: eb.ref('excluded.origin'),
              submitted_by: eb.ref('excluded.submitted_by'),
              submitted_at: eb.ref('excluded.submitted_at'),
              reviewed_by: eb.ref('excluded.reviewed_by'),
              reviewed_at: eb.ref('excluded.reviewed_at'),
              return_reason: eb.ref('excluded.return_reason'),
              explanation: eb.ref('excluded.explanation'),
              flags: eb.ref('excluded.flags'),
              revision: eb.ref('excluded.revision'),
              updated_at: eb.ref('excluded.updated_at'),
            })),
          )
          .execute();
        await trx
          .insertInto('audit_log')
          .values(
            chunk.map(({ v, before, action }, k) => ({
              at: t,
              user_id: actor.id,
              username: actor.username,
              action: action === 'revise' ? 'value.revise' : approved ? 'value.import' : 'value.submit',
              entity: 'value',
              entity_id: rows[k]!.id,
              plan_id: planId,
              indicator_id: v.indicatorId,
              before: before
                ? JSON.stringify({ year: before.year, kind: before.kind, value: before.value, scope: before.scope, status: before.status })
                : null,
              after: JSON.stringify({
                year: v.year,
                kind: v.kind,
                value: v.value,
                scope: v.scope ?? null,
                status: rows[k]!.status,
                cell: `${v.cell.sheet ? `${v.cell.sheet}!` : ''}${v.cell.column}${v.cell.row}`,
              }),
              reason: action === 'revise' ? (opts.revisionReason ?? null) : `导入 ${opts.file}`,
            })),
          )
          .execute();
        opts.onProgress?.(Math.min(i + batch, writes.length), writes.length);
      }
      await bumpDataVersion(trx);
    });
  }
}
