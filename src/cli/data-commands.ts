/** Spreadsheet import into the store and export of the indicator table, from the command line. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import { readValuesFile, type ImportProgress } from '../importers/spreadsheet.js';
import { asLedgerProject, readProjectLedger } from '../importers/project-ledger.js';
import { applyProjectLedger } from '../store/project-ledger.js';
import { allProjects } from '../store/projects.js';
import { buildReport, type ReportKind } from '../reports/word/index.js';
import { applyImport } from '../store/imports.js';
import { addPlan, getPlan } from '../store/plans.js';
import { successionBases } from '../store/succession.js';
import { evaluateStored } from '../store/evaluation.js';
import { indicatorCsv, indicatorWorkbook } from '../reports/indicator-table.js';
import { loadPlanDir } from '../plans/load.js';
import type { Actor } from '../store/util.js';
import { indicatorCountText } from '../core/plan-facts.js';
import type { Io } from './io.js';
import { openFromFlags } from './server-commands.js';

const CLI_ACTOR: Actor = { id: null, username: 'cli', role: 'admin', unitId: null };

/** A progress bar on a terminal, plain lines elsewhere (logs, CI, a parent process reading stderr). */
function progressReporter(io: Io): { update(label: string, done: number, total?: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      { format: '{label} [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true },
      Presets.shades_classic,
    );
    let started = '';
    return {
      update(label, done, total) {
        if (started !== label) {
          if (started) bar.stop();
          bar.start(total ?? done, done, { label });
          started = label;
        }
        if (total !== undefined) bar.setTotal(total);
        bar.update(done, { label });
      },
      stop: () => bar.stop(),
    };
  }
  let lastLine = 0;
  return {
    update(label, done, total) {
      if (Date.now() - lastLine < 500 && (total === undefined || done < total)) return;
      lastLine = Date.now();
      io.err(`${label} ${done}${total ? `/${total}` : ''}\n`);
    },
    stop() {},
  };
}

export function addDataCommands(program: Command, io: Io): void {
  program
    .command('plan-add')
    .description('把一个规划目录（plan.yaml、indicators.yaml …）加入数据库 / add a plan folder to the store')
    .argument('<dir>', '规划目录')
    .option('--data <dir>', '数据目录')
    .action(async (dir: string, opts: { data?: string }) => {
      const plan = loadPlanDir(dir);
      const store = await openFromFlags(opts);
      try {
        if (await getPlan(store.db, plan.meta.id)) throw new Error(`规划「${plan.meta.id}」已存在`);
        await store.db.transaction().execute((trx) => addPlan(trx, plan, CLI_ACTOR));
        io.out(`已加入规划 ${plan.meta.id}：${plan.meta.title}（主要指标${indicatorCountText(plan.indicators)}）\n`);
        // A successor: each continuing indicator's base as proposed from the predecessor's final year.
        const { predecessorId, bases } = await successionBases(store.db, plan.meta.id);
        if (predecessorId && bases.length) {
          io.out(`承接上一期规划 ${predecessorId}：${bases.length}项延续指标的基期建议\n`);
          for (const b of bases)
            io.out(
              `  ${b.indicatorId} ${b.name}：${b.proposed ? `建议基期 ${b.proposed.value}（${b.proposed.year}）` : '无建议'}；${b.note}\n`,
            );
        }
      } finally {
        await store.close();
      }
    });

  program
    .command('import')
    .description('导入数值表（.xlsx / .csv，宽表或长表）；全部成功才写入 / import a spreadsheet, all or nothing')
    .argument('<plan>', '规划编号')
    .argument('<file>', '文件')
    .option('--dry-run', '仅检查并预览，不写入')
    .option('--revision-reason <reason>', '以「口径调整」方式修订已审核数值，并记录原因')
    .option('--data <dir>', '数据目录')
    .action(async (planId: string, file: string, opts: { dryRun?: boolean; revisionReason?: string; data?: string }) => {
      const store = await openFromFlags(opts);
      const progress = progressReporter(io);
      try {
        const plan = await getPlan(store.db, planId);
        if (!plan) throw new Error(`没有名为「${planId}」的规划`);
        const label = (p: ImportProgress): string => (p.phase === 'check' ? '检查文件' : '读取行');
        const read = await readValuesFile({ name: basename(file), data: readFileSync(file) }, plan, {
          onProgress: (p) => progress.update(label(p), p.done, p.total),
        });
        const summary = await applyImport(store.db, CLI_ACTOR, plan, read.values, {
          file: basename(file),
          mode: 'approve',
          revisionReason: opts.revisionReason,
          dryRun: opts.dryRun,
          onProgress: (done, total) => progress.update('写入', done, total),
        });
        progress.stop();
        io.out(
          `${summary.dryRun ? '预览（未写入）' : '已导入'}：${summary.total} 个数值，新增 ${summary.added}，修改 ${summary.changed}，口径调整 ${summary.revised}，未变 ${summary.unchanged}，异常提示 ${summary.flagged}；涉及指标 ${summary.indicators} 项，年份 ${summary.years.join('、')}\n`,
        );
      } finally {
        progress.stop();
        await store.close();
      }
    });

  program
    .command('export')
    .description('导出主要指标表（已审核数据、状态与来源）/ export the indicator table')
    .argument('<plan>', '规划编号')
    .option('--year <year>', '监测年份（默认有数据的最近年份）')
    .option('--final', '期末评估')
    .option('--format <format>', 'xlsx 或 csv（默认按输出文件扩展名）')
    .option('--by-category', '每个类别一张工作表（xlsx）')
    .requiredOption('-o, --output <file>', '输出文件')
    .option('--data <dir>', '数据目录')
    .action(
      async (
        planId: string,
        opts: { year?: string; final?: boolean; format?: string; byCategory?: boolean; output: string; data?: string },
      ) => {
        const format = opts.format ?? (opts.output.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
        if (format !== 'xlsx' && format !== 'csv') throw new Error(`格式「${format}」应为 xlsx 或 csv`);
        if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new Error(`--year 应为四位年份，收到「${opts.year}」`);
        const store = await openFromFlags(opts);
        try {
          const stored = await evaluateStored(store.db, planId, { year: opts.year ? Number(opts.year) : undefined, final: opts.final });
          if (!stored) throw new Error(`没有名为「${planId}」的规划`);
          const { plan, evaluation, taskEvaluation, observations } = stored;
          if (format === 'xlsx')
            writeFileSync(
              opts.output,
              await indicatorWorkbook(plan, evaluation, observations, {
                bySheet: opts.byCategory ? 'category' : 'none',
                taskEvaluation,
              }),
            );
          else writeFileSync(opts.output, indicatorCsv(plan, evaluation, observations));
          io.out(
            `已导出 ${opts.output}（${evaluation.mode === 'final' ? '期末评估' : `${evaluation.year}年`}，主要指标${indicatorCountText(evaluation.results)}）\n`,
          );
        } finally {
          await store.close();
        }
      },
    );

  program
    .command('project-ledger')
    .description('导入重大项目月度台账（.xlsx / .csv）；全部成功才写入，审核通过 / import a monthly project ledger')
    .argument('<plan>', '规划编号')
    .argument('<file>', '台账文件')
    .option('--dry-run', '仅检查并预览，不写入')
    .option('--data <dir>', '数据目录')
    .action(async (planId: string, file: string, opts: { dryRun?: boolean; data?: string }) => {
      const store = await openFromFlags(opts);
      try {
        if (!(await getPlan(store.db, planId))) throw new Error(`没有名为「${planId}」的规划`);
        const projects = await allProjects(store.db, planId);
        const rows = await readProjectLedger({ name: basename(file), data: readFileSync(file) }, projects.map(asLedgerProject));
        const s = await applyProjectLedger(store.db, CLI_ACTOR, planId, rows, {
          dryRun: Boolean(opts.dryRun),
          submit: true,
          approve: true,
          file: basename(file),
        });
        io.out(
          `${s.dryRun ? '预览（未写入）' : '已导入'}：${s.rows} 行，项目 ${s.projects} 个，月份 ${s.months.join('、')}；新增 ${s.added}，修改 ${s.changed}，协调问题 ${s.issues}\n`,
        );
      } finally {
        await store.close();
      }
    });

  program
    .command('report')
    .description('生成 Word 报告：annual 年度监测、midterm 中期评估、final 期末评估 / build a report')
    .argument('<kind>', 'annual | midterm | final')
    .argument('<plan>', '规划编号')
    .option('--year <year>', '年份（默认有数据的最近年份）')
    .requiredOption('-o, --output <file>', '输出 .docx 文件')
    .option('--data <dir>', '数据目录')
    .action(async (kind: string, planId: string, opts: { year?: string; output: string; data?: string }) => {
      if (!['annual', 'midterm', 'final'].includes(kind)) throw new Error(`报告类型「${kind}」应为 annual、midterm 或 final`);
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new Error(`--year 应为四位年份，收到「${opts.year}」`);
      const store = await openFromFlags(opts);
      const progress = progressReporter(io);
      try {
        const stored = await evaluateStored(store.db, planId, { year: opts.year ? Number(opts.year) : undefined, final: kind === 'final' });
        if (!stored) throw new Error(`没有名为「${planId}」的规划`);
        const buf = await buildReport({
          plan: stored.plan,
          evaluation: stored.evaluation,
          taskEvaluation: stored.taskEvaluation,
          observations: stored.observations,
          assigned: stored.assigned,
          kind: kind as ReportKind,
          onProgress: (step, done, total) => progress.update(step, done, total),
        });
        progress.stop();
        writeFileSync(opts.output, buf);
        io.out(
          `已生成 ${opts.output}（${stored.evaluation.mode === 'final' ? '期末评估' : `${stored.evaluation.year}年`}，${Math.round(buf.length / 1024)} KB）\n`,
        );
      } finally {
        progress.stop();
        await store.close();
      }
    });
}
