/**
 * The status and verdict words of the evaluation (domain.md §3–4), their colours (green for done,
 * red for seriously lagging, grey for missing data) and English beside the Chinese.
 */
export interface Word {
  zh: string;
  en: string;
  color: string;
  bg: string;
  border: string;
}

export const STATUS: Record<string, Word> = {
  achieved: { zh: '提前实现', en: 'Already achieved', color: '#135200', bg: '#d9f7be', border: '#73d13d' },
  ahead: { zh: '快于预期', en: 'Ahead of schedule', color: '#237804', bg: '#f0ffe0', border: '#95de64' },
  onTrack: { zh: '符合预期', en: 'On schedule', color: '#0050b3', bg: '#e6f4ff', border: '#69b1ff' },
  slightlyBehind: { zh: '基本符合预期', en: 'Slightly behind', color: '#7c5800', bg: '#fffbe6', border: '#ffd666' },
  lagging: { zh: '滞后于预期', en: 'Lagging', color: '#ad4e00', bg: '#fff2e8', border: '#ff9c6e' },
  seriouslyLagging: { zh: '严重滞后', en: 'Seriously lagging', color: '#a8071a', bg: '#fff1f0', border: '#ff7875' },
  assigned: { zh: '以上级考核为准', en: 'Per higher-level assessment', color: '#391085', bg: '#f9f0ff', border: '#b37feb' },
  notEvaluable: { zh: '无法评估', en: 'Not evaluable', color: '#434343', bg: '#f0f0f0', border: '#bfbfbf' },
  dataMissing: { zh: '数据缺失', en: 'Data missing', color: '#595959', bg: '#fafafa', border: '#d9d9d9' },
};

/** Solid colours for charts, in the same order. */
export const STATUS_CHART: Record<string, string> = {
  achieved: '#389e0d',
  ahead: '#95de64',
  onTrack: '#4096ff',
  slightlyBehind: '#fadb14',
  lagging: '#fa8c16',
  seriouslyLagging: '#f5222d',
  assigned: '#9254de',
  notEvaluable: '#8c8c8c',
  dataMissing: '#d9d9d9',
};

export const STATUS_ORDER = [
  'achieved',
  'ahead',
  'onTrack',
  'slightlyBehind',
  'lagging',
  'seriouslyLagging',
  'assigned',
  'notEvaluable',
  'dataMissing',
] as const;

export const VERDICT: Record<string, Word> = {
  completed: { zh: '完成', en: 'Completed', color: '#135200', bg: '#d9f7be', border: '#73d13d' },
  totalCompleted: { zh: '总量完成', en: 'Total completed', color: '#237804', bg: '#f0ffe0', border: '#95de64' },
  basicallyCompleted: { zh: '基本完成', en: 'Basically completed', color: '#7c5800', bg: '#fffbe6', border: '#ffd666' },
  notCompleted: { zh: '未完成', en: 'Not completed', color: '#a8071a', bg: '#fff1f0', border: '#ff7875' },
  expectedCompleted: { zh: '预计完成', en: 'Expected to complete', color: '#0050b3', bg: '#e6f4ff', border: '#69b1ff' },
  expectedNotCompleted: { zh: '预计未完成', en: 'Expected to fall short', color: '#ad4e00', bg: '#fff7e6', border: '#ffc069' },
  assigned: STATUS.assigned!,
  notEvaluable: STATUS.notEvaluable!,
  dataMissing: STATUS.dataMissing!,
};

export const VERDICT_CHART: Record<string, string> = {
  completed: '#389e0d',
  totalCompleted: '#95de64',
  basicallyCompleted: '#fadb14',
  notCompleted: '#f5222d',
  expectedCompleted: '#4096ff',
  expectedNotCompleted: '#fa8c16',
  assigned: '#9254de',
  notEvaluable: '#8c8c8c',
  dataMissing: '#d9d9d9',
};

export const VERDICT_ORDER = [
  'completed',
  'totalCompleted',
  'basicallyCompleted',
  'expectedCompleted',
  'expectedNotCompleted',
  'notCompleted',
  'assigned',
  'notEvaluable',
  'dataMissing',
] as const;

const FALLBACK: Word = STATUS.dataMissing!;

export function wordOf(code: string | undefined, mode: 'progress' | 'final' = 'progress'): Word {
  if (!code) return FALLBACK;
  return (mode === 'final' ? VERDICT[code] : STATUS[code]) ?? STATUS[code] ?? VERDICT[code] ?? FALLBACK;
}

/** Chinese first; in English mode the English follows: 「滞后于预期 Lagging」. */
export function labelOf(code: string | undefined, lang: 'zh' | 'en', mode: 'progress' | 'final' = 'progress'): string {
  const w = wordOf(code, mode);
  return lang === 'en' ? `${w.zh} ${w.en}` : w.zh;
}

/** Workflow states of a value (domain.md §5). */
export const VALUE_STATUS: Record<string, { zh: string; en: string; color: string }> = {
  draft: { zh: '草稿', en: 'Draft', color: 'default' },
  submitted: { zh: '待审核', en: 'Submitted', color: 'processing' },
  returned: { zh: '已退回', en: 'Returned', color: 'warning' },
  approved: { zh: '已审核', en: 'Approved', color: 'success' },
};

export const KIND: Record<string, { zh: string; en: string }> = {
  level: { zh: '水平值', en: 'Level' },
  growth_pct: { zh: '增速（%）', en: 'Growth (%)' },
  change: { zh: '比上年变动', en: 'Change' },
  avg_growth_pct: { zh: '年均增速（%）', en: 'Average growth (%)' },
  avg_change: { zh: '年均变动', en: 'Average change' },
  cumulative: { zh: '累计值', en: 'Cumulative' },
};

export const ROLE: Record<string, { zh: string; en: string }> = {
  admin: { zh: '管理员', en: 'Administrator' },
  reporter: { zh: '填报员', en: 'Reporter' },
  leader: { zh: '领导', en: 'Leader' },
  public: { zh: '公众', en: 'Public' },
};

export const METHOD: Record<string, { zh: string; en: string }> = {
  base: { zh: '基期', en: 'base' },
  observed: { zh: '实际值', en: 'observed' },
  chained: { zh: '按增速推算', en: 'chained from growth' },
  fromAverage: { zh: '按年均推算', en: 'from average' },
};

export function bi(w: { zh: string; en: string } | undefined, lang: 'zh' | 'en', fallback = ''): string {
  if (!w) return fallback;
  return lang === 'en' ? `${w.zh} ${w.en}` : w.zh;
}

/** Project lifecycle, in order: 谋划 → 前期 → 开工 → 在建 → 竣工 → 投产/运营 (src/core/projects.ts). */
export const PROJECT_STAGE: Record<string, { zh: string; en: string }> = {
  planning: { zh: '谋划', en: 'Planning' },
  preparation: { zh: '前期', en: 'Preparation' },
  started: { zh: '开工', en: 'Started' },
  construction: { zh: '在建', en: 'Under construction' },
  completed: { zh: '竣工', en: 'Completed' },
  operation: { zh: '投产/运营', en: 'In operation' },
};
export const PROJECT_STAGES = ['planning', 'preparation', 'started', 'construction', 'completed', 'operation'] as const;

export const PROJECT_CATEGORY: Record<string, { zh: string; en: string }> = {
  industry: { zh: '产业项目', en: 'Industry' },
  infrastructure: { zh: '基础设施', en: 'Infrastructure' },
  publicService: { zh: '公共服务', en: 'Public service' },
  ecology: { zh: '生态环保', en: 'Ecology' },
  culture: { zh: '文化旅游', en: 'Culture and tourism' },
  innovation: { zh: '科技创新', en: 'Innovation' },
  other: { zh: '其他', en: 'Other' },
};

/** Kinds of project warning, with the colour of their tag. */
export const PROJECT_WARNING: Record<string, { zh: string; en: string; color: string }> = {
  investmentBehind: { zh: '投资滞后', en: 'Investment behind', color: 'red' },
  milestoneOverdue: { zh: '节点逾期', en: 'Milestone overdue', color: 'red' },
  stalled: { zh: '阶段停滞', en: 'Stalled', color: 'orange' },
  notStarted: { zh: '未按期开工', en: 'Late start', color: 'orange' },
  issueOpen: { zh: '问题未解决', en: 'Open issue', color: 'gold' },
};
