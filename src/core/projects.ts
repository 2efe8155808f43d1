/**
 * Major projects (重大项目全流程监测, chapter 6): the project model and the monitoring rules —
 * investment completion against the time share, overdue milestones, stalled stages, open
 * coordination issues, roll-ups, and the five-dimension assessment as a transparent score.
 */
import { z } from 'zod';
import { PROJECT_CATEGORY, PROJECT_FIELD, PROJECT_STAGE } from './labels.js';

export { PROJECT_CATEGORY };
export type ProjectCategory = keyof typeof PROJECT_CATEGORY;
export const ProjectCategorySchema = z.enum(Object.keys(PROJECT_CATEGORY) as [ProjectCategory, ...ProjectCategory[]]);

/** The lifecycle, in order (labels.ts). */
export const STAGE = PROJECT_STAGE;
export type Stage = keyof typeof STAGE;
export const STAGES = Object.keys(STAGE) as Stage[];
export const StageSchema = z.enum(STAGES as [Stage, ...Stage[]]);

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');

export const MilestoneSchema = z
  .object({ id: z.string().min(1).max(64), name: z.string().min(1).max(200), due: date, doneOn: date.nullable().default(null) })
  .strict();
export type Milestone = z.infer<typeof MilestoneSchema>;

export const RequirementsSchema = z
  .object({
    /** 用地, 亩 */
    landMu: z.number().nonnegative().nullable().default(null),
    /** 用能, 吨标煤 */
    energyTce: z.number().nonnegative().nullable().default(null),
    /** 资金缺口, 亿元 */
    fundingGap: z.number().nonnegative().nullable().default(null),
    /** 要素保障是否到位 */
    secured: z.boolean().default(false),
  })
  .strict();

/** Static facts of a project; its progress comes from monthly reports. */
export const ProjectSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
    name: z.string().min(1).max(200),
    category: ProjectCategorySchema,
    ownerUnit: z.string().max(200).nullable().default(null),
    responsibleUnitId: z.string().nullable().default(null),
    townId: z.string().nullable().default(null),
    sectionIds: z.array(z.string()).default([]),
    columnId: z.string().nullable().default(null),
    columnItemId: z.string().nullable().default(null),
    /** 总投资, 亿元 */
    totalInvestment: z.number().nonnegative().nullable().default(null),
    /** Annual investment plan, 亿元 by year. */
    annualPlan: z.record(z.string().regex(/^\d{4}$/), z.number().nonnegative()).default({}),
    plannedStart: month.nullable().default(null),
    plannedFinish: month.nullable().default(null),
    stage: StageSchema.default('planning'),
    milestones: z.array(MilestoneSchema).default([]),
    requirements: RequirementsSchema.default({ landMu: null, energyTce: null, fundingGap: null, secured: false }),
    /** Quantities the plan states (「建设500t/d餐厨垃圾处理系统」). */
    quantities: z.string().max(2000).default(''),
    description: z.string().max(4000).default(''),
  })
  .strict();
export type Project = z.infer<typeof ProjectSchema>;

/** A change to a project: every field optional and, unlike ProjectSchema.partial(), no defaults filled in. */
export const ProjectPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(ProjectSchema.shape)
        .filter(([k]) => k !== 'id')
        .map(([k, v]) => [k, (v instanceof z.ZodDefault ? v.unwrap() : v).optional()]),
    ) as unknown as {
      [K in Exclude<keyof typeof ProjectSchema.shape, 'id'>]: z.ZodOptional<z.ZodType<z.input<typeof ProjectSchema>[K] & {}>>;
    },
  )
  .strict();
export type ProjectInput = z.input<typeof ProjectSchema>;

export const IssueSchema = z
  .object({
    id: z.string(),
    title: z.string().min(1).max(500),
    ownerUnit: z.string().max(200).nullable().default(null),
    status: z.enum(['open', 'resolved']).default('open'),
    openedIn: month,
    resolvedIn: month.nullable().default(null),
  })
  .strict();
export type CoordinationIssue = z.infer<typeof IssueSchema>;

/** One approved month of a project: investment completed that month and what changed. */
export interface MonthlyReport {
  period: string;
  investment: number;
  stage?: Stage | null;
  milestonesDone?: string[];
}

/** An approved month that states a stage. */
export interface StagedMonth {
  period: string;
  stage: Stage;
}

export interface StageCheck {
  /** Why the month may not state this stage, in words the reporter can act on; null when it may. */
  refused: string | null;
  /** No later approved month states a stage, so this one sets the project's current stage. */
  latest: boolean;
}

const stageRank = (s: Stage): number => STAGES.indexOf(s);

/**
 * Whether a month may report `stage`, given the project's current stage and the other approved
 * months that state one. Approvals come in any order (a late March before February), so the
 * current stage is the latest month's, never the last approval's. And a report never moves the
 * lifecycle backwards: the latest month may not state less than the current stage, an earlier
 * month not more than the approved month after it nor less than the one before it. Going back
 * (a project suspended, a stage entered wrongly) is an administrator's explicit, audited edit of
 * the project itself; the latest month is judged against that edit rather than older months, so
 * reporting goes on from the corrected stage.
 */
export function checkReportedStage(current: Stage, approved: StagedMonth[], period: string, stage: Stage): StageCheck {
  const others = approved.filter((m) => m.period !== period).sort((a, b) => a.period.localeCompare(b.period));
  const next = others.find((m) => m.period > period);
  const previous = others.filter((m) => m.period < period).at(-1);
  const name = (s: Stage): string => `「${STAGE[s].zh}」`;
  let refused: string | null = null;
  if (!next) {
    if (stageRank(stage) < stageRank(current))
      refused = `项目当前阶段为${name(current)}，${period}的月度报告不能把阶段退回到${name(stage)}；月度报告只能推进阶段，如项目确需退回，请由管理员修改项目信息中的阶段`;
  } else if (stageRank(stage) > stageRank(next.stage))
    refused = `${next.period}已审核的阶段为${name(next.stage)}，更早的${period}不能报${name(stage)}；请核实这两个月的阶段`;
  else if (previous && stageRank(stage) < stageRank(previous.stage))
    refused = `${previous.period}已审核的阶段为${name(previous.stage)}，之后的${period}不能退回到${name(stage)}；请核实这两个月的阶段`;
  return { refused, latest: !next };
}

export interface ProjectSettings {
  /** Months in the same stage (before completion) that count as stalled. */
  stalledMonths: number;
  /** Investment completion this many points behind the time share raises a warning. */
  behindPoints: number;
  /** An open coordination issue older than this many months raises a warning. */
  issueMonths: number;
}

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = { stalledMonths: 6, behindPoints: 10, issueMonths: 2 };

const monthIndex = (p: string): number => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
const r1 = (n: number): number => Math.round(n * 10) / 10;

export interface InvestmentProgress {
  year: number;
  asOf: string;
  planned: number | null;
  completed: number;
  /** 投资完成率 */
  rate: number | null;
  /** 时序进度: months elapsed / 12. */
  timeShare: number;
  /** rate − time share, in percentage points. */
  gapPoints: number | null;
  text: string;
}

/** 「投资完成率43.2%，超时序进度9.9个百分点」 for a year, up to a month. */
export function investmentProgress(p: Project, reports: MonthlyReport[], year: number, asOf: string): InvestmentProgress {
  const completed = reports.filter((r) => r.period.startsWith(`${year}-`) && r.period <= asOf).reduce((s, r) => s + r.investment, 0);
  const planned = p.annualPlan[String(year)] ?? null;
  const monthsElapsed = Math.max(
    0,
    Math.min(12, Number(asOf.slice(0, 4)) === year ? Number(asOf.slice(5, 7)) : asOf < `${year}-01` ? 0 : 12),
  );
  const timeShare = monthsElapsed / 12;
  if (!planned) {
    return {
      year,
      asOf,
      planned,
      completed,
      rate: null,
      timeShare,
      gapPoints: null,
      text: `${year}年未设年度投资计划，已完成投资${r1(completed * 100) / 100}亿元`,
    };
  }
  const rate = completed / planned;
  const gap = (rate - timeShare) * 100;
  const words = Math.abs(gap) < 0.05 ? '与时序进度持平' : gap > 0 ? `超时序进度${r1(gap)}个百分点` : `落后时序进度${r1(-gap)}个百分点`;
  return { year, asOf, planned, completed, rate, timeShare, gapPoints: gap, text: `投资完成率${r1(rate * 100)}%，${words}` };
}

export interface ProjectWarning {
  projectId: string;
  projectName: string;
  kind: 'investmentBehind' | 'milestoneOverdue' | 'stalled' | 'issueOpen' | 'notStarted';
  message: string;
}

/** The month each approved report's stage took effect, to tell how long a project has stood still. */
function stageSince(p: Project, reports: MonthlyReport[]): string | null {
  let since: string | null = null;
  let current: Stage | null = null;
  for (const r of [...reports].sort((a, b) => a.period.localeCompare(b.period))) {
    if (r.stage && r.stage !== current) {
      current = r.stage;
      since = r.period;
    }
  }
  return current === p.stage ? since : null;
}

export function projectWarnings(
  p: Project,
  reports: MonthlyReport[],
  issues: CoordinationIssue[],
  asOf: string,
  s: ProjectSettings = DEFAULT_PROJECT_SETTINGS,
): ProjectWarning[] {
  const out: ProjectWarning[] = [];
  const w = (kind: ProjectWarning['kind'], message: string): void => void out.push({ projectId: p.id, projectName: p.name, kind, message });
  const year = Number(asOf.slice(0, 4));
  const inv = investmentProgress(p, reports, year, asOf);
  if (inv.gapPoints !== null && inv.gapPoints <= -s.behindPoints) w('investmentBehind', `${inv.text}`);
  // A milestone is overdue once the month of its due date is over.
  for (const m of p.milestones)
    if (!m.doneOn && m.due.slice(0, 7) < asOf) w('milestoneOverdue', `节点「${m.name}」应于${m.due}完成，尚未完成`);
  const done = p.stage === 'completed' || p.stage === 'operation';
  if (!done) {
    const since = stageSince(p, reports);
    if (since && monthIndex(asOf) - monthIndex(since) >= s.stalledMonths)
      w('stalled', `自${since}起停留在「${STAGE[p.stage].zh}」阶段已${monthIndex(asOf) - monthIndex(since)}个月`);
    if (p.plannedStart && p.plannedStart < asOf && (p.stage === 'planning' || p.stage === 'preparation'))
      w('notStarted', `计划${p.plannedStart}开工，目前仍处于「${STAGE[p.stage].zh}」阶段`);
  }
  for (const i of issues) {
    if (i.status === 'open' && monthIndex(asOf) - monthIndex(i.openedIn) >= s.issueMonths)
      w('issueOpen', `协调问题「${i.title}」自${i.openedIn}起未解决${i.ownerUnit ? `（责任单位：${i.ownerUnit}）` : ''}`);
  }
  return out;
}

export interface RollupRow {
  key: string;
  projects: number;
  planned: number;
  completed: number;
  rate: number | null;
}

export function rollup(
  items: { project: Project; reports: MonthlyReport[] }[],
  by: (p: Project) => string | null,
  year: number,
  asOf: string,
): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const { project, reports } of items) {
    const k = by(project) ?? '未指定';
    const inv = investmentProgress(project, reports, year, asOf);
    const row = rows.get(k) ?? { key: k, projects: 0, planned: 0, completed: 0, rate: null };
    row.projects++;
    row.planned += inv.planned ?? 0;
    row.completed += inv.completed;
    row.rate = row.planned > 0 ? row.completed / row.planned : null;
    rows.set(k, row);
  }
  return [...rows.values()].sort((a, b) => b.planned - a.planned);
}

export interface DimensionScore {
  key: 'efficiency' | 'structure' | 'factors' | 'reserve' | 'outcomes';
  name: string;
  score: number | null;
  formula: string;
  inputs: Record<string, number>;
}

/**
 * The five dimensions of chapter 6 (效益效率、结构构成、要素支撑、储备水平、发展成效) as 0–100 scores,
 * each with its formula and inputs, so that the number can be checked and argued with.
 */
export function fiveDimensions(items: { project: Project; reports: MonthlyReport[] }[], year: number, asOf: string): DimensionScore[] {
  const cap = (x: number): number => Math.max(0, Math.min(100, Math.round(x * 10) / 10));
  const invs = items.map((i) => ({ ...i, inv: investmentProgress(i.project, i.reports, year, asOf) }));
  const planned = invs.reduce((s, i) => s + (i.inv.planned ?? 0), 0);
  const completed = invs.reduce((s, i) => s + (i.inv.planned ? i.inv.completed : 0), 0);
  const timeShare = invs[0]?.inv.timeShare ?? 0;
  const industryPlanned = invs.filter((i) => i.project.category === 'industry').reduce((s, i) => s + (i.inv.planned ?? 0), 0);
  const withNeeds = items.filter(
    (i) =>
      i.project.requirements.landMu !== null || i.project.requirements.energyTce !== null || i.project.requirements.fundingGap !== null,
  );
  const secured = withNeeds.filter((i) => i.project.requirements.secured).length;
  const reserve = items
    .filter((i) => i.project.stage === 'planning' || i.project.stage === 'preparation')
    .reduce((s, i) => s + (i.project.totalInvestment ?? 0), 0);
  const milestones = items.flatMap((i) => i.project.milestones.filter((m) => m.due.slice(0, 7) <= asOf));
  const onTime = milestones.filter((m) => m.doneOn !== null && m.doneOn <= m.due).length;
  const rate = planned > 0 ? completed / planned : null;
  return [
    {
      key: 'efficiency',
      name: '效益效率',
      score: rate === null || timeShare === 0 ? null : cap((rate / timeShare) * 100),
      formula: '年度投资完成率 ÷ 时序进度 × 100（上限100）',
      inputs: { planned, completed, timeShare },
    },
    {
      key: 'structure',
      name: '结构构成',
      score: planned > 0 ? cap((industryPlanned / planned / 0.5) * 100) : null,
      formula: '产业项目计划投资占比 ÷ 50% × 100（上限100）',
      inputs: { industryPlanned, planned },
    },
    {
      key: 'factors',
      name: '要素支撑',
      score: withNeeds.length ? cap((secured / withNeeds.length) * 100) : null,
      formula: '要素保障到位的项目数 ÷ 有要素需求的项目数 × 100',
      inputs: { secured, withNeeds: withNeeds.length },
    },
    {
      key: 'reserve',
      name: '储备水平',
      score: planned > 0 ? cap((reserve / planned) * 100) : null,
      formula: '谋划、前期项目总投资 ÷ 当年计划投资 × 100（上限100）',
      inputs: { reserve, planned },
    },
    {
      key: 'outcomes',
      name: '发展成效',
      score: milestones.length ? cap((onTime / milestones.length) * 100) : null,
      formula: '按期完成的到期节点数 ÷ 到期节点数 × 100',
      inputs: { onTime, due: milestones.length },
    },
  ];
}

/** A refused project's problems in words: 「年度计划投资（亿元）2025年：不能小于0」, never 「annualPlan.2025: Too small」. */
export function projectProblems(issues: readonly z.core.$ZodIssue[]): string {
  const say = (i: z.core.$ZodIssue): string => {
    if (i.code === 'too_small') return i.origin === 'string' ? '不能为空' : `不能小于${String(i.minimum)}`;
    if (i.code === 'too_big') return i.origin === 'string' ? `不能超过${String(i.maximum)}字` : `不能大于${String(i.maximum)}`;
    if (i.code === 'unrecognized_keys') return `含有未知字段：${i.keys.join('、')}`;
    if (i.code === 'invalid_value') return '不在可选范围内';
    if (i.code === 'invalid_type' && i.input === undefined) return '必须填写';
    return '格式不正确';
  };
  return issues
    .map((i) => {
      const [head, ...rest] = i.path.map(String);
      const field = head ? ((PROJECT_FIELD as Record<string, { zh: string }>)[head]?.zh ?? head) : '项目';
      const sub = head === 'annualPlan' && rest[0] ? `${rest[0]}年` : head === 'milestones' && rest[0] ? `第${Number(rest[0]) + 1}项` : '';
      return `${field}${sub}：${say(i)}`;
    })
    .join('；');
}
