/** The `planwatch` command line. `run` takes argv and streams so tests drive it in-process. */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { evaluatePlan, warningsFirst, type PlanEvaluation } from '../core/evaluate.js';
import { demoValues } from '../core/demo.js';
import type { Observation, Plan } from '../core/model.js';
import { indicatorCountText, planPeriod } from '../core/plan-facts.js';
import { evaluateTaskTargets, monitoredTargets } from '../core/targets.js';
import { formatObservationsCsv, parseObservationsCsv } from '../importers/plan-csv.js';
import { listShippedPlans, loadPlan } from '../plans/load.js';
import { evaluationCsv, evaluationTable, indicatorsJson, planTable, resultJson } from './format.js';
import { addDataCommands } from './data-commands.js';
import { addServerCommands, openFromFlags } from './server-commands.js';
import { processIo, type Io } from './io.js';
import { evaluateStored } from '../store/evaluation.js';
import { listPlans } from '../store/plans.js';

function intOption(name: string) {
  return (v: string): number => {
    if (!/^\d+$/.test(v)) throw new CommanderError(2, 'planwatch.invalidOption', `${name} 应为整数，收到「${v}」`);
    return Number(v);
  };
}

/** The latest year with any observation, or the base year when there is none. */
function latestYear(plan: Plan, observations: Observation[]): number {
  return observations.reduce((y, o) => Math.max(y, o.year), plan.meta.baseYear);
}

/**
 * Values for an evaluation: the plan's published values, or a file. A demonstration file is its
 * own workspace and is never mixed with published values; a real file adds to and overrides them.
 */
function valuesFor(plan: Plan, file: string | undefined): { observations: Observation[]; demo: boolean } {
  if (!file) return { observations: plan.observations, demo: false };
  const parsed = parseObservationsCsv(readFileSync(file, 'utf8'), basename(file), monitoredTargets(plan));
  if (parsed.demo) return parsed;
  const key = (o: Observation): string => `${o.indicatorId}|${o.year}|${o.kind}`;
  const replaced = new Set(parsed.observations.map(key));
  return { observations: [...plan.observations.filter((o) => !replaced.has(key(o))), ...parsed.observations], demo: false };
}

interface EvaluateFlags {
  year?: number;
  final?: boolean;
  values?: string;
  taskTargets?: boolean;
  data?: string;
}

/** A shipped plan or a plan folder, with its published values or a values file. */
function evaluateFromFiles(planId: string, opts: EvaluateFlags): { plan: Plan; ev: PlanEvaluation; demo: boolean } {
  const plan = loadPlan(planId);
  const { observations, demo } = valuesFor(plan, opts.values);
  const year = opts.year ?? (opts.final ? plan.meta.targetYear : latestYear(plan, observations));
  const options = { year, final: opts.final, annualTargets: plan.annualTargets };
  const ev = opts.taskTargets ? evaluateTaskTargets(plan, observations, options) : evaluatePlan(plan, observations, options);
  return { plan, ev, demo };
}

/** A plan in the store, judged on its approved values, yearly targets and official verdicts, as the server does. */
async function evaluateFromStore(planId: string, opts: EvaluateFlags): Promise<{ plan: Plan; ev: PlanEvaluation; demo: boolean }> {
  const store = await openFromFlags(opts);
  try {
    const s = await evaluateStored(store.db, planId, { year: opts.year, final: opts.final });
    if (!s) {
      const known = (await listPlans(store.db)).map((p) => p.id);
      throw new Error(`数据库中没有规划「${planId}」；已有：${known.join('、') || '（无）'}`);
    }
    return { plan: s.plan, ev: opts.taskTargets ? s.taskEvaluation : s.evaluation, demo: s.observations.some((o) => o.demo === true) };
  } finally {
    await store.close();
  }
}

export function buildProgram(io: Io): Command {
  const program = new Command('planwatch')
    .description('规划实施监测评估平台 Planwatch — monitoring and evaluation of development plans')
    .version('0.1.0')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('plans')
    .description('列出内置规划 / list the shipped plans')
    .action(() => {
      for (const id of listShippedPlans()) {
        const p = loadPlan(id);
        io.out(`${id}\t${p.meta.shortTitle}\t${planPeriod(p.meta)}\t主要指标${indicatorCountText(p.indicators)}\n`);
      }
    });

  program
    .command('show')
    .description('显示规划主要指标表 / show the plan indicator table')
    .argument('<plan>', '规划编号或规划目录 / plan id or folder')
    .addOption(new Option('--format <format>', '输出格式').choices(['table', 'json']).default('table'))
    .action((planId: string, opts: { format: string }) => {
      const plan = loadPlan(planId);
      io.out(opts.format === 'json' ? JSON.stringify(indicatorsJson(plan), null, 2) + '\n' : planTable(plan) + '\n');
    });

  program
    .command('evaluate')
    .description('评估规划实施情况 / evaluate the plan')
    .argument('<plan>', '规划编号或规划目录 / plan id or folder')
    .option('--year <year>', '监测年份（默认为有数据的最近年份）', intOption('--year'))
    .option('--final', '期末评估（给出完成/基本完成/总量完成等结论）')
    .option('--values <file>', '数值文件（CSV）；示例数据文件单独评估，不与公布数据混合')
    .addOption(new Option('--format <format>', '输出格式').choices(['table', 'json', 'csv']).default('table'))
    .addOption(new Option('--order <order>', '排序：预警优先或规划顺序').choices(['warnings', 'plan']).default('warnings'))
    .option(
      '--task-targets',
      '评估规划文本中的量化任务目标，而非主要指标 / the task targets of the plan text instead of the main indicators',
    )
    .option('--data <dir>', '从数据库评估已加入的规划（审核通过的数值、年度目标和正式结论；或 DATABASE_URL）/ evaluate a stored plan')
    .action(
      async (
        planId: string,
        opts: { year?: number; final?: boolean; values?: string; format: string; order: string; taskTargets?: boolean; data?: string },
      ) => {
        const stored = opts.data !== undefined || Boolean(process.env.DATABASE_URL);
        if (stored && opts.values) throw new Error('--values 只用于内置规划或规划目录；数据库中的规划按其审核通过的数值评估');
        const { ev, demo } = stored ? await evaluateFromStore(planId, opts) : evaluateFromFiles(planId, opts);
        const results = opts.order === 'plan' ? ev.results : warningsFirst(ev.results);
        if (opts.format === 'json')
          io.out(
            JSON.stringify(
              results.map((r) => resultJson(r, demo)),
              null,
              2,
            ) + '\n',
          );
        else if (opts.format === 'csv') io.out(evaluationCsv(results, demo));
        else io.out(evaluationTable(ev, results, demo) + '\n');
      },
    );

  program
    .command('demo-values')
    .description('生成示例数据（非真实统计）/ generate a synthetic demonstration set')
    .argument('<plan>', '规划编号或规划目录 / plan id or folder')
    .option('--seed <n>', '随机种子', intOption('--seed'), 1)
    .option('--until <year>', '生成到哪一年（默认目标年前一年）', intOption('--until'))
    .requiredOption('-o, --output <file>', '输出 CSV 文件')
    .action((planId: string, opts: { seed: number; until?: number; output: string }) => {
      const plan = loadPlan(planId);
      const set = demoValues(plan, { seed: opts.seed, until: opts.until });
      const header = `planwatch demo-values ${planId} --seed ${opts.seed}${opts.until ? ` --until ${opts.until}` : ''}${set.outlier ? `\n含一个示例异常值：指标${set.outlier.indicatorId}，${set.outlier.year}年` : ''}`;
      writeFileSync(opts.output, formatObservationsCsv(set.observations, monitoredTargets(plan), header));
      io.err(`已写入 ${opts.output}：${set.observations.length} 条示例数据（非真实统计）\n`);
    });

  addServerCommands(program, io);
  addDataCommands(program, io);
  return program;
}

/** Runs the CLI; returns the exit code instead of exiting, and prints errors as one clear line. */
export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError)
      return e.exitCode === 0 ? 0 : e.code === 'planwatch.invalidOption' ? (io.err(`错误：${e.message}\n`), 2) : e.exitCode;
    io.err(`错误：${(e as Error).message}\n`);
    return 1;
  }
}
