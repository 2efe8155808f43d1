/**
 * Figures a person sees on the real store's published values: the cockpit's count and period, the
 * GDP card headed by the published figure on its scope with the base-scope estimate beside it, a
 * reprinted source marked 转载 with its caveat, and the towns × indicators page. Screenshots in
 * artifacts/screenshots.
 */
import { describe, expect, it } from 'vitest';
import { getPlan } from '../../src/store/plans.js';
import { setAssignments } from '../../src/store/planning.js';
import { SYSTEM } from '../../src/store/util.js';
import { saveValue, transition } from '../../src/store/values.js';
import { ADMIN, BROWSER_TIMEOUT, PLAN, screenshot, webFixture } from './browser.js';

describe('web: figures on the published values', { timeout: BROWSER_TIMEOUT }, () => {
  const web = webFixture({
    people: [ADMIN],
    async setup(server) {
      const db = server.store.db;
      const plan = (await getPlan(db, PLAN))!;
      await setAssignments(db, SYSTEM, plan, 'indicator', '24', [{ unitId: 'wangdian', role: 'town' }]);
      const town = { id: null, username: 'wangdian', role: 'reporter', unitId: 'wangdian' };
      const v = await saveValue(db, town, plan, { indicatorId: '24', year: 2024, value: 3.9, forUnitId: 'wangdian' }, 'submit');
      await transition(db, SYSTEM, v.id, 'approve');
    },
  });

  it('cockpit: 37 main indicators (38 measured items), the period 2021—2025, the GDP card headed by the published figure', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}?year=2022`);
    await page.locator('[data-testid=cockpit]').waitFor();
    expect(await page.locator('[data-testid=cockpit-count]').textContent()).toBe('共37项主要指标（38个测算项）');
    expect(await page.locator('[data-testid=cockpit]').textContent()).toContain('2021—2025年');
    const figure = page.locator('[data-testid=headline-figure-gdp]');
    await figure.waitFor();
    expect(await figure.textContent()).toMatch(/^622\.31亿元 · 2022年公布（小口径）$/);
    expect(await page.locator('[data-testid=measured-on-gdp]').textContent()).toMatch(
      /^进度按基期口径测算：2022年\d+(\.\d+)? ?亿元（推算）$/,
    );
    await screenshot(page, 'figures-cockpit-2022');
  });

  it('an indicator page cites a reprint as 转载 with the original, and shows the caveat', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/3?year=2022`);
    await page.locator('[data-testid=value-2022-level]').waitFor();
    const text = (await page.locator('body').textContent())!;
    expect(text).toContain('转载页非政府网站');
    expect(text).toContain('（转载，原文：嘉兴市秀洲区人民政府《2023年秀洲区政府工作报告》');
    await screenshot(page, 'figures-indicator-revenue');
  });

  it('the towns page shows a town’s own figure, not as the district’s', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/towns?year=2024`);
    const cell = page.locator('[data-testid=town-cell-24-wangdian]');
    await cell.waitFor();
    expect(await cell.textContent()).toContain('3.9个');
    expect(await cell.textContent()).toContain('已审核');
    expect(await page.locator('[data-testid=towns]').textContent()).toContain('不可加总');
    await screenshot(page, 'figures-towns');
    // The district's 托位数 stays the published 4.43.
    await page.goto(`${web.server.url}/plans/${PLAN}?year=2024`);
    await page.locator('[data-testid=cockpit]').waitFor();
    const ev = (await (await fetch(`${web.server.url}/api/v1/plans/${PLAN}/evaluation?year=2024`)).json()) as {
      results: { indicatorId: string; observations: { value: number }[] }[];
    };
    expect(ev.results.find((r) => r.indicatorId === '24')!.observations.map((o) => o.value)).toEqual([4.43]);
  });
});
