/** The words Chinese evaluations use, with English second. Codes are stable API values. */

export const STATUS = {
  achieved: { zh: '提前实现', en: 'Already achieved' },
  ahead: { zh: '快于预期', en: 'Ahead of schedule' },
  onTrack: { zh: '符合预期', en: 'On schedule' },
  slightlyBehind: { zh: '基本符合预期', en: 'Slightly behind' },
  lagging: { zh: '滞后于预期', en: 'Lagging' },
  seriouslyLagging: { zh: '严重滞后', en: 'Seriously lagging' },
  assigned: { zh: '以上级考核为准', en: 'Per higher-level assessment' },
  notEvaluable: { zh: '无法评估', en: 'Not evaluable' },
  dataMissing: { zh: '数据缺失', en: 'Data missing' },
} as const;
export type StatusCode = keyof typeof STATUS;
export const STATUS_CODES = Object.keys(STATUS) as StatusCode[];

export const VERDICT = {
  completed: { zh: '完成', en: 'Completed' },
  totalCompleted: { zh: '总量完成', en: 'Total completed' },
  basicallyCompleted: { zh: '基本完成', en: 'Basically completed' },
  notCompleted: { zh: '未完成', en: 'Not completed' },
  expectedCompleted: { zh: '预计完成', en: 'Expected to complete' },
  expectedNotCompleted: { zh: '预计未完成', en: 'Expected to fall short' },
  assigned: { zh: '以上级考核为准', en: 'Per higher-level assessment' },
  notEvaluable: { zh: '无法评估', en: 'Not evaluable' },
  dataMissing: { zh: '数据缺失', en: 'Data missing' },
} as const;
export type VerdictCode = keyof typeof VERDICT;
export const VERDICT_CODES = Object.keys(VERDICT) as VerdictCode[];

/** Reads an official verdict as printed (「完成」「预计完成」) into its code. */
export function verdictFromWord(word: string): VerdictCode {
  const w = word.replace(/\s+/g, '');
  for (const code of VERDICT_CODES) if (VERDICT[code].zh === w) return code;
  if (w === '超额完成' || w === '已完成') return 'completed';
  throw new Error(`未知的评估结论「${word}」，应为：${VERDICT_CODES.map((c) => VERDICT[c].zh).join('、')}`);
}

export const SDG_BAND = {
  onTrack: { zh: '进展顺利', en: 'On track' },
  accelerate: { zh: '需加快推进', en: 'Acceleration needed' },
  limited: { zh: '进展有限', en: 'Limited progress' },
  deterioration: { zh: '出现倒退', en: 'Deterioration' },
} as const;
export type SdgBand = keyof typeof SDG_BAND;

export const UNSD_BAND = {
  onTrack: { zh: '有望实现', en: 'On track' },
  fair: { zh: '需加快', en: 'Fair progress, acceleration needed' },
  stagnation: { zh: '停滞或倒退', en: 'Stagnation or regression' },
} as const;
export type UnsdBand = keyof typeof UNSD_BAND;

export const DIRECTION = {
  up: { zh: '越大越好', en: 'higher is better' },
  down: { zh: '越小越好', en: 'lower is better' },
  band: { zh: '保持在区间内', en: 'within a band' },
  keep: { zh: '守住底线', en: 'keep at or above' },
} as const;

// ───────────────────────────── counting by status ─────────────────────────────

/** Status codes in the order a report counts them: good news first, gaps last (the order of labels.ts). */
export const STATUS_ORDER: StatusCode[] = STATUS_CODES;
export const VERDICT_ORDER: VerdictCode[] = [
  'completed',
  'totalCompleted',
  'basicallyCompleted',
  'expectedCompleted',
  'expectedNotCompleted',
  'notCompleted',
  'assigned',
  'notEvaluable',
  'dataMissing',
];

/** The word for a count key of PlanEvaluation.counts (a status code during the period, a verdict code at its end). */
export function countWord(code: string, final: boolean, lang: 'zh' | 'en' = 'zh'): string {
  const verdicts = VERDICT as Record<string, { zh: string; en: string }>;
  const statuses = STATUS as Record<string, { zh: string; en: string }>;
  return ((final ? verdicts[code] : statuses[code]) ?? statuses[code] ?? verdicts[code])?.[lang] ?? code;
}

/** Count keys in report order, then any key the engine may add later. */
export function orderedCounts(counts: Record<string, number>, final: boolean): [string, number][] {
  const order: string[] = final ? VERDICT_ORDER : STATUS_ORDER;
  const keys = [...order.filter((k) => counts[k]), ...Object.keys(counts).filter((k) => !order.includes(k) && counts[k])];
  return keys.map((k) => [k, counts[k]!]);
}

/**
 * 「提前实现5项，快于预期3项，…」 (in English 「Already achieved 5, Ahead of schedule 3, …」): counts in
 * report order, the one way every count sentence (report, CLI, cockpit) is written.
 */
export function countsText(counts: Record<string, number>, final: boolean, lang: 'zh' | 'en' = 'zh'): string {
  return orderedCounts(counts, final)
    .map(([code, c]) => (lang === 'zh' ? `${countWord(code, final)}${c}项` : `${countWord(code, final, 'en')} ${c}`))
    .join(lang === 'zh' ? '，' : ', ');
}
/** Categories of major projects (重大项目). */
export const PROJECT_CATEGORY = {
  industry: { zh: '产业项目', en: 'Industry' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  publicService: { zh: '公共服务', en: 'Public service' },
  ecology: { zh: '生态环保', en: 'Ecology' },
  culture: { zh: '文化旅游', en: 'Culture and tourism' },
  innovation: { zh: '科技创新', en: 'Innovation' },
  other: { zh: '其他', en: 'Other' },
} as const;

/** A project's lifecycle, in order: 谋划 → 前期 → 开工 → 在建 → 竣工 → 投产/运营. */
export const PROJECT_STAGE = {
  planning: { zh: '谋划', en: 'Planning' },
  preparation: { zh: '前期', en: 'Preparation' },
  started: { zh: '开工', en: 'Started' },
  construction: { zh: '在建', en: 'Under construction' },
  completed: { zh: '竣工', en: 'Completed' },
  operation: { zh: '投产/运营', en: 'In operation' },
} as const;

/** Kinds of project warning (src/core/projects.ts), as a warning list and its rule name them. */
export const PROJECT_WARNING = {
  investmentBehind: { zh: '投资滞后', en: 'Investment behind' },
  milestoneOverdue: { zh: '节点逾期', en: 'Milestone overdue' },
  stalled: { zh: '阶段停滞', en: 'Stalled' },
  notStarted: { zh: '未按期开工', en: 'Late start' },
  issueOpen: { zh: '问题未解决', en: 'Open issue' },
} as const;

// ───────────────────────────── reported values ─────────────────────────────

/** The life of a reported value (domain.md §5): the words of its states (src/core/workflow.ts holds the rules). */
export const VALUE_STATUS = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已审核', en: 'Approved' },
} as const;

/** What an observed figure is: a level, a growth rate, a change on the year, an average, a total. */
export const OBSERVATION_KIND = {
  level: { zh: '水平值', en: 'Level' },
  growth_pct: { zh: '增速（%）', en: 'Growth (%)' },
  change: { zh: '比上年变动', en: 'Change' },
  avg_growth_pct: { zh: '年均增速（%）', en: 'Average growth (%)' },
  avg_change: { zh: '年均变动', en: 'Average change' },
  cumulative: { zh: '累计值', en: 'Cumulative' },
} as const;

/** How a level in a series was reached: the base, an observed figure, or worked out from growth. */
export const LEVEL_METHOD = {
  base: { zh: '基期', en: 'base' },
  observed: { zh: '实际值', en: 'observed' },
  chained: { zh: '按增速推算', en: 'chained from growth' },
  fromAverage: { zh: '按年均推算', en: 'from average' },
} as const;

/** The roles of src/store/accounts.ts. */
export const ROLE = {
  admin: { zh: '管理员', en: 'Administrator' },
  reporter: { zh: '填报员', en: 'Reporter' },
  leader: { zh: '领导', en: 'Leader' },
  public: { zh: '公众', en: 'Public' },
} as const;

// ───────────────────────────── supervision ─────────────────────────────

/** Supervision orders (督办单, src/core/supervision.ts holds their rules): levels, states, subjects. */
export const ORDER_LEVEL = {
  notice: { zh: '提示单', en: 'Notice' },
  order: { zh: '督办单', en: 'Supervision order' },
  special: { zh: '专项督办', en: 'Special supervision' },
} as const;

export const ORDER_STATE = {
  issued: { zh: '待反馈', en: 'Awaiting reply' },
  replied: { zh: '已反馈', en: 'Replied' },
  returned: { zh: '已退回', en: 'Returned' },
  closed: { zh: '已销号', en: 'Closed' },
} as const;

export const SUBJECT_TYPE = {
  indicator: { zh: '指标', en: 'Indicator' },
  task: { zh: '任务目标', en: 'Task target' },
  project: { zh: '重大项目', en: 'Project' },
  report: { zh: '数据报送', en: 'Reporting' },
  other: { zh: '其他事项', en: 'Other' },
} as const;

/** Deadline colours of supervision orders (src/core/deadlines.ts holds the rule). */
export const DEADLINE_COLOUR = {
  none: { zh: '正常', en: 'On time' },
  blue: { zh: '临期', en: 'Due soon' },
  yellow: { zh: '逾期', en: 'Overdue' },
  red: { zh: '严重逾期', en: 'Seriously overdue' },
} as const;

/** What units are assessed on (src/core/assessment.ts holds the scores). */
export const MEASURE = {
  targetsOnTrack: { zh: '指标与任务目标按进度推进', en: 'Targets on track' },
  ordersOnTime: { zh: '督办事项按期销号', en: 'Orders closed by the deadline' },
  reportsOnTime: { zh: '数据按期报送', en: 'Values reported on time' },
} as const;

// ───────────────────────────── units, imports, reporting, audit ─────────────────────────────

/** Kinds of org unit. */
export const UNIT_KIND = {
  district: { zh: '区', en: 'District' },
  zone: { zh: '功能区', en: 'Zone' },
  town: { zh: '镇', en: 'Town' },
  street: { zh: '街道', en: 'Street' },
  department: { zh: '部门', en: 'Department' },
  platform: { zh: '平台', en: 'Platform' },
} as const;

/** What an import does to each row (src/store/imports.ts, src/store/project-ledger.ts). */
export const IMPORT_ACTION = {
  add: { zh: '新增', en: 'Add' },
  change: { zh: '修改', en: 'Change' },
  unchanged: { zh: '未变', en: 'Unchanged' },
  revise: { zh: '口径调整', en: 'Revision' },
} as const;

/** Where a value due in a reporting round stands when it is late (the reporting calendar). */
export const OVERDUE_STATE = {
  missing: { zh: '未填报', en: 'Missing' },
  draft: { zh: '草稿未提交', en: 'Draft not submitted' },
  returned: { zh: '退回未重报', en: 'Returned, not resubmitted' },
} as const;

/** The inputs of a project dimension's score (src/core/projects.ts), as the formula beside it names them. */
export const DIMENSION_INPUT = {
  planned: { zh: '当年计划投资', en: 'Planned this year' },
  completed: { zh: '已完成投资', en: 'Completed' },
  timeShare: { zh: '时序进度', en: 'Time share' },
  industryPlanned: { zh: '产业项目计划投资', en: 'Industry projects planned' },
  secured: { zh: '要素保障到位项目', en: 'Projects with factors secured' },
  withNeeds: { zh: '有要素需求项目', en: 'Projects with factor needs' },
  reserve: { zh: '谋划、前期项目总投资', en: 'Total of projects in planning or preparation' },
  onTime: { zh: '按期完成节点', en: 'Milestones done on time' },
  due: { zh: '到期节点', en: 'Milestones due' },
} as const;

/** An indicator's attribute as the plan prints it (约束性 binding, 预期性 expected), keyed by the printed word. */
export const ATTRIBUTE = {
  约束性: { zh: '约束性', en: 'binding' },
  预期性: { zh: '预期性', en: 'expected' },
} as const;

/** A unit's part in an indicator (src/store/planning.ts). */
export const ASSIGNMENT_ROLE = {
  lead: { zh: '牵头', en: 'lead' },
  cooperate: { zh: '配合', en: 'cooperating' },
  town: { zh: '镇街', en: 'town' },
} as const;

/** The counts of an import's answer (src/server/routes/imports.ts, project-ledger.ts), so it is told in words, never as raw JSON. */
export const IMPORT_SUMMARY = {
  file: { zh: '文件', en: 'File' },
  total: { zh: '数值', en: 'Values' },
  rows: { zh: '行数', en: 'Rows' },
  projects: { zh: '项目', en: 'Projects' },
  months: { zh: '月份', en: 'Months' },
  added: { zh: '新增', en: 'Added' },
  changed: { zh: '修改', en: 'Changed' },
  revised: { zh: '口径调整', en: 'Revised' },
  unchanged: { zh: '未变', en: 'Unchanged' },
  flagged: { zh: '异常提示', en: 'Flagged' },
  issues: { zh: '协调问题', en: 'Coordination issues' },
  indicators: { zh: '涉及指标', en: 'Indicators' },
  years: { zh: '年份', en: 'Years' },
} as const;

/** Colours of a warning (src/core/warnings.ts holds the rules). */
export const WARNING_COLOUR = {
  red: { zh: '红色预警', en: 'Red warning' },
  yellow: { zh: '黄色预警', en: 'Yellow warning' },
  green: { zh: '正常', en: 'Normal' },
} as const;

/** The inputs of an assessment measure's score (src/core/assessment.ts). */
export const MEASURE_INPUT = {
  onTrack: { zh: '按进度推进', en: 'on track' },
  judged: { zh: '已评估', en: 'judged' },
  closedOnTime: { zh: '按期销号', en: 'closed on time' },
  due: { zh: '到期', en: 'due' },
  onTime: { zh: '按期报送', en: 'on time' },
} as const;
/** A project's fields as a form and a message name them. */
export const PROJECT_FIELD = {
  id: { zh: '项目编号', en: 'Project code' },
  name: { zh: '项目名称', en: 'Project name' },
  category: { zh: '项目类别', en: 'Category' },
  ownerUnit: { zh: '业主单位', en: 'Owner' },
  responsibleUnitId: { zh: '责任单位', en: 'Responsible unit' },
  townId: { zh: '所在镇街', en: 'Town' },
  sectionIds: { zh: '对应规划章节', en: 'Plan sections' },
  columnId: { zh: '专栏', en: 'Column' },
  columnItemId: { zh: '专栏条目', en: 'Column item' },
  totalInvestment: { zh: '总投资（亿元）', en: 'Total investment (100m yuan)' },
  annualPlan: { zh: '年度计划投资（亿元）', en: 'Yearly planned investment (100m yuan)' },
  plannedStart: { zh: '计划开工', en: 'Planned start' },
  plannedFinish: { zh: '计划竣工', en: 'Planned finish' },
  stage: { zh: '项目阶段', en: 'Stage' },
  milestones: { zh: '里程碑节点', en: 'Milestones' },
  requirements: { zh: '要素需求', en: 'Factor needs' },
  quantities: { zh: '建设内容与规模', en: 'Scope in the plan' },
  description: { zh: '项目简介', en: 'Description' },
} as const;

/** How one plan stands to another (规划体系). */
export const PLAN_RELATION: Record<string, { zh: string; en: string }> = {
  parent: { zh: '上级规划', en: 'parent plan' },
  predecessor: { zh: '上一期规划', en: 'predecessor plan' },
  serves: { zh: '服务的规划', en: 'plan it serves' },
};

/** How an indicator stands to another plan's. */
export const INDICATOR_RELATION: Record<string, { zh: string; en: string }> = {
  counterpart: { zh: '上级规划中的对应指标', en: 'counterpart in the parent plan' },
  predecessor: { zh: '上一期规划中的对应指标', en: 'counterpart in the predecessor plan' },
};

/** The parts of a plan draft read from its document. */
export const DRAFT_PART: Record<string, { zh: string; en: string }> = {
  meta: { zh: '规划基本信息', en: 'plan facts' },
  chapters: { zh: '章节', en: 'chapter' },
  columns: { zh: '专栏', en: 'column' },
  indicators: { zh: '指标', en: 'indicator' },
  taskTargets: { zh: '任务目标', en: 'task target' },
  projects: { zh: '重大项目', en: 'project' },
  orgUnits: { zh: '单位', en: 'unit' },
};

/** Where a unit is notified. */
export const CONTACT_CHANNEL: Record<string, { zh: string; en: string }> = {
  email: { zh: '邮箱', en: 'e-mail' },
  dingtalk: { zh: '钉钉', en: 'DingTalk' },
};
