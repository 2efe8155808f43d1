/**
 * The national 14th-plan table of 20 main indicators, typed exactly as printed (issue 14): it
 * loads, every row is read as the outline means it, and the 2022 verdicts are ones an evaluator
 * would sign, from published 2020–2022 figures (observations.csv names each page read and the original).
 */
import { describe, expect, it } from 'vitest';
import { evaluatePlan, withWords, type IndicatorResultData } from '../../src/core/evaluate.js';
import { readTargets } from '../../src/core/evaluate.js';
import { loadPlan } from '../../src/plans/load.js';

const plan = loadPlan('national-14th');
const byNo = (rs: IndicatorResultData[], no: number) => rs.find((r) => r.no === no)!;

describe('national-14th: the table as printed', () => {
  it('has the 20 rows with the 2025 and 年均/累计 columns exactly as printed, and its source', () => {
    expect(plan.indicators.map((i) => i.no)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(plan.meta.source?.url).toMatch(/gov\.cn/);
    const printed = plan.indicators.map((i) => [i.no, i.target ?? i.growthTarget]);
    expect(printed).toEqual([
      [1, '保持在合理区间、各年度视情提出'],
      [2, '高于GDP增长'],
      [3, '65'],
      [4, '>7、力争投入强度高于"十三五"时期实际'],
      [5, '12'],
      [6, '10'],
      [7, '与GDP增长基本同步'],
      [8, '<5.5'],
      [9, '11.3'],
      [10, '3.2'],
      [11, '95'],
      [12, '4.5'],
      [13, '〔1〕'],
      [14, '〔13.5〕'],
      [15, '〔18〕'],
      [16, '87.5'],
      [17, '85'],
      [18, '24.1'],
      [19, '>6.5'],
      [20, '>46'],
    ]);
    expect(plan.indicators.filter((i) => i.attribute === '约束性').map((i) => i.no)).toEqual([9, 14, 15, 16, 17, 18, 19, 20]);
    expect(plan.indicators.filter((i) => i.baseWritten?.endsWith('*')).map((i) => [i.no, i.baseDataYear])).toEqual([
      [3, 2019],
      [13, 2019],
      [18, 2019],
    ]);
  });

  it('reads every row the way the outline means it', () => {
    const read = (no: number) => {
      const r = readTargets(plan.indicators[no - 1]!);
      return r.target ?? r.growthTarget!;
    };
    expect(read(1)).toMatchObject({ kind: 'qualitative' });
    expect(read(2)).toMatchObject({ kind: 'relational', relation: 'above', ref: 'GDP' });
    expect(read(4)).toMatchObject({ kind: 'growth', ratePct: 7, comparator: 'atLeast', stretchText: '力争投入强度高于"十三五"时期实际' });
    expect(read(7)).toMatchObject({ kind: 'relational', relation: 'sync', ref: 'GDP' });
    // 「<5.5」 in the 年均/累计 column of a rate: a ceiling held every year, not a yearly change.
    expect(read(8)).toMatchObject({ kind: 'level', value: 5.5, comparator: 'atMost' });
    // 〔1〕 on life expectancy: a rise of one year, never a sum of yearly values.
    expect(read(13)).toMatchObject({ kind: 'cumulativeChange', total: 1 });
    expect(read(14)).toMatchObject({ kind: 'cumulative', total: 13.5, compound: true });
    expect(read(19)).toMatchObject({ kind: 'level', value: 6.5, comparator: 'atLeast' });
  });
});

describe('national-14th: every published figure names the page it was read on', () => {
  it('has a title, a URL and the quoted sentence for every value and yearly target', () => {
    expect(plan.observations.length).toBeGreaterThan(50);
    for (const o of [...plan.observations, ...plan.annualTargets]) {
      expect(o.source?.title, JSON.stringify(o)).toBeTruthy();
      expect(o.source?.url, JSON.stringify(o)).toMatch(/^https?:\/\//);
      expect(o.source?.quote, JSON.stringify(o)).toBeTruthy();
    }
  });
  it('2024, the latest year published: the unemployment line held (5.1 under 「<5.5」), urbanisation above 65', () => {
    const rs = evaluatePlan(plan, plan.observations, { year: 2024, annualTargets: plan.annualTargets }).results.map(withWords);
    expect(byNo(rs, 8).status).toBe('onTrack');
    expect(byNo(rs, 3).status).toBe('achieved');
    expect(byNo(rs, 13).figures.base).toBe(77.93);
  });
});

describe('national-14th: the 2022 verdicts', () => {
  const e = evaluatePlan(plan, plan.observations, { year: 2022, annualTargets: plan.annualTargets });
  const rs = e.results.map(withWords);
  const status = (no: number) => byNo(rs, no).status;

  it('城镇调查失业率 5.6 against 「<5.5」 (base 5.2): 基本符合预期, no completion', () => {
    const r = byNo(rs, 8);
    expect(r.status).toBe('slightlyBehind');
    expect(r.figures.completion).toBeUndefined();
    expect(r.explanation).toContain('未守住目标<5.5%');
  });
  it('粮食综合生产能力 6.87 above 「>6.5」 since the base: held, 符合预期, not 提前实现', () => {
    expect(status(19)).toBe('onTrack');
    expect(byNo(rs, 19).notes.join()).toContain('采用报送的2020年数值6.6949亿吨作为基期');
  });
  it('常住人口城镇化率 65.22 against 65, its 2019 base 60.6* replaced by 2020’s census 63.89: reached ahead of time', () => {
    expect(status(3)).toBe('achieved');
    expect(byNo(rs, 3).figures.base).toBe(63.89);
    expect(byNo(rs, 3).notes[0]).toContain('已由报送的2020年数值63.89%替换作为基期');
  });
  it('森林覆盖率: with no 2020 value published, the 2019 base 23.2* stays provisional and the result says so', () => {
    expect(byNo(rs, 18).figures.base).toBe(23.2);
    expect(byNo(rs, 18).notes[0]).toContain('暂作2020年基期');
  });
  it('人均预期寿命: the 2019 base 77.3* replaced by 2020’s 77.93, and said so; +0.27 of 〔1〕 by 2021 (the latest published) against a 20 % time share', () => {
    const r = byNo(rs, 13);
    expect(r.figures.base).toBe(77.93);
    expect(r.figures.dataYear).toBe(2021);
    expect(r.figures.achievedChange).toBeCloseTo(0.27, 5);
    expect(r.notes[0]).toContain('77.3岁为2019年数据');
    expect(r.status).toBe('onTrack');
  });
  it('单位GDP能耗降低 compounds 2.7 % and 0.1 %: 2.80 % of 〔13.5〕, behind the 40 % time share', () => {
    const r = byNo(rs, 14);
    expect(r.figures.cumulativeSum).toBeCloseTo(100 * (1 - 0.973 * 0.999), 6);
    expect(r.status).toBe('lagging');
    expect(r.warning).toBe(true);
  });
  it('GDP growth is judged by the year’s plan: 3.0 % against 「5.5%左右」', () => {
    const r = byNo(rs, 1);
    expect(r.status).toBe('lagging');
    expect(r.explanation).toContain('年度目标5.5%左右');
  });
  it('every row has a verdict an evaluator would sign', () => {
    expect(rs.map((r) => [r.no, r.status])).toEqual([
      [1, 'lagging'],
      [2, 'onTrack'],
      [3, 'achieved'],
      [4, 'ahead'],
      [5, 'ahead'],
      [6, 'dataMissing'],
      [7, 'onTrack'],
      [8, 'slightlyBehind'],
      [9, 'dataMissing'],
      [10, 'ahead'],
      [11, 'dataMissing'],
      [12, 'dataMissing'],
      [13, 'onTrack'],
      [14, 'lagging'],
      [15, 'lagging'],
      [16, 'seriouslyLagging'],
      [17, 'achieved'],
      [18, 'ahead'],
      [19, 'onTrack'],
      [20, 'dataMissing'],
    ]);
    // No held line carries a completion figure.
    for (const no of [8, 19]) expect(byNo(rs, no).figures.completion).toBeUndefined();
  });
  it('at the end of the period, with 2022 the latest year, gives forecasts and gaps, never 完成/未完成', () => {
    const final = evaluatePlan(plan, plan.observations, { year: 2025, final: true, annualTargets: plan.annualTargets });
    for (const r of final.results) expect(['completed', 'notCompleted', 'basicallyCompleted', 'totalCompleted']).not.toContain(r.verdict);
    expect(final.counts.expectedCompleted).toBeGreaterThan(0);
  });
});
