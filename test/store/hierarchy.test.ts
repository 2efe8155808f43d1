import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCity } from '../../src/core/demo-hierarchy.js';
import { SUM_LABEL } from '../../src/core/rollup.js';
import { listAssignedTargets, setAssignedTarget, withdrawAssignedTarget } from '../../src/store/assigned.js';
import { listAudit } from '../../src/store/audit.js';
import { addDemoHierarchy } from '../../src/store/demo.js';
import { markDemoWorkspace } from '../../src/store/demo-guard.js';
import { evaluateStored } from '../../src/store/evaluation.js';
import { indicatorLinks, planRelations, setIndicatorLink, setPlanLink } from '../../src/store/hierarchy.js';
import { addPlan, getPlan } from '../../src/store/plans.js';
import { returnFromAbove, storedRollup } from '../../src/store/rollup.js';
import { SYSTEM } from '../../src/store/util.js';
import { getValue, saveValue, transition } from '../../src/store/values.js';
import { DIALECTS, makeStore, type TestStore } from './harness.js';

describe.each(DIALECTS)('plan hierarchy on %s', (dialect) => {
  let t: TestStore;
  const city = demoCity(3);
  beforeAll(async () => {
    t = await makeStore(dialect);
    await t.store.db.transaction().execute(async (trx) => {
      // The synthetic city lives only in demo workspaces: this test store is made one.
      await markDemoWorkspace(trx);
      await addDemoHierarchy(trx, city);
    });
  });
  afterAll(async () => t.cleanup());

  it('never lets the synthetic city into a real store', async () => {
    const real = await makeStore(dialect);
    try {
      await expect(real.store.db.transaction().execute((trx) => addDemoHierarchy(trx, city))).rejects.toThrow('示例数据');
      await expect(addPlan(real.store.db, city.children[0]!)).rejects.toThrow('示例数据');
      expect(await getPlan(real.store.db, 'demo-city')).toBeUndefined();
    } finally {
      await real.cleanup();
    }
  });

  it('reads the relations the plan files state, and their inverses', async () => {
    const r14 = await planRelations(t.store.db, 'xiuzhou-14th');
    expect(r14.predecessor?.id).toBe('xiuzhou-13th');
    const r13 = await planRelations(t.store.db, 'xiuzhou-13th');
    expect(r13.successor?.id).toBe('xiuzhou-14th');
    const rc = await planRelations(t.store.db, 'demo-city');
    expect(rc.children.map((c) => c.id)).toEqual(city.children.map((c) => c.meta.id).sort());
    expect(rc.children.every((c) => c.demo)).toBe(true);
    const r1 = await planRelations(t.store.db, 'demo-city-1');
    expect(r1.parent?.id).toBe('demo-city');
    const links = await indicatorLinks(t.store.db, 'demo-city-1', { relation: 'counterpart' });
    expect(links).toHaveLength(city.parent.indicators.length);
    expect(links[0]).toMatchObject({ otherPlanId: 'demo-city', sameScope: true });
  });

  it('lets an admin link plans and indicators, refusing links that cannot be', async () => {
    const db = t.store.db;
    await expect(setPlanLink(db, SYSTEM, 'demo-city', 'parent', 'demo-city-1')).rejects.toThrow('上级规划应为更高层级');
    await expect(setPlanLink(db, SYSTEM, 'xiuzhou-14th', 'parent', 'xiuzhou-14th')).rejects.toThrow('不能与自身关联');
    await expect(setPlanLink(db, SYSTEM, 'xiuzhou-13th', 'predecessor', 'xiuzhou-14th')).rejects.toThrow('基期');
    const rel = await setPlanLink(db, SYSTEM, 'xiuzhou-14th', 'parent', 'demo-city');
    expect(rel.parent?.id).toBe('demo-city');
    const link = await setIndicatorLink(db, SYSTEM, 'xiuzhou-14th', '17', 'counterpart', { indicator: '5', note: '优良天数比率' });
    expect(link).toMatchObject({ otherPlanId: 'demo-city', otherIndicatorId: '5', sameScope: true });
    await expect(setIndicatorLink(db, SYSTEM, 'xiuzhou-14th', '17', 'counterpart', { indicator: '999' })).rejects.toThrow('没有指标');
    const pred = await setIndicatorLink(db, SYSTEM, 'xiuzhou-14th', '1', 'predecessor', {
      indicator: '1',
      sameScope: false,
      note: '口径调整',
    });
    expect(pred).toMatchObject({ otherPlanId: 'xiuzhou-13th', sameScope: false });
    // Unlinked again: the roll-up of the demo city stays its seven counties.
    expect((await setPlanLink(db, SYSTEM, 'xiuzhou-14th', 'parent', null)).parent).toBeNull();
    expect(await setIndicatorLink(db, SYSTEM, 'xiuzhou-14th', '17', 'counterpart', null)).toBeNull();
    const audit = await listAudit(db, { planId: 'xiuzhou-14th', limit: 20 });
    expect(audit.map((a) => a.action)).toContain('indicatorLink.set');
    expect(audit.map((a) => a.action)).toContain('planLink.set');
  });

  it('judges a 「完成上级下达目标」 row on the assignment, shown with its source', async () => {
    const db = t.store.db;
    const plan = (await getPlan(db, 'xiuzhou-14th'))!;
    const before = (await evaluateStored(db, plan.meta.id, { year: 2023 }))!;
    expect(before.evaluation.results.find((r) => r.indicatorId === '14')!.status).toBe('assigned');
    await expect(setAssignedTarget(db, SYSTEM, plan, { indicatorId: '1', target: '700', source: { title: 'x' } })).rejects.toThrow(
      '不是「完成上级下达目标」',
    );
    await expect(setAssignedTarget(db, SYSTEM, plan, { indicatorId: '14', target: '很多', source: { title: 'x' } })).rejects.toThrow(
      '无法解析',
    );
    await expect(setAssignedTarget(db, SYSTEM, plan, { indicatorId: '14', target: '[14.5]', source: { title: ' ' } })).rejects.toThrow(
      '来源',
    );
    const source = { title: '嘉兴市“十四五”能耗双控目标分解方案', url: 'https://example.org/jx-energy' };
    await setAssignedTarget(db, SYSTEM, plan, { indicatorId: '14', target: '[14.5]', source });
    await setAssignedTarget(db, SYSTEM, plan, { indicatorId: '14', year: 2022, target: '3以上', source: { title: '2022年下达' } });
    for (const [year, value] of [
      [2021, 3.1],
      [2022, 3.4],
      [2023, 2.2],
    ] as const) {
      const v = await saveValue(db, SYSTEM, plan, { indicatorId: '14', year, value, source: { title: '统计局' } }, 'submit');
      await transition(db, SYSTEM, v.id, 'approve');
    }
    const after = (await evaluateStored(db, plan.meta.id, { year: 2023 }))!;
    const r = after.evaluation.results.find((x) => x.indicatorId === '14')!;
    expect(r.targetWritten).toBe('[14.5]');
    expect(r.targetKind).toBe('cumulative');
    expect(r.status).not.toBe('assigned');
    // An intensity's five-year reduction compounds the yearly reductions (domain.md §2).
    const compounded = (1 - (1 - 0.031) * (1 - 0.034) * (1 - 0.022)) * 100;
    expect(r.figures).toMatchObject({ target: 14.5, timeShare: 0.6 });
    expect((r.figures as { cumulativeSum: number }).cumulativeSum).toBeCloseTo(compounded, 9);
    expect(after.assigned.map((a) => [a.year, a.target, a.source.title])).toEqual([
      [null, '[14.5]', source.title],
      [2022, '3以上', '2022年下达'],
    ]);
    const y2022 = (await evaluateStored(db, plan.meta.id, { year: 2022 }))!.evaluation.results.find((x) => x.indicatorId === '14')!;
    expect(y2022.annual).toMatchObject({ target: '3以上', verdict: 'completed' });
    // The printed plan is untouched.
    expect((await getPlan(db, plan.meta.id))!.indicators.find((i) => i.id === '14')!.target).toBe('完成上级下达目标');
    await withdrawAssignedTarget(db, SYSTEM, plan, '14', 2022, '误录');
    expect((await listAssignedTargets(db, plan.meta.id)).map((a) => a.year)).toEqual([null]);
  });

  it('rolls up the children: values reported once, sums only on one 口径, weaker targets named', async () => {
    const db = t.store.db;
    const m = (await storedRollup(db, 'demo-city', { withPending: true }))!;
    expect(m.demo).toBe(true);
    expect(m.rows).toHaveLength(7);
    expect(m.year).toBe(2024);
    const col = (id: string) => m.columns.find((c) => c.indicatorId === id)!;
    // GDP: one county counts on another 口径 — refused, never mixed.
    expect(col('1').sum).toBeNull();
    expect(col('1').sumRefused).toContain('口径不一致');
    // Budget revenue adds up: the sum of the counties' approved 2024 values, labelled as a sum.
    const expected = city.children.reduce(
      (s, c) => s + city.values.get(c.meta.id)!.find((o) => o.indicatorId === '2' && o.year === 2024)!.value,
      0,
    );
    expect(col('2').sum!.value).toBeCloseTo(expected, 6);
    expect(col('2').sum!.label).toBe(SUM_LABEL);
    // A rate never adds up.
    expect(col('3').sum).toBeNull();
    expect(col('3').sumRefused).toContain('非总量指标');
    // 衔接: the third county's urbanisation target 72 and the fifth's 88以上 ask less than the city's.
    const cell = (planId: string, id: string) => m.rows.find((r) => r.planId === planId)!.cells[id]!;
    expect(cell('demo-city-3', '3').alignment.state).toBe('weaker');
    expect(cell('demo-city-5', '5').alignment.state).toBe('weaker');
    expect(cell('demo-city-5', '5').alignment.note).toContain('88以上');
    expect(cell('demo-city-1', '5').alignment.state).toBe('aligned');
    expect(col('5').weaker).toBe(1);
    // The value is the county's own, with its source.
    expect(cell('demo-city-2', '2').value).toMatchObject({ year: 2024, source: { title: expect.stringContaining('示例数据') } });
    // Lagging binding first: rows and columns are ordered by them.
    const lb = m.rows.map((r) => r.laggingBinding);
    expect([...lb].sort((a, b) => b - a)).toEqual(lb);
  });

  it('is current on the next request after one approved value, and the city can return a value with a reason', async () => {
    const db = t.store.db;
    const child = (await getPlan(db, 'demo-city-2'))!;
    const last = city.values.get('demo-city-2')!.find((o) => o.indicatorId === '2' && o.year === 2024)!.value;
    const next = Math.round(last * 105) / 100;
    const v = await saveValue(db, SYSTEM, child, { indicatorId: '2', year: 2025, value: next, source: { title: '乙县统计局' } }, 'submit');
    let m = (await storedRollup(db, 'demo-city', { withPending: true }))!;
    expect(m.rows.find((r) => r.planId === 'demo-city-2')!.cells['2']!.latest).toMatchObject({ status: 'submitted', value: next });
    await transition(db, SYSTEM, v.id, 'approve');
    m = (await storedRollup(db, 'demo-city', { withPending: true }))!;
    expect(m.year).toBe(2025);
    expect(m.rows.find((r) => r.planId === 'demo-city-2')!.cells['2']!.value).toMatchObject({ value: next, year: 2025 });
    // Only one county has 2025: no sum across years.
    expect(m.columns.find((c) => c.indicatorId === '2')!.sum).toBeNull();
    await expect(returnFromAbove(db, SYSTEM, 'xiuzhou-14th', v.id, '核对')).rejects.toThrow('不属于');
    const back = await returnFromAbove(db, SYSTEM, 'demo-city', v.id, '与市统计口径不符，请核对');
    expect(back).toMatchObject({ status: 'returned', locked: false, returnReason: '上级退回：与市统计口径不符，请核对' });
    expect((await getValue(db, v.id)).status).toBe('returned');
    m = (await storedRollup(db, 'demo-city', { withPending: true }))!;
    expect(m.year).toBe(2024);
  });
});
