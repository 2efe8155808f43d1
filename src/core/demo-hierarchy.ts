/**
 * A synthetic plan hierarchy (示例数据): one parent plan and its child plans, every indicator of a
 * child linked to its counterpart in the parent, with deterministic values. It feeds the roll-up
 * demonstration (a city with seven counties, `serve --demo` only) and the roll-up benchmark (a
 * province with a hundred). Every plan is marked demo and titled 「示例数据」: it is never a real
 * plan and never enters a real store.
 */
import { seededRandom } from './demo.js';
import { PlanSchema, withSettings, type Indicator, type Observation, type Plan, type PlanLevel } from './model.js';

export const DEMO_MARK = '示例数据';

export interface DemoHierarchyOptions {
  /** Id prefix of the plans, e.g. 'demo-city'. */
  prefix: string;
  parentLevel: PlanLevel;
  parentName: string;
  childNames: string[];
  /** How many indicators each plan has (the eight kinds below, repeated). */
  indicators?: number;
  baseYear?: number;
  targetYear?: number;
  /** Values are made for baseYear+1 … lastYear. */
  lastYear?: number;
  seed?: number;
}

export interface DemoHierarchy {
  parent: Plan;
  children: Plan[];
  /** Values by child plan id (the parent's own figures are the parent's business, left empty). */
  values: Map<string, Observation[]>;
}

interface Kind {
  name: string;
  category: string;
  unit: string;
  base: number;
  /** Parent target, then the child's (a child's may be weaker: the 衔接 check finds it). */
  target: (base: number) => string;
  childTarget?: (base: number, child: number) => string;
  attribute: '预期性' | '约束性';
  /** Yearly value from the level before and a random number in [0, 1). */
  next: (prev: number, r: number) => number;
  /** Values are yearly amounts (reduction rates, new jobs) rather than a level. */
  flow?: boolean;
}

const KINDS: Kind[] = [
  {
    name: '地区生产总值',
    category: '经济发展',
    unit: '亿元',
    base: 500,
    target: (b) => String(Math.round(b * 1.4)),
    attribute: '预期性',
    next: (p, r) => p * (1.03 + r * 0.06),
  },
  {
    name: '一般公共预算收入',
    category: '经济发展',
    unit: '亿元',
    base: 40,
    target: (b) => String(Math.round(b * 1.35)),
    attribute: '预期性',
    next: (p, r) => p * (1.01 + r * 0.08),
  },
  {
    name: '常住人口城镇化率',
    category: '社会民生',
    unit: '%',
    base: 68,
    target: () => '75',
    childTarget: (_b, c) => (c === 2 ? '72' : '75'),
    attribute: '预期性',
    next: (p, r) => p + 0.6 + r * 1.2,
  },
  {
    name: '单位地区生产总值能源消耗降低',
    category: '生态环境',
    unit: '%',
    base: 0,
    target: () => '[14]',
    childTarget: () => '完成上级下达目标',
    attribute: '约束性',
    next: (_p, r) => 1.5 + r * 2.5,
    flow: true,
  },
  {
    name: '空气质量优良天数比率',
    category: '生态环境',
    unit: '%',
    base: 85,
    target: () => '90以上',
    childTarget: (_b, c) => (c === 4 ? '88以上' : '90以上'),
    attribute: '约束性',
    next: (p, r) => p + (r - 0.35) * 2,
  },
  {
    name: '城镇新增就业',
    category: '社会民生',
    unit: '万人',
    base: 0,
    target: () => '[5]',
    attribute: '预期性',
    next: (_p, r) => 0.7 + r * 0.6,
    flow: true,
  },
  {
    name: '粮食综合生产能力',
    category: '安全保障',
    unit: '万吨',
    base: 25,
    target: (b) => `${b}以上`,
    attribute: '约束性',
    next: (p, r) => p * (0.985 + r * 0.03),
  },
  {
    name: '每千人口拥有执业（助理）医师数',
    category: '社会民生',
    unit: '人',
    base: 3,
    target: () => '3.6',
    attribute: '预期性',
    next: (p, r) => p + 0.05 + r * 0.1,
  },
];

const ADDITIVE_UNITS = new Set(['亿元', '万人', '万吨']);

function indicatorsFor(n: number, child: number | null, scale: number, rnd: () => number): Indicator[] {
  const out: Indicator[] = [];
  for (let i = 0; i < n; i++) {
    const k = KINDS[i % KINDS.length]!;
    const round = Math.floor(i / KINDS.length);
    const extensive = ADDITIVE_UNITS.has(k.unit) && !k.flow;
    const base = k.flow ? null : Math.round(k.base * (extensive ? scale : 1 + (rnd() - 0.5) * 0.04) * 100) / 100;
    const target = child !== null && k.childTarget ? k.childTarget(base ?? 0, child) : k.target(base ?? 0);
    const id = String(i + 1);
    out.push({
      id,
      no: i + 1,
      category: k.category,
      name: round ? `${k.name}（第${round + 1}组）` : k.name,
      unit: k.unit,
      unitFilled: false,
      base,
      target: k.flow && k.unit === '万人' ? `[${Math.round(5 * scale * 100) / 100}]` : target,
      attribute: k.attribute,
      additive: ADDITIVE_UNITS.has(k.unit),
      marks: child !== null ? ['★'] : [],
      sectionIds: [],
      ...(child !== null ? { counterpart: { indicator: id, sameScope: true } } : {}),
    });
  }
  return out;
}

/** The synthetic parent and children, their counterpart links and values. */
export function demoHierarchy(opts: DemoHierarchyOptions): DemoHierarchy {
  const n = opts.indicators ?? KINDS.length;
  const baseYear = opts.baseYear ?? 2020;
  const targetYear = opts.targetYear ?? 2025;
  const lastYear = opts.lastYear ?? Math.min(targetYear, baseYear + 4);
  const rnd = seededRandom(opts.seed ?? 1);
  const categories = [...new Set(KINDS.map((k) => k.category))];
  const childLevel: PlanLevel = opts.parentLevel === 'national' ? 'province' : opts.parentLevel === 'province' ? 'city' : 'county';
  const meta = (id: string, region: string, level: PlanLevel, parent?: string) => ({
    id,
    title: `【${DEMO_MARK}】${region}国民经济和社会发展五年规划纲要（虚构）`,
    shortTitle: `【${DEMO_MARK}】${region}规划`,
    region: `${region}（${DEMO_MARK}）`,
    level,
    baseYear,
    targetYear,
    demo: true,
    categories,
    ...(parent ? { parent } : {}),
  });
  const parentId = `${opts.prefix}`;
  const parent = withSettings(
    PlanSchema.parse({
      meta: meta(parentId, opts.parentName, opts.parentLevel),
      indicators: indicatorsFor(n, null, opts.childNames.length, rnd),
    }),
  );
  const children: Plan[] = [];
  const values = new Map<string, Observation[]>();
  opts.childNames.forEach((name, c) => {
    const id = `${opts.prefix}-${c + 1}`;
    const plan = withSettings(
      PlanSchema.parse({ meta: meta(id, name, childLevel, parentId), indicators: indicatorsFor(n, c, 0.6 + rnd() * 0.8, rnd) }),
    );
    children.push(plan);
    const obs: Observation[] = [];
    plan.indicators.forEach((ind, i) => {
      const k = KINDS[i % KINDS.length]!;
      let level = ind.base ?? 0;
      for (let y = baseYear + 1; y <= lastYear; y++) {
        level = k.next(level, rnd());
        obs.push({
          indicatorId: ind.id,
          year: y,
          kind: 'level',
          value: Math.round(level * 100) / 100,
          unit: ind.unit,
          // The last child counts its GDP on another 口径: the roll-up refuses to add it up.
          ...(i === 0 && c === opts.childNames.length - 1 && opts.childNames.length > 1 ? { scope: '新口径（含新划入区域）' } : {}),
          source: { title: `${DEMO_MARK}：${name}统计（虚构）` },
          demo: true,
        });
      }
    });
    values.set(id, obs);
  });
  return { parent, children, values };
}

/** The roll-up demonstration: a fictional city with seven fictional counties. */
export function demoCity(seed = 1): DemoHierarchy {
  return demoHierarchy({
    prefix: 'demo-city',
    parentLevel: 'city',
    parentName: '示例市',
    childNames: ['甲县', '乙县', '丙县', '丁县', '戊县', '己县', '庚县'],
    baseYear: 2020,
    targetYear: 2025,
    lastYear: 2024,
    seed,
  });
}
