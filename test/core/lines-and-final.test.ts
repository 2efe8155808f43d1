/**
 * Issue 14 §2 (lines held) and the engine parts of issue 12: verdicts that need the target year's
 * value, floors kept described as held, 提前实现 never in the target year, ranks read as ranks,
 * provisional 「*」 bases replaced by the base year's own value.
 */
import { describe, expect, it } from 'vitest';
import { evaluateIndicator, evaluatePlan, withWords } from '../../src/core/evaluate.js';
import { evaluateTaskTargets } from '../../src/core/targets.js';
import { loadPlan } from '../../src/plans/load.js';
import { growth, level, planWith } from './fixtures.js';
import type { Observation } from '../../src/core/model.js';

const one = (ind: Parameters<typeof planWith>[0][number], obs: Observation[], year = 2022, final = false) => {
  const plan = planWith([ind]);
  return withWords(evaluateIndicator(plan, plan.indicators[0]!, obs, { year, final }));
};

describe('a ceiling or floor already met at the base is a line to hold', () => {
  const unemployment = { name: '城镇调查失业率', unit: '%', base: 5.2 };
  it('「<5.5」 (base 5.2) is on track while held, never 快于预期 with a completion', () => {
    const r = one({ ...unemployment, target: undefined, growthTarget: '<5.5' }, [level('1', 2022, 5.3)]);
    expect(r.status).toBe('onTrack');
    expect(r.figures.completion).toBeUndefined();
    expect(r.explanation).toContain('守住目标<5.5%');
  });
  it('broken within the band tolerance is 基本符合预期, further 滞后, far 严重滞后', () => {
    // tolerance: 2 % of 5.5 = 0.11
    expect(one({ ...unemployment, target: '<5.5' }, [level('1', 2022, 5.6)]).status).toBe('slightlyBehind');
    expect(one({ ...unemployment, target: '<5.5' }, [level('1', 2022, 5.7)]).status).toBe('lagging');
    expect(one({ ...unemployment, target: '<5.5' }, [level('1', 2022, 6.1)]).status).toBe('seriouslyLagging');
    const broken = one({ ...unemployment, target: '<5.5' }, [level('1', 2022, 5.6)]);
    expect(broken.figures.completion).toBeUndefined();
    expect(broken.explanation).toContain('未守住');
  });
  it('a floor 「>6.5」 the base meets is held, not 提前实现', () => {
    const r = one({ name: '粮食综合生产能力', unit: '亿吨', base: 6.69, target: '>6.5' }, [level('1', 2022, 6.87)]);
    expect(r.status).toBe('onTrack');
    expect(r.status).not.toBe('achieved');
  });
  it('a band 「75左右」 the base is already in is held', () => {
    expect(one({ base: 75.5, target: '75左右', unit: '%' }, [level('1', 2022, 74.2)]).status).toBe('onTrack');
  });
  it('at the end of the period a held line is 完成, a slight breach 基本完成', () => {
    expect(one({ ...unemployment, target: '<5.5' }, [level('1', 2025, 5.3)], 2025, true).verdict).toBe('completed');
    expect(one({ ...unemployment, target: '<5.5' }, [level('1', 2025, 5.6)], 2025, true).verdict).toBe('basicallyCompleted');
    expect(one({ ...unemployment, target: '<5.5' }, [level('1', 2025, 6.0)], 2025, true).verdict).toBe('notCompleted');
  });
  it('a floor kept (基本养老保险参保人数, direction keep) is described as held, with no completion %', () => {
    const r = one(
      { name: '基本养老保险参保人数', unit: '万人', base: 40, target: '38', direction: 'keep' },
      [level('1', 2023, 39.5)],
      2023,
    );
    expect(r.status).toBe('onTrack');
    expect(r.figures.completion).toBeUndefined();
    expect(r.explanation).not.toMatch(/完成进度/);
    expect(r.explanation).toContain('守住底线');
  });
  it('the yearly plan judges the same line', () => {
    const plan = planWith([{ ...unemployment, target: '<5.5' }]);
    const r = evaluatePlan(plan, [level('1', 2022, 5.6)], {
      year: 2022,
      annualTargets: [{ indicatorId: '1', year: 2022, target: '5.5以内' }],
    }).results[0]!;
    expect(r.annual?.verdict).toBe('basicallyCompleted');
  });
});

describe('end-of-period verdicts need the target year (issue 12, domain.md §4)', () => {
  it('a level with only 2022 data is a forecast labelled with its year, never 完成/未完成', () => {
    const r = one({ base: 100, target: '200' }, [level('1', 2021, 110), level('1', 2022, 120)], 2025, true);
    expect(r.verdict).toBe('expectedNotCompleted');
    expect(r.verdictLabel).toBe('预计未完成');
    expect(r.explanation).toContain('依据2022年数据');
  });
  it('already met in 2022 and forecast to hold: 预计完成, not 完成', () => {
    const r = one({ base: 100, target: '120' }, [level('1', 2021, 115), level('1', 2022, 130)], 2025, true);
    expect(r.verdict).toBe('expectedCompleted');
  });
  it('one value and no trend: 数据缺失, the latest progress shown as progress', () => {
    const r = one({ base: null, target: '200' }, [level('1', 2022, 150)], 2025, true);
    expect(r.verdict).toBe('dataMissing');
    expect(r.explanation).toContain('最新进展');
  });
  it('a total needs every year of the period', () => {
    const ind = { name: '城镇新增就业', unit: '万人', base: null, target: '[50]' };
    const years = [2021, 2022, 2023, 2024, 2025];
    expect(
      one(
        ind,
        years.map((y) => level('1', y, 11)),
        2025,
        true,
      ).verdict,
    ).toBe('completed');
    const gap = one(
      ind,
      [2021, 2022, 2024, 2025].map((y) => level('1', y, 13)),
      2025,
      true,
    );
    // 2023 missing: the sum is partial and nothing is left to forecast.
    expect(gap.verdict).toBe('dataMissing');
    expect(one(ind, [level('1', 2021, 5), level('1', 2022, 5)], 2025, true).verdict).toBe('expectedNotCompleted');
  });
  it('a growth target with rates to 2022 only is a forecast', () => {
    const r = one(
      { name: '地区生产总值年均增长', unit: '%', base: null, target: '7以上' },
      [growth('1', 2021, 8), growth('1', 2022, 7.5)],
      2025,
      true,
    );
    expect(r.verdict).toBe('expectedCompleted');
    expect(r.rule.text).toContain('2022');
  });
  it('Xiuzhou GDP and budget revenue are no longer 未完成 from 2022 figures', () => {
    const plan = loadPlan('xiuzhou-14th');
    const e = evaluatePlan(plan, plan.observations, { year: 2025, final: true });
    for (const r of e.results) {
      if (r.figures.dataYear !== undefined && r.figures.dataYear < 2025)
        expect(['completed', 'notCompleted', 'basicallyCompleted', 'totalCompleted']).not.toContain(r.verdict);
    }
    expect(e.counts.notCompleted ?? 0).toBe(0);
  });
});

describe('提前实现 is never said in the target year itself (issue 12)', () => {
  it('a level reached in 2025 is 符合预期', () => {
    expect(one({ base: 100, target: '200' }, [level('1', 2024, 210)], 2024).status).toBe('achieved');
    const r = one({ base: 100, target: '200' }, [level('1', 2025, 210)], 2025);
    expect(r.status).toBe('onTrack');
    expect(r.rule.id).toBe('status.metInTargetYear');
  });
  it('a total reached in 2025 is 符合预期', () => {
    const years = [2021, 2022, 2023, 2024, 2025];
    const r = one(
      { name: '新增就业', unit: '万人', base: null, target: '[50]' },
      years.map((y) => level('1', y, 12)),
      2025,
    );
    expect(r.status).toBe('onTrack');
  });
});

describe('ranks read as ranks (issue 12)', () => {
  const plan = loadPlan('xiuzhou-14th');
  const rankOf = (id: string, value: number) =>
    evaluateTaskTargets(plan, [{ indicatorId: id, year: 2022, kind: 'level', value }], { year: 2022 }).results.find(
      (r) => r.indicatorId === id,
    )!;
  it('「力争跻身…前50强」 is reached by rank 42 and not by rank 60', () => {
    const r = rankOf('tt-hitech-zone-national-rank', 42);
    expect(r.direction).toBe('down');
    expect(r.figures.target).toBe(50);
    expect(r.status).toBe('achieved');
    expect(withWords(r).explanation).toContain('前50强');
    expect(withWords(r).explanation).not.toMatch(/50位以下/);
    expect(rankOf('tt-hitech-zone-national-rank', 60).status).not.toBe('achieved');
  });
  it('「保持全省前三」 means rank ≤ 3', () => {
    expect(rankOf('tt-hitech-zone-province-rank', 2).status).toBe('achieved');
    expect(rankOf('tt-hitech-zone-province-rank', 3).figures.target).toBe(3);
    expect(rankOf('tt-hitech-zone-province-rank', 5).status).not.toBe('achieved');
  });
});

describe('a base marked 「*」 is another year’s data', () => {
  const life = { name: '人均预期寿命', unit: '岁', base: 77.3, baseDataYear: 2019, target: '[1]', periodTotal: 'levelChange' as const };
  it('is kept as a provisional base, and said so', () => {
    const r = one(life, [level('1', 2022, 78.2)]);
    expect(r.figures.base).toBe(77.3);
    expect(r.notes.join()).toContain('2019年数据');
  });
  it('is replaced by the base year’s own value when reported, and said so', () => {
    const r = one(life, [level('1', 2020, 77.93), level('1', 2022, 78.2)]);
    expect(r.figures.base).toBe(77.93);
    expect(r.figures.achievedChange).toBeCloseTo(0.27);
    expect(r.notes.join()).toMatch(/77\.3岁为2019年数据.*77\.93岁替换/);
  });
});
