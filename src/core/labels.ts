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
  'notCompleted',
  'assigned',
  'notEvaluable',
  'dataMissing',
];

/** The word for a count key of PlanEvaluation.counts (a status code during the period, a verdict code at its end). */
export function countWord(code: string, final: boolean): string {
  const verdicts = VERDICT as Record<string, { zh: string }>;
  const statuses = STATUS as Record<string, { zh: string }>;
  return (final ? verdicts[code] : statuses[code])?.zh ?? statuses[code]?.zh ?? verdicts[code]?.zh ?? code;
}

/** Count keys in report order, then any key the engine may add later. */
export function orderedCounts(counts: Record<string, number>, final: boolean): [string, number][] {
  const order: string[] = final ? VERDICT_ORDER : STATUS_ORDER;
  const keys = [...order.filter((k) => counts[k]), ...Object.keys(counts).filter((k) => !order.includes(k) && counts[k])];
  return keys.map((k) => [k, counts[k]!]);
}

/** 「提前实现5项，快于预期3项，…」: counts in report order, the one way every count sentence (report, CLI, cockpit) is written. */
export function countsText(counts: Record<string, number>, final: boolean): string {
  return orderedCounts(counts, final)
    .map(([code, c]) => `${countWord(code, final)}${c}项`)
    .join('，');
}
