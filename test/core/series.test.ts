import { describe, expect, it } from 'vitest';
import { evaluatePlan, withWords } from '../../src/core/evaluate.js';
import { avgChangeOf, buildSeries, cumulativeOf, levelsOf } from '../../src/core/series.js';
import type { Observation } from '../../src/core/model.js';
import { growth, level, planWith } from './fixtures.js';

const ind = planWith([{}]).indicators[0]!;

describe('buildSeries reads values in any order', () => {
  const inOrder = [level('1', 2021, 110), level('1', 2022, 118), level('1', 2023, 130)];
  const shuffled: Observation[] = [
    level('1', 2023, 130),
    level('2', 2022, 999),
    level('1', 2021, 110),
    level('1', 2026, 500),
    level('1', 2022, 118),
  ];

  it('gives the same series for shuffled values, other indicators’ values and later years mixed in', () => {
    const a = buildSeries(ind, inOrder, 2020, 2025);
    const b = buildSeries(ind, shuffled, 2020, 2025);
    expect(b.latest).toEqual(a.latest);
    expect(b.avgGrowth).toEqual(a.avgGrowth);
    expect(cumulativeOf(b)).toEqual(cumulativeOf(a));
    expect(cumulativeOf(a)).toMatchObject({ sum: 358, until: 2023, yearCount: 3, method: 'summed' });
    expect(avgChangeOf(b)).toEqual(avgChangeOf(a));
    expect(avgChangeOf(a)?.until).toBe(2023);
    expect(b.used.map((o) => o.year)).toEqual([2021, 2022, 2023]);
    expect(levelsOf(b)).toEqual(levelsOf(a));
  });

  it('collects the levels on first use: the base, then one comparable level per year, the later report winning', () => {
    const s = buildSeries(
      ind,
      [level('1', 2021, 110), level('1', 2021, 112), { ...level('1', 2022, 5000), scope: '大口径' }, level('1', 2023, 130)],
      2020,
      2025,
    );
    expect(s.levels).toBeUndefined();
    const levels = levelsOf(s);
    expect(levels.map((l) => [l.year, l.value, l.method])).toEqual([
      [2020, 100, 'base'],
      [2021, 112, 'observed'],
      [2023, 130, 'observed'],
    ]);
    expect(levelsOf(s)).toBe(levels);
    expect(s.incomparable.map((o) => o.year)).toEqual([2022]);
    expect(s.latest).toMatchObject({ year: 2023, value: 130, method: 'observed' });
  });

  it('chains growth rates after the last level into estimated levels, in the level list too', () => {
    const s = buildSeries(ind, [level('1', 2021, 110), growth('1', 2022, 10), growth('1', 2023, 10)], 2020, 2025);
    expect(s.latest).toMatchObject({ year: 2023, method: 'chained' });
    expect(s.latest!.value).toBeCloseTo(133.1);
    expect(levelsOf(s).map((l) => l.method)).toEqual(['base', 'observed', 'chained', 'chained']);
  });
});

describe('results carry their words on request', () => {
  it('withWords writes the explanation out and drops the function, so JSON has the words', () => {
    const plan = planWith([{ base: 100, target: '200' }]);
    const [r] = evaluatePlan(plan, [level('1', 2023, 170)], { year: 2023 }).results;
    const data = withWords(r!);
    expect(data.explanation).toBe(r!.explain());
    expect(data.explanation).toContain('完成进度70%');
    expect(JSON.parse(JSON.stringify(data)).explanation).toBe(data.explanation);
    expect('explain' in data).toBe(false);
  });
});
