/**
 * Facts about a plan that every screen and report states the same way: its period and how many
 * main indicators it has. A plan table prints some indicators with sub-rows (「居民人均可支配收入年均增长」
 * with its urban and rural rows): they are one main indicator but two measured items, so a count
 * says both where they differ (「37项（38个测算项）」).
 */
/** The plan period as plans print it: the years after the base year up to the target year (2021—2025). */
export function planPeriod(meta: { baseYear: number; targetYear: number }): string {
  return `${meta.baseYear + 1}—${meta.targetYear}`;
}

export interface IndicatorCount {
  /** Main indicators: rows of the plan table, a row with sub-rows counted once. */
  main: number;
  /** Measured items: what is evaluated, each sub-row on its own. */
  measured: number;
}

/** Counts indicators (or results) by their row number in the plan table. */
export function indicatorCount(items: readonly { no: number }[]): IndicatorCount {
  return { main: new Set(items.map((i) => i.no)).size, measured: items.length };
}

/** 「37项（38个测算项）」, or 「12项」 where no sub-row is counted; English 「37 (38 measured items)」. */
export function indicatorCountText(items: readonly { no: number }[], lang: 'zh' | 'en' = 'zh'): string {
  const { main, measured } = indicatorCount(items);
  if (lang === 'en') return main === measured ? `${main}` : `${main} (${measured} measured items)`;
  return main === measured ? `${main}项` : `${main}项（${measured}个测算项）`;
}
