import { describe, expect, it } from 'vitest';
import type { Indicator, Observation } from '../../src/core/model.js';
import { checkValue } from '../../src/core/quality.js';

const ind = { id: 'x', unit: '万元' } as Indicator;
const history: Observation[] = [
  [2020, 100],
  [2021, 110],
  [2022, 120],
  [2023, 130],
].map(([year, value]) => ({ indicatorId: 'x', year: year!, kind: 'level', value: value! }));

describe('the outlier flag', () => {
  it('says how far the value is from the previous year and from the usual values, not a test statistic', () => {
    const [flag] = checkValue(ind, { year: 2024, kind: 'level', value: 3200 }, history, { outlierZ: 3.5 });
    expect(flag).toMatchObject({ code: 'outlier', severity: 'flag' });
    expect(flag!.message).toBe(
      '2024年填报3200万元，比上年（2023年130万元）高3070万元，是上年的24.6倍，该指标以往各年数值在100—130万元之间（中位数115万元），变动远超以往，请核实；如数值无误，请说明原因后再提交',
    );
    expect(flag!.message).not.toMatch(/Z值|阈值|outlier/);
    expect(flag!.figures).toMatchObject({ previousYear: 2023, previous: 130, usualMin: 100, usualMax: 130 });
  });

  it('names a fall as a share of the previous year', () => {
    const [flag] = checkValue(ind, { year: 2024, kind: 'level', value: 20 }, history, { outlierZ: 3.5 });
    expect(flag!.message).toContain('比上年（2023年130万元）低110万元，仅为上年的15.4%');
  });
});

describe('an implausible growth rate', () => {
  const rate = { id: '2', unit: '%' } as Indicator;
  it('asks to confirm 48% average growth, naming the usual range', () => {
    const [flag] = checkValue(rate, { year: 2023, kind: 'avg_growth_pct', value: 48 }, [], { outlierZ: 3.5 });
    expect(flag).toMatchObject({ code: 'range.rate', severity: 'flag' });
    expect(flag!.message).toContain('2023年填报年均增速48%，超出年均增速通常的范围（-20%—30%）');
    expect(flag!.message).toContain('请说明原因后再提交');
  });
  it('takes a usual growth rate without a word', () => {
    expect(checkValue(rate, { year: 2023, kind: 'growth_pct', value: 7.2 }, [], { outlierZ: 3.5 })).toEqual([]);
    expect(checkValue(rate, { year: 2023, kind: 'growth_pct', value: -25 }, [], { outlierZ: 3.5 })[0]?.code).toBe('range.rate');
  });
});
