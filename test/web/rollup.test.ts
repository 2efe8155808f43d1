/**
 * The roll-up page in the browser, in a demo workspace (the synthetic city lives nowhere else):
 * the 示例数据 banner, the seven counties, lagging binding indicators first, a weaker target
 * marked, the GDP sum refused for its 口径 and the budget revenue summed and labelled as a sum; an
 * admin sees each value's approval state and the linking form, and returns a value with a reason.
 * The cross-period series of Xiuzhou's GDP draws with its 口径 breaks. No console or page error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addUser } from '../../src/store/accounts.js';
import { SYSTEM } from '../../src/store/util.js';
import { BROWSER_TIMEOUT, Problems, chartsDrawn, launch, login, newPage, screenshot, startServer, type Server } from './browser.js';

const PASSWORD = 'password123';

describe('web: the roll-up of child plans (下级汇总)', { timeout: BROWSER_TIMEOUT }, () => {
  let server: Server;
  let browser: Browser;
  const problems = new Problems();

  beforeAll(async () => {
    server = await startServer({ demo: true });
    await addUser(server.store.db, SYSTEM, { username: 'admin', password: PASSWORD, role: 'admin' });
    browser = await launch();
  }, BROWSER_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the demo city’s counties with statuses, values, sums only on one 口径 and weaker targets', async () => {
    const { context, page } = await newPage(browser, problems);
    await page.goto(`${server.url}/plans/demo-city/rollup`);
    await page.locator('[data-testid=rollup-table] tbody tr[data-row-key]').first().waitFor();
    expect(await page.locator('[data-testid=rollup-demo]').textContent()).toContain('示例数据');
    expect(await page.locator('[data-testid=rollup-table] tbody tr[data-row-key]').count()).toBe(7);
    expect(await page.locator('[data-testid=rollup-sum][data-id="1"]').textContent()).toContain('口径不一致');
    expect(await page.locator('[data-testid=rollup-sum][data-id="2"]').textContent()).toMatch(/^\d+(\.\d+)?（2024）$/);
    expect(await page.locator('.ant-table-summary').textContent()).toContain('各下级合计（非上级官方数据）');
    // As many weaker-target cells as the API finds (衔接), at least the two the synthetic city plants.
    const api = (await (await fetch(`${server.url}/api/v1/plans/demo-city/children/evaluation`)).json()) as {
      columns: { weaker: number }[];
      rows: { cells: Record<string, { alignment: { state: string } } | null> }[];
    };
    const weakerRows = api.rows.filter((r) => Object.values(r.cells).some((c) => c?.alignment.state === 'weaker')).length;
    const weakerCols = api.columns.filter((c) => c.weaker > 0).length;
    const weakerCells = api.columns.reduce((n, c) => n + c.weaker, 0);
    expect(weakerCells).toBeGreaterThanOrEqual(2);
    expect(
      await page.locator('[data-testid=rollup-table] tbody tr[data-row-key] [data-testid=rollup-cell][data-alignment=weaker]').count(),
    ).toBe(weakerCells);
    // Only the weaker targets: the columns with a weaker county, and those counties.
    await page.locator('[data-testid=filter-weaker]').click();
    await page.waitForURL(/weaker=1/);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=rollup-table] tbody tr[data-row-key]').length === n,
      weakerRows,
    );
    expect(await page.locator('[data-testid=rollup-table] thead [data-testid=rollup-col]').count()).toBe(weakerCols);
    await page.locator('[data-testid=filter-weaker]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=rollup-table] tbody tr[data-row-key]').length === 7);
    expect(await page.locator('[data-testid=rollup-return]').count()).toBe(0);
    await screenshot(page, 'rollup-public');
    await context.close();
  });

  it('lets an admin see approval states, link plans and return a value with a reason', async () => {
    const { context, page } = await newPage(browser, problems);
    await login(page, server.url, 'admin', PASSWORD);
    await page.goto(`${server.url}/plans/demo-city-2/rollup`);
    await page.locator('[data-testid=plan-relations]').waitFor();
    expect(await page.locator('[data-testid=plan-relations]').textContent()).toContain('示例市');
    await page.locator('[data-testid=links-admin]').waitFor();
    await page.goto(`${server.url}/plans/demo-city/rollup`);
    await page.locator('[data-testid=rollup-return]').first().waitFor();
    await page.locator('[data-testid=rollup-return]').first().click();
    await page.locator('[data-testid=rollup-return-reason]').fill('与市统计口径不符，请核对后重报');
    await page.locator('#rollup-return-ok').click();
    await page.locator('.ant-tag', { hasText: '已退回' }).first().waitFor();
    await screenshot(page, 'rollup-admin');
    await context.close();
  });

  it('draws an indicator across periods with its 口径 breaks', async () => {
    const { context, page } = await newPage(browser, problems);
    await page.goto(`${server.url}/plans/xiuzhou-14th/indicators/1/periods`);
    await page.locator('[data-testid=periods-page]').waitFor();
    await chartsDrawn(page);
    // In a demo workspace the values are synthetic and state no 口径: the page lists exactly the API's breaks.
    const api = (await (await fetch(`${server.url}/api/v1/plans/xiuzhou-14th/indicators/1/periods`)).json()) as {
      periods: unknown[];
      breaks: unknown[];
    };
    expect(api.periods).toHaveLength(2);
    expect(await page.locator('[data-testid=periods-breaks] tbody tr.ant-table-row').count()).toBe(api.breaks.length);
    await screenshot(page, 'periods-gdp');
    await context.close();
    expect(problems.list).toEqual([]);
  });
});
