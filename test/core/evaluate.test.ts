import { describe, expect, it } from 'vitest';
import {
  evaluateIndicator,
  evaluatePlan,
  judgeAnnual,
  scheduleStatus,
  timeShare,
  warningsFirst,
  withWords,
} from '../../src/core/evaluate.js';
import { demoValues } from '../../src/core/demo.js';
import { loadPlan } from '../../src/plans/load.js';
import { growth, level, planWith } from './fixtures.js';
import type { Observation } from '../../src/core/model.js';

const evalOne = (ind: Parameters<typeof planWith>[0][number], obs: Observation[], year = 2023, final = false, settings = {}) => {
  const plan = planWith([ind], settings);
  return evaluateIndicator(plan, plan.indicators[0]!, obs, { year, final });
};

describe('time share and schedule status (domain.md §3)', () => {
  it('time share of 2023 in a 2020–2025 plan is 60 %', () => {
    expect(timeShare(2023, 2020, 2025)).toBeCloseTo(0.6);
  });
  it('maps completion against time share with δ', () => {
    expect(scheduleStatus(0.75, 0.6, 0.1).status).toBe('ahead');
    expect(scheduleStatus(0.7, 0.6, 0.1).status).toBe('ahead');
    expect(scheduleStatus(0.65, 0.6, 0.1).status).toBe('onTrack');
    expect(scheduleStatus(0.6, 0.6, 0.1).status).toBe('onTrack');
    expect(scheduleStatus(0.55, 0.6, 0.1).status).toBe('slightlyBehind');
    expect(scheduleStatus(0.5, 0.6, 0.1).status).toBe('slightlyBehind');
    expect(scheduleStatus(0.3, 0.6, 0.1).status).toBe('lagging');
    expect(scheduleStatus(0, 0.6, 0.1).status).toBe('seriouslyLagging');
    expect(scheduleStatus(-0.2, 0.6, 0.1).status).toBe('seriouslyLagging');
  });
  it('δ is a plan setting', () => {
    const r = evalOne({}, [level('1', 2023, 150)], 2023, false, { scheduleDelta: 0.05 });
    // p = 0.5, τ = 0.6: with δ = 0.05 this is lagging, with the default 0.1 it is slightly behind.
    expect(r.status).toBe('lagging');
    expect(evalOne({}, [level('1', 2023, 150)]).status).toBe('slightlyBehind');
  });
});

describe('level targets during the period', () => {
  it('computes completion, time share, required growth and the rule', () => {
    const r = evalOne({ base: 100, target: '200' }, [level('1', 2021, 115), level('1', 2023, 170)]);
    expect(r.figures.completion).toBeCloseTo(0.7);
    expect(r.figures.timeShare).toBeCloseTo(0.6);
    expect(r.status).toBe('ahead');
    expect(r.rule.id).toBe('status.ahead');
    expect(r.figures.requiredGrowthPct).toBeCloseTo((Math.pow(200 / 170, 1 / 2) - 1) * 100, 6);
    expect(r.explain()).toContain('完成进度70%');
  });
  it('reports a met target as already achieved', () => {
    expect(evalOne({ target: '93以上', base: 87.2, unit: '%' }, [level('1', 2022, 94)]).status).toBe('achieved');
    expect(evalOne({ name: '细颗粒物(PM2.5)平均浓度', target: '27以下', base: 28 }, [level('1', 2022, 26)]).status).toBe('achieved');
  });
  it('handles lower-is-better targets by the same completion formula', () => {
    const r = evalOne({ name: '城镇登记失业率', base: 4, target: '3', unit: '%' }, [level('1', 2023, 3.5)]);
    expect(r.direction).toBe('down');
    expect(r.figures.completion).toBeCloseTo(0.5);
    expect(r.status).toBe('slightlyBehind');
  });
  it('moving away from the target is seriously lagging', () => {
    expect(evalOne({}, [level('1', 2023, 90)]).status).toBe('seriouslyLagging');
  });
  it('a band target counts as met within ±2 % of the target', () => {
    expect(evalOne({ base: 70, target: '75左右', unit: '%' }, [level('1', 2023, 73.6)]).status).toBe('achieved');
    expect(evalOne({ base: 70, target: '75左右', unit: '%' }, [level('1', 2023, 73.4)]).status).not.toBe('achieved');
  });
  it('a floor to keep is on track while held, seriously lagging when broken', () => {
    expect(evalOne({ base: 45.82, target: '44.47', direction: 'keep' }, [level('1', 2023, 45)]).status).toBe('onTrack');
    expect(evalOne({ base: 45.82, target: '44.47', direction: 'keep' }, [level('1', 2023, 44)]).status).toBe('seriouslyLagging');
  });
  it('says data missing when there is none, and never invents a value', () => {
    const r = evalOne({}, []);
    expect(r.status).toBe('dataMissing');
    expect(r.figures.latest).toBeUndefined();
  });
  it('without a base it can only tell whether the target is met', () => {
    expect(evalOne({ base: null, target: '75左右' }, [level('1', 2023, 75)]).status).toBe('achieved');
    const r = evalOne({ base: null, target: '75左右' }, [level('1', 2023, 70)]);
    expect(r.status).toBe('notEvaluable');
    expect(r.explain()).toContain('基期值缺失');
  });
  it('forecasts the target year from the realised CAGR', () => {
    const r = evalOne({ base: 100, target: '200' }, [level('1', 2022, 121)]);
    expect(r.figures.forecast?.method).toBe('cagr');
    expect(r.figures.forecast?.value).toBeCloseTo(100 * Math.pow(1.1, 5), 6);
    expect(r.figures.anticipatedCompletion).toBeCloseTo((100 * Math.pow(1.1, 5) - 100) / 100, 6);
  });
  it('forecasts rates with a linear trend', () => {
    const r = evalOne({ base: 50, target: '80', unit: '%' }, [level('1', 2021, 56), level('1', 2022, 62)]);
    expect(r.figures.forecast?.method).toBe('linear');
    expect(r.figures.forecast?.value).toBeCloseTo(80, 6);
  });
  it('gives the Open SDG ratio and UNSD band as a second opinion', () => {
    const r = evalOne({ base: 100, target: '200' }, [level('1', 2023, 110)]);
    const req = Math.pow(2, 1 / 5) - 1;
    const obs = Math.pow(1.1, 1 / 3) - 1;
    expect(r.figures.sdgRatio).toBeCloseTo(obs / req, 6);
    expect(r.figures.sdgBand).toBe('limited');
    expect(r.figures.unsdBand).toBe('fair');
  });
});

describe('scope (口径) and growth-only observations', () => {
  it('does not compare a value on another scope with the base, and chains comparable growth instead', () => {
    const obs = [growth('1', 2021, 8.5), level('1', 2022, 622.31, { scope: '小口径' }), growth('1', 2022, 4.3, { scope: '小口径' })];
    const r = evalOne({ base: 503.2, target: '700', realGrowth: true }, obs, 2022);
    expect(r.comparable).toBe(false);
    expect(r.figures.latest?.method).toBe('chained');
    expect(r.figures.latest?.value).toBeCloseTo(503.2 * 1.085 * 1.043, 6);
    expect(r.notes.join()).toContain('小口径');
    expect(r.notes.join()).toContain('不含价格因素');
    expect(r.status).toBe('slightlyBehind');
  });
  it('is not evaluable when only an incomparable level exists', () => {
    const r = evalOne({ base: 503.2, target: '700' }, [level('1', 2022, 622.31, { scope: '小口径' })], 2022);
    expect(r.status).toBe('notEvaluable');
    expect(r.comparable).toBe(false);
  });
  it('chains only an unbroken run of growth rates', () => {
    const r = evalOne({ base: 100, target: '200' }, [growth('1', 2021, 10), growth('1', 2023, 10)], 2023);
    expect(r.figures.latest?.year).toBe(2021);
  });
});

describe('growth, cumulative, relational and assigned targets', () => {
  it('judges an average growth target on the geometric mean of yearly rates', () => {
    const r = evalOne(
      { name: '全员劳动生产率年均增长', base: null, unit: '%', target: '7以上' },
      [growth('1', 2021, 6), growth('1', 2022, 8.2)],
      2022,
    );
    expect(r.figures.realisedGrowthPct).toBeCloseTo((Math.sqrt(1.06 * 1.082) - 1) * 100, 6);
    expect(r.status).toBe('onTrack');
    const slow = evalOne({ name: '全员劳动生产率年均增长', base: null, unit: '%', target: '7以上' }, [growth('1', 2021, 3)], 2021);
    expect(slow.status).toBe('lagging');
    expect(slow.figures.requiredGrowthPct).toBeGreaterThan(7);
  });
  it('sums the yearly values for a [..] target', () => {
    const obs = [level('1', 2021, 0.6), level('1', 2022, 0.6)];
    const r = evalOne({ base: 0.9, target: '[2.7]', unit: '万人' }, obs, 2022);
    expect(r.figures.cumulativeSum).toBeCloseTo(1.2);
    expect(r.figures.completion).toBeCloseTo(1.2 / 2.7);
    expect(r.status).toBe('onTrack');
  });
  it('measures a cumulative change from yearly changes when the base is blank', () => {
    const obs: Observation[] = [
      { indicatorId: '1', year: 2021, kind: 'change', value: -1 },
      { indicatorId: '1', year: 2022, kind: 'change', value: -1.2 },
    ];
    const r = evalOne({ name: '儿童青少年总体近视率降低', base: null, unit: '%', target: '5(累计)' }, obs, 2022);
    expect(r.figures.achievedChange).toBeCloseTo(2.2);
    expect(r.figures.completion).toBeCloseTo(0.44);
    expect(r.status).toBe('onTrack');
    obs.push({ indicatorId: '1', year: 2022, kind: 'change', value: -2 });
    expect(evalOne({ name: '儿童青少年总体近视率降低', base: null, unit: '%', target: '5(累计)' }, obs, 2022).status).toBe('ahead');
  });
  it('compares a relational target with its reference indicator', () => {
    const plan = planWith([
      { name: '地区生产总值', base: 100, target: '200' },
      { name: '生产性服务业五大行业增加值年均增长', base: null, unit: '%', target: '高于地区生产总值年均增长' },
      { name: '城镇居民人均可支配收入年均增长', base: null, unit: '%', target: '与地区生产总值年均增长基本同步' },
    ]);
    const obs = [growth('1', 2021, 7), growth('2', 2021, 8), growth('3', 2021, 6.8)];
    const ev = evaluatePlan(plan, obs, { year: 2021 });
    expect(ev.results[1]!.status).toBe('onTrack');
    expect(ev.results[1]!.figures.referenceGrowthPct).toBeCloseTo(7);
    expect(ev.results[2]!.status).toBe('onTrack');
    const lagging = evaluatePlan(plan, [growth('1', 2021, 7), growth('3', 2021, 5)], { year: 2021 });
    expect(lagging.results[2]!.status).toBe('lagging');
  });
  it('leaves an assigned target to the higher level until a verdict is recorded', () => {
    const r = evalOne({ target: '完成上级下达目标', base: null, unit: '%', attribute: '约束性' }, [], 2023, true);
    expect(r.verdict).toBe('assigned');
    expect(r.verdictLabel).toBe('以上级考核为准');
    const plan = planWith([{ target: '完成上级下达目标', base: null }]);
    const withOfficial = evaluateIndicator(plan, plan.indicators[0]!, [], {
      year: 2025,
      final: true,
      officialVerdicts: { '1': { verdict: '完成', reason: '省考核结果' } },
    });
    expect(withOfficial.shownLabel).toBe('完成');
    expect(withOfficial.verdict).toBe('assigned');
  });
});

describe('end-of-period verdicts (domain.md §4)', () => {
  it('完成, flagged 超额 when the change exceeds the required change by 20 %', () => {
    const r = evalOne({ base: 100, target: '200' }, [level('1', 2025, 230)], 2025, true);
    expect(r.verdict).toBe('completed');
    expect(r.exceeded).toBe(true);
    expect(evalOne({ base: 100, target: '200' }, [level('1', 2025, 210)], 2025, true).exceeded).toBe(false);
  });
  it('总量完成 when the level is met and its paired growth target is not', () => {
    const r = evalOne(
      { base: 296.4, target: '400', growthTarget: '7%' },
      [level('1', 2025, 503.2), { indicatorId: '1', year: 2025, kind: 'avg_growth_pct', value: 6.2 }],
      2025,
      true,
    );
    expect(r.verdict).toBe('totalCompleted');
  });
  it('基本完成 within 5 % of the target, 未完成 beyond', () => {
    expect(evalOne({ base: 40823, target: '58600' }, [level('1', 2025, 57915)], 2025, true).verdict).toBe('basicallyCompleted');
    expect(evalOne({ base: 193, target: '310' }, [level('1', 2025, 196.2)], 2025, true).verdict).toBe('notCompleted');
  });
  it('预计完成 when final data are missing and the forecast meets the target', () => {
    const r = evalOne({ base: 100, target: '200' }, [level('1', 2023, 160)], 2025, true);
    expect(r.verdict).toBe('expectedCompleted');
    expect(r.rule.id).toBe('verdict.expected');
  });
  it('an official verdict overrides what reports show, and the computed one stays visible', () => {
    const r = evalOne(
      { base: 193, target: '310', officialVerdict: { verdict: '完成', reason: '统计制度改变' } },
      [level('1', 2025, 196.2)],
      2025,
      true,
    );
    expect(r.verdict).toBe('notCompleted');
    expect(r.officialVerdict?.verdict).toBe('completed');
    expect(r.shownLabel).toBe('完成');
    expect(r.notes.join()).toContain('计算结论为「未完成」');
  });
  it('thresholds are plan settings', () => {
    const r = evalOne({ base: 40823, target: '58600' }, [level('1', 2025, 57915)], 2025, true, { basicCompletionPct: 1 });
    expect(r.verdict).toBe('notCompleted');
  });
});

describe('warnings and the yearly plan', () => {
  it('puts binding lagging indicators first', () => {
    const plan = planWith([{ attribute: '预期性' }, { attribute: '约束性' }]);
    const ev = evaluatePlan(plan, [level('1', 2023, 110), level('2', 2023, 110)], { year: 2023 });
    expect(ev.results.map((r) => r.warning)).toEqual([false, true]);
    expect(warningsFirst(ev.results)[0]!.indicatorId).toBe('2');
    expect(ev.warnings).toBe(1);
  });
  it('judges a year against its yearly-plan target', () => {
    const plan = planWith([{ name: '地区生产总值' }]);
    const a = judgeAnnual(
      plan.indicators[0]!,
      { indicatorId: '1', year: 2022, target: '增长7.5%左右' },
      [growth('1', 2022, 4.3)],
      plan.settings,
      'up',
    );
    expect(a.verdict).toBe('notCompleted');
    expect(a.explanation).toContain('低于目标3.2个百分点');
    const ok = judgeAnnual(
      plan.indicators[0]!,
      { indicatorId: '1', year: 2022, target: '增长7.5%左右' },
      [growth('1', 2022, 7.6)],
      plan.settings,
      'up',
    );
    expect(ok.verdict).toBe('completed');
  });
});

describe('results stand on their own', () => {
  // The engine reuses its working state from one indicator to the next: a result's words and figures
  // must not change with what was judged after it.
  it('gives every indicator the same words and figures whatever the order the plan lists them in', () => {
    const plan = loadPlan('xiuzhou-14th');
    const reversed = { ...plan, indicators: [...plan.indicators].reverse() };
    const observations = [...plan.observations, ...demoValues(plan, { seed: 3, until: 2024 }).observations];
    for (const opts of [{ year: 2023 }, { year: 2025, final: true }, { year: 2024, final: true }]) {
      const words = (p: typeof plan) =>
        new Map(evaluatePlan(p, observations, opts).results.map((r) => [r.indicatorId, { ...withWords(r), observations: undefined }]));
      const a = words(plan);
      const b = words(reversed);
      expect(a.size).toBe(plan.indicators.length);
      for (const [id, r] of a) expect(b.get(id), id).toEqual(r);
      // Not every explanation is the same sentence: the check above compares real words.
      expect(new Set([...a.values()].map((r) => r.explanation)).size).toBeGreaterThan(20);
    }
  });
});
