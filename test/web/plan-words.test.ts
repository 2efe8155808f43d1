/**
 * What the plan says, shown whole and as it means it: at a phone's width the indicator table shows
 * every indicator's whole name (wrapped, not cut, not hidden under a pinned column), and the task
 * targets 「力争跻身国家级高新区前50强」 and 「保持全省前三」 read as ranks within the top 50 / top 3,
 * never 「50位以下」; a 年均增长 indicator is entered as a growth rate, and 48% asks to be confirmed (issue 12).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, BROWSER_TIMEOUT, PLAN, screenshot, webFixture } from './browser.js';

const PHONE = { width: 390, height: 844 };

/** Whether a name (an inline link) is cut (a line beyond its cell), ellipsised, off the screen, or covered where it is drawn. */
async function isCut(page: Page, i: number): Promise<boolean> {
  const name = page.locator('[data-testid=indicator-name]').nth(i);
  await name.scrollIntoViewIfNeeded();
  return name.evaluate((el) => {
    const cell = el.closest('td')!;
    const r = el.getBoundingClientRect();
    const c = cell.getBoundingClientRect();
    const inside = r.left >= 0 && r.right <= window.innerWidth + 0.5;
    // What is drawn at the name's middle is the name itself, not a pinned column over it.
    const line = el.getClientRects()[0]!;
    const top = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
    const visible = !!top && (el === top || el.contains(top));
    return (
      // Every line of the name lies within its cell (the cell's own scrollWidth counts antd's pinned-column shadow).
      [...el.getClientRects()].some((l) => l.left < c.left - 0.5 || l.right > c.right + 0.5) ||
      getComputedStyle(el).textOverflow === 'ellipsis' ||
      !inside ||
      !visible
    );
  });
}

async function cutNames(page: Page): Promise<string[]> {
  const names = page.locator('[data-testid=indicator-name]');
  const cut: string[] = [];
  for (let i = 0; i < (await names.count()); i++) if (await isCut(page, i)) cut.push((await names.nth(i).textContent()) ?? '');
  return cut;
}

describe('web: the plan’s words, whole and as meant', { timeout: BROWSER_TIMEOUT }, () => {
  const web = webFixture({ people: [ADMIN] });

  it('a phone shows every indicator name whole, wrapped', async () => {
    const page = await web.withPage('public', PHONE);
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators?year=2023`);
    const names = page.locator('[data-testid=indicator-name]');
    await names.first().waitFor();
    expect(await names.count()).toBeGreaterThanOrEqual(37);
    // Row by row, as a person scrolls down the page.
    const cut = await cutNames(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'indicators-phone', false);
    expect(cut).toEqual([]);

    const desk = await web.withPage('public');
    await desk.goto(`${web.server.url}/plans/${PLAN}/indicators?year=2023`);
    await desk.locator('[data-testid=indicator-name]').first().waitFor();
    expect(await cutNames(desk)).toEqual([]);
    await screenshot(desk, 'indicators-desktop', false);
  });

  it('a 年均增长 indicator is entered as a growth rate; 48% asks to be confirmed, naming the usual range', async () => {
    for (const viewport of [undefined, PHONE]) {
      const page = await web.withPage('admin', viewport);
      // 全员劳动生产率年均增长, target 「7以上」: a growth rate, not a level.
      await page.goto(`${web.server.url}/plans/${PLAN}/entry?indicator=2&year=2023`);
      await page.locator('[data-testid=entry-indicator-info]').waitFor();
      const kind = page.locator('.ant-select:has(#entry-kind) .ant-select-selection-item');
      await kind.filter({ hasText: '增速（%）' }).waitFor();
      expect(await kind.textContent()).toBe('增速（%）');
      await page.locator('#entry-value').fill('48');
      const flag = page.locator('[data-testid=check-issue][data-severity=flag]');
      await flag.waitFor();
      expect(await flag.textContent()).toContain('2023年填报增速48%，超出增速通常的范围（-20%—30%）');
      await page.locator('#entry-explanation').waitFor();
      await screenshot(page, viewport ? 'value-entry-rate-phone' : 'value-entry-rate', false);
    }
  });

  it('task targets 前50强 and 前三 read as ranks within the top 50 and the top 3', async () => {
    for (const viewport of [undefined, PHONE]) {
      const page = await web.withPage('public', viewport);
      await page.goto(`${web.server.url}/plans/${PLAN}/task-targets?year=2023`);
      await page.locator('[data-testid=task-targets]').waitFor();
      const row = (id: string) => page.locator(`tr:has([data-testid="task-${id}"]), li:has([data-testid="task-${id}"])`);
      await row('tt-hitech-zone-national-rank').first().waitFor();
      const national = (await row('tt-hitech-zone-national-rank').first().textContent()) ?? '';
      const province = (await row('tt-hitech-zone-province-rank').first().textContent()) ?? '';
      expect(national).toMatch(/前50(强|名)/);
      expect(province).toMatch(/前(三|3)/);
      for (const s of [national, province]) expect(s).not.toMatch(/位以下|名以下|以下/);
      await screenshot(page, viewport ? 'task-targets-rank-phone' : 'task-targets-rank', false);
    }
    expect(web.problems.list).toEqual([]);
  });
});
