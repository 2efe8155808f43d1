/**
 * The shipped hierarchy (issue 17 §6): Xiuzhou's 14th plan under the national 14th plan, its rows
 * linked to the national rows on the same definition (counterparts.yaml), and a value the district
 * reports once shown as its counterpart's in the national roll-up — on the national 口径 only where
 * the link says the scope is the same, never added up across 口径 or units.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hierarchyLinks } from '../../src/store/migrations/0012_hierarchy_links.js';
import { indicatorLinks, planRelations, setIndicatorLink } from '../../src/store/hierarchy.js';
import { getPlan } from '../../src/store/plans.js';
import { storedRollup } from '../../src/store/rollup.js';
import { SYSTEM } from '../../src/store/util.js';
import { saveValue, transition } from '../../src/store/values.js';
import { DIALECTS, makeStore, type TestStore } from './harness.js';

describe.each(DIALECTS)('national-14th over xiuzhou-14th on %s', (dialect) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await makeStore(dialect);
  });
  afterAll(async () => t.cleanup());

  it('loads the parent and the counterpart links the plan files state', async () => {
    const db = t.store.db;
    expect((await planRelations(db, 'xiuzhou-14th')).parent?.id).toBe('national-14th');
    expect((await planRelations(db, 'national-14th')).children.map((c) => c.id)).toEqual(['xiuzhou-14th']);
    const links = await indicatorLinks(db, 'xiuzhou-14th', { relation: 'counterpart' });
    const pairs = links.map((l) => [l.indicatorId, l.otherPlanId, l.otherIndicatorId, l.sameScope]);
    expect(pairs.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      ['2', 'national-14th', '2', true],
      ['4', 'national-14th', '3', true],
      ['8', 'national-14th', '5', true],
      ['9', 'national-14th', '6', true],
      ['14', 'national-14th', '14', true],
      ['15', 'national-14th', '15', true],
      ['17', 'national-14th', '16', false],
      ['19', 'national-14th', '17', false],
      ['20', 'national-14th', '18', true],
      ['24', 'national-14th', '12', true],
      ['25', 'national-14th', '9', true],
      ['28', 'national-14th', '10', true],
      ['34', 'national-14th', '13', true],
      ['37', 'national-14th', '19', false],
    ]);
    expect(links.find((l) => l.indicatorId === '19')!.note).toContain('市控及以上断面');
  });

  it('serves the value the district reported once as its counterpart’s, on the same 口径 only', async () => {
    const db = t.store.db;
    const xz = (await getPlan(db, 'xiuzhou-14th'))!;
    const before = (await storedRollup(db, 'national-14th', { year: 2022 }))!;
    const row = (m: typeof before) => m.rows.find((r) => r.planId === 'xiuzhou-14th')!;
    expect(row(before).cells['3']).toMatchObject({ indicatorId: '4', name: '常住人口城镇化率', value: null });
    // Rows the district's table does not hold on the national definition have no cell.
    expect(row(before).cells['4']).toBeNull();
    expect(row(before).cells['8']).toBeNull();

    const report = async (indicatorId: string, value: number) => {
      const v = await saveValue(
        db,
        SYSTEM,
        xz,
        { indicatorId, year: 2022, value, source: { title: `秀洲区统计局（测试录入 ${indicatorId}）` } },
        'submit',
      );
      await transition(db, SYSTEM, v.id, 'approve');
    };
    await report('4', 71.3);
    await report('17', 90.1);
    await report('37', 25.6);
    const after = (await storedRollup(db, 'national-14th', { year: 2022 }))!;
    const cell = (id: string) => row(after).cells[id]!;
    // 城镇化率: same definition, same 口径 — the district's own figure, with its source, typed once.
    expect(cell('3')).toMatchObject({
      value: { value: 71.3, year: 2022, source: { title: '秀洲区统计局（测试录入 4）' } },
      scopeMatch: true,
    });
    expect(cell('3').scopeNote).toBeUndefined();
    // 优良天数比率: shown, but marked as another 口径.
    expect(cell('16')).toMatchObject({ value: { value: 90.1 }, scopeMatch: false, scopeNote: '与上级指标口径不同（关联时注明）' });
    // 粮食综合生产能力 in 万吨 under a row in 亿吨: never added up.
    const grain = after.columns.find((c) => c.indicatorId === '19')!;
    expect(cell('19')).toMatchObject({ value: { value: 25.6 }, scopeMatch: false });
    expect(grain.sum).toBeNull();
  });

  it('migration 0012 links a store seeded before the links, keeping what an admin set', async () => {
    const db = t.store.db;
    // A store as it was: the plans seeded, no parent, no counterparts; an admin has since linked row 17 otherwise.
    await db.deleteFrom('plan_links').where('plan_id', '=', 'xiuzhou-14th').where('relation', '=', 'parent').execute();
    await db.deleteFrom('indicator_links').where('plan_id', '=', 'xiuzhou-14th').where('relation', '=', 'counterpart').execute();
    expect((await planRelations(db, 'xiuzhou-14th')).parent).toBeNull();
    await db
      .insertInto('plan_links')
      .values({
        plan_id: 'xiuzhou-14th',
        relation: 'parent',
        other_plan_id: 'national-14th',
        set_by: 'admin',
        set_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await setIndicatorLink(db, { id: null, username: 'admin', role: 'admin', unitId: null }, 'xiuzhou-14th', '17', 'counterpart', {
      indicator: '16',
      note: '管理员关联',
    });
    await db.deleteFrom('plan_links').where('plan_id', '=', 'xiuzhou-14th').where('relation', '=', 'parent').execute();
    await hierarchyLinks.up(db);
    expect((await planRelations(db, 'xiuzhou-14th')).parent?.id).toBe('national-14th');
    const links = await indicatorLinks(db, 'xiuzhou-14th', { relation: 'counterpart' });
    expect(links).toHaveLength(14);
    expect(links.find((l) => l.indicatorId === '17')).toMatchObject({ note: '管理员关联', setBy: 'admin', sameScope: true });
    // Run again: nothing changes, nothing doubles.
    await hierarchyLinks.up(db);
    expect(await indicatorLinks(db, 'xiuzhou-14th', { relation: 'counterpart' })).toHaveLength(14);
  });
});
