import { PlanSchema, withSettings, type Observation, type Plan, type PlanInput } from '../../src/core/model.js';

type IndicatorInput = PlanInput['indicators'][number];

/** A minimal 2020–2025 plan around the given indicators. */
export function planWith(indicators: Partial<IndicatorInput>[], settings: Record<string, number> = {}): Plan {
  return withSettings(
    PlanSchema.parse({
      meta: {
        id: 'test',
        title: '测试规划',
        shortTitle: '测试',
        region: '测试区',
        baseYear: 2020,
        targetYear: 2025,
        categories: ['经济发展'],
        settings,
      },
      indicators: indicators.map((i, k) => ({
        id: String(k + 1),
        no: k + 1,
        category: '经济发展',
        name: `指标${k + 1}`,
        unit: '亿元',
        base: 100,
        target: '200',
        ...i,
      })),
    }),
  );
}

export function level(indicatorId: string, year: number, value: number, extra: Partial<Observation> = {}): Observation {
  return { indicatorId, year, kind: 'level', value, ...extra };
}

export function growth(indicatorId: string, year: number, value: number, extra: Partial<Observation> = {}): Observation {
  return { indicatorId, year, kind: 'growth_pct', value, ...extra };
}
