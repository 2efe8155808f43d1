/**
 * Reads a plan folder: YAML files for the plan itself (one top-level key each), CSV files for
 * observed values and yearly-plan targets. Any problem is reported with the file and the path in
 * it, e.g. `xiuzhou-14th/indicators.yaml: indicators[17].target: …`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { PlanSchema, withSettings, type Plan, type PlanData } from '../core/model.js';
import { checkPlan, formatPath } from '../core/validate.js';
import { taskTargetIndicator } from '../core/targets.js';
import { parseAnnualTargetsCsv, parseObservationsCsv } from '../importers/plan-csv.js';
import { mergeCounterparts } from './counterparts.js';

export class PlanFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'PlanFileError';
  }
}

/** The folder of shipped plans: src/plans next to this file, also when running from dist/. */
export function shippedPlansDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [here, resolve(here, '../../src/plans')];
  for (const c of candidates) if (existsSync(join(c, 'xiuzhou-14th', 'plan.yaml'))) return c;
  throw new Error(`找不到内置规划数据目录（已查找：${candidates.join('、')}）`);
}

export function listShippedPlans(dir = shippedPlansDir()): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'plan.yaml')))
    .map((d) => d.name)
    .sort();
}

const YAML_PARTS: Record<string, keyof PlanData> = {
  'plan.yaml': 'meta',
  'indicators.yaml': 'indicators',
  'text.yaml': 'chapters',
  'columns.yaml': 'columns',
  'task-targets.yaml': 'taskTargets',
  'vision-targets.yaml': 'visionTargets',
  'org-units.yaml': 'orgUnits',
  'projects.yaml': 'projects',
};

export function loadPlanDir(dir: string): Plan {
  const name = basename(dir);
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  const fileOf = new Map<keyof PlanData, string>();

  for (const [file, part] of Object.entries(YAML_PARTS)) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true });
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push(`${name}/${file}: ${e.message}`);
      continue;
    }
    const data = doc.toJS() as Record<string, unknown> | null;
    if (part === 'meta') raw.meta = data;
    else if (!data || !(part in data)) problems.push(`${name}/${file}: 缺少顶层键「${part}」`);
    else raw[part] = data[part];
    fileOf.set(part, `${name}/${file}`);
  }
  if (!raw.meta) throw new PlanFileError([...problems, `${name}/plan.yaml: 缺少规划元数据文件`]);
  problems.push(...mergeCounterparts(dir, name, raw.indicators));

  // A problem on a row says which plan and which row, as a reviewer reads the table: 「national-14th: 指标 8 城镇调查失业率: …」.
  const planId = (raw.meta as { id?: unknown }).id;
  const rowOf = (path: readonly PropertyKey[]): string => {
    const [part, i] = path;
    const rows = raw[part as string];
    if (typeof i !== 'number' || !Array.isArray(rows)) return '';
    const row = rows[i] as { no?: unknown; id?: unknown; name?: unknown } | undefined;
    const who =
      part === 'indicators' ? `指标 ${String(row?.no ?? i + 1)}` : part === 'taskTargets' ? `任务目标 ${String(row?.id ?? i + 1)}` : '';
    return who ? `${typeof planId === 'string' ? planId : name}: ${who}${typeof row?.name === 'string' ? ` ${row.name}` : ''}: ` : '';
  };
  const parsed = PlanSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const part = issue.path[0] as keyof PlanData;
      const path = part === 'meta' ? issue.path.slice(1) : issue.path;
      problems.push(`${rowOf(issue.path)}${fileOf.get(part) ?? name}: ${formatPath(path) || '(root)'}: ${issue.message}`);
    }
    throw new PlanFileError(problems);
  }
  const data = parsed.data;

  const csv = (file: string): string | undefined => {
    const path = join(dir, file);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
  try {
    // Published values and yearly targets may be given for task targets as well as indicators.
    const targets = [...data.indicators, ...data.taskTargets.map(taskTargetIndicator)];
    const obs = csv('observations.csv');
    if (obs !== undefined) data.observations = parseObservationsCsv(obs, `${name}/observations.csv`, targets).observations;
    const annual = csv('annual-targets.csv');
    if (annual !== undefined) data.annualTargets = parseAnnualTargetsCsv(annual, `${name}/annual-targets.csv`, targets);
  } catch (e) {
    problems.push((e as Error).message);
  }

  for (const p of checkPlan(data)) {
    const file =
      p.part === 'observations'
        ? `${name}/observations.csv`
        : p.part === 'annualTargets'
          ? `${name}/annual-targets.csv`
          : (fileOf.get(p.part) ?? name);
    const path = p.part === 'meta' ? p.path.slice(1) : p.path;
    problems.push(`${rowOf(p.path)}${file}: ${formatPath(path)}: ${p.message}`);
  }
  if (problems.length) throw new PlanFileError(problems);
  return withSettings(data);
}

/** A shipped plan by id, or a plan folder by path. */
export function loadPlan(idOrPath: string): Plan {
  if (idOrPath.includes('/') || idOrPath.includes('\\') || idOrPath.startsWith('.')) return loadPlanDir(resolve(idOrPath));
  const dir = shippedPlansDir();
  const available = listShippedPlans(dir);
  if (!available.includes(idOrPath)) throw new Error(`没有名为「${idOrPath}」的规划；可用：${available.join('、')}`);
  return loadPlanDir(join(dir, idOrPath));
}
