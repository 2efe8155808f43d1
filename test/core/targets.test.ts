import { describe, expect, it } from 'vitest';
import { evaluateTaskTargets, findTarget, monitoredTargets, TASK_CATEGORY } from '../../src/core/targets.js';
import { checkPlan } from '../../src/core/validate.js';
import type { Plan } from '../../src/core/model.js';
import { level, planWith } from './fixtures.js';

function withTasks(): Plan {
  const plan = planWith([{}]);
  plan.taskTargets = [
    { id: 'tt-piles', sectionId: '1.1', name: '新建充电桩', unit: '个', target: '[1000]', quote: '新建充电桩1000个' },
    { id: 'tt-parks', sectionId: '1.1', name: '建成口袋公园', unit: '个', target: '40', quote: '建成口袋公园40个' },
  ];
  return plan;
}

describe('task targets are monitored like indicators', () => {
  it('are found by id after the indicators, in the task category, with no base of their own', () => {
    const plan = withTasks();
    expect(monitoredTargets(plan).map((i) => i.id)).toEqual(['1', 'tt-piles', 'tt-parks']);
    expect(findTarget(plan, 'tt-parks')).toMatchObject({ category: TASK_CATEGORY, base: null, target: '40', sectionIds: ['1.1'] });
    expect(findTarget(plan, 'nope')).toBeUndefined();
  });

  it('judge an amount over the period against the time share, and a level with no base only once reached — or against a reported base', () => {
    const plan = withTasks();
    const piles = [level('tt-piles', 2021, 250), level('tt-piles', 2022, 300), level('tt-piles', 2023, 250)];
    const ev = evaluateTaskTargets(plan, [...piles, level('tt-parks', 2023, 30)], { year: 2023 });
    const byId = new Map(ev.results.map((r) => [r.indicatorId, r]));
    expect(byId.get('tt-piles')).toMatchObject({ status: 'ahead' });
    expect(byId.get('tt-piles')!.figures.completion).toBeCloseTo(0.8);
    // 30 of 40 parks, but from where? With no base the schedule cannot be judged, only the target.
    expect(byId.get('tt-parks')!.status).toBe('notEvaluable');
    expect(byId.get('tt-parks')!.explain()).toContain('基期值缺失');
    // A value reported for the base year (2020: 10 parks) becomes the base, openly.
    const withBase = evaluateTaskTargets(plan, [level('tt-parks', 2020, 10), level('tt-parks', 2023, 30)], { year: 2023 });
    const parks = withBase.results.find((r) => r.indicatorId === 'tt-parks')!;
    expect(parks.figures.completion).toBeCloseTo(20 / 30);
    expect(parks.status).toBe('onTrack');
    expect(parks.notes.join()).toContain('作为基期');
    expect(ev.counts).toEqual({ ahead: 1, notEvaluable: 1 });
  });

  it('may not share an id with an indicator: their values share one key space', () => {
    const plan = withTasks();
    plan.taskTargets[0]!.id = '1';
    expect(checkPlan(plan).map((p) => p.message)).toContain('id "1" is also an indicator\'s id');
  });
});
