/**
 * The public pages on a demo workspace (synthetic values, every page says so): the cockpit with its
 * counts, warnings first, charts and the 三区; the indicator table with its filters; an indicator
 * page; the plan reader; the phone layout with its collapsed menu; the English switch; keyboard
 * focus. Screenshots go to artifacts/screenshots. No console error or page error on any page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setAssignments } from '../../src/store/planning.js';
import { getPlan } from '../../src/store/plans.js';
import { SYSTEM } from '../../src/store/util.js';
import { BROWSER_TIMEOUT, PLAN, REPORTER, chartsDrawn, screenshot, webFixture } from './browser.js';

const web = webFixture({ demo: true });

async function open(path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await web.withPage('public', viewport);
  await page.goto(web.server.url + path);
  return page;
}

describe('web: public pages on a demo workspace', { timeout: BROWSER_TIMEOUT }, () => {
  it('the cockpit: counts by status, binding indicators that lag first, charts, the 三区', async () => {
    const page = await open('/');
    await page.locator('[data-testid=cockpit]').waitFor();
    await page.locator('[data-testid=demo-banner]').getByText('示例数据，非真实统计').waitFor();
    await chartsDrawn(page, 5);

    const api = (await (await fetch(`${web.server.url}/api/v1/cockpit`)).json()) as {
      counts: Record<string, number>;
      warnings: number;
      year: number;
    };
    for (const [code, n] of Object.entries(api.counts)) {
      expect(Number(await page.locator(`[data-testid=status-counts] [data-status=${code}]`).getAttribute('data-count'))).toBe(n);
    }
    // Warnings lead the attention list, in the warning colour.
    const flags = await page.locator('[data-testid=attention] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-warning')));
    expect(api.warnings).toBeGreaterThan(0);
    expect(flags.slice(0, api.warnings)).toEqual(Array(api.warnings).fill('true'));
    expect(flags.slice(api.warnings)).not.toContain('true');
    const bg = await page
      .locator('[data-testid=attention] li[data-warning=true]')
      .first()
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(bg).toBe('rgb(255, 241, 240)');

    // Charts are labelled; the GDP card shows the growth still needed; the zones list their towns.
    for (const id of ['category', 'trend-gdp', 'trend-rd', 'trend-air', 'trend-pm25']) {
      expect(await page.locator(`[data-chart="${id}"]`).getAttribute('aria-label')).toBeTruthy();
    }
    expect(await page.locator('[data-testid=gdp-required-growth]').textContent()).toContain('还需年均增长');
    const zones = page.locator('[data-testid=zones]');
    for (const name of ['秀水新区', '国家高新区', '空港新区', '王江泾镇', '新城街道', '王店镇'])
      await zones.getByText(name).first().waitFor();
    await screenshot(page, 'cockpit', false);
    await screenshot(page, 'cockpit-full');

    // Keyboard: Tab reaches the controls.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toMatch(/^(A|BUTTON|INPUT)$/);

    // Another year is a click away.
    await page.goto(`${web.server.url}/plans/${PLAN}?year=2022`);
    await page.getByText('各状态指标数量（2022年）').waitFor();
  });

  it('the indicator table: the plan’s columns, filters, export link', async () => {
    const page = await open(`/plans/${PLAN}/indicators`);
    await page.locator('[data-testid=indicator-table] tbody tr.ant-table-row').first().waitFor();
    await page.locator('[data-testid=demo-banner]').waitFor();
    const headers = await page.locator('[data-testid=indicator-table] thead th').allTextContents();
    for (const h of ['类别', '序号', '指标', '单位', '2020年', '最新值（年份）', '2025年目标', '属性', '时序进度', '完成进度', '状态'])
      expect(headers.join('|')).toContain(h);
    const rows = page.locator('[data-testid=indicator-table] tbody tr.ant-table-row');
    expect(await rows.count()).toBe(38);
    // Binding indicators that lag lead the table.
    expect(await rows.first().getAttribute('class')).toContain('pw-row-warning');
    expect(await page.locator('[data-testid=export]').getAttribute('href')).toMatch(
      /\/api\/v1\/plans\/xiuzhou-14th\/export\.xlsx\?year=\d{4}/,
    );
    await screenshot(page, 'indicator-table', false);
    // A latest value shows its source and scope on hover.
    await rows.first().locator('.pw-has-source').first().hover();
    await page.locator('.ant-popover .pw-source').getByText('示例数据', { exact: false }).first().waitFor();

    // Filters live in the URL: the cockpit's counts link here.
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators?status=seriouslyLagging&attribute=约束性`);
    await page
      .locator('[data-testid=row-count]')
      .getByText(/^\d+ \/ 38/)
      .waitFor();
    const statuses = await page
      .locator('[data-testid=indicator-table] tbody tr.ant-table-row .pw-status')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['seriouslyLagging']));
  });

  it('the 13th plan at its end: verdicts, the official one leading the computed one', async () => {
    const page = await open('/plans/xiuzhou-13th/indicators?final=true');
    await page.locator('[data-testid=indicator-table] tbody tr.ant-table-row').first().waitFor();
    expect(await page.locator('[data-testid=indicator-table] thead').textContent()).toContain('结论');
    const words = await page.locator('[data-testid=indicator-table] tbody .pw-status').allTextContents();
    for (const w of ['完成', '总量完成', '基本完成']) expect(words).toContain(w);
    // 固定资产投资 193 → 310, actual 196.2: officially 完成 (statistical reform), computed 未完成.
    const row = page.locator('tr[data-row-key="4"]');
    expect(await row.locator('.pw-status').first().textContent()).toBe('完成');
    expect(await row.textContent()).toContain('测算：未完成');
    await page.goto(`${web.server.url}/plans/xiuzhou-13th?year=2020&final=true`);
    await page.locator('[data-testid=status-counts] [data-status=completed]').waitFor();
  });

  it('an indicator page: chart, figures and rule in words, values with source and scope, sections', async () => {
    const page = await open(`/plans/${PLAN}/indicators/1`);
    await page.locator('[data-testid=indicator-page]').waitFor();
    await chartsDrawn(page, 1);
    expect(await page.locator('[data-chart=history]').getAttribute('aria-label')).toContain('地区生产总值');
    expect(await page.locator('[data-testid=rule]').textContent()).toMatch(/完成进度|时序进度|提前|目标/);
    expect((await page.locator('[data-testid=explanation]').textContent())!.length).toBeGreaterThan(20);
    await page.locator('[data-testid=values-table]').getByText('示例数据', { exact: false }).first().waitFor();
    await page.locator('[data-testid=required-growth]').waitFor();
    expect(await page.locator('[data-testid=audit]').count()).toBe(0);
    await page.locator('[data-testid=demo-banner]').waitFor();
    await screenshot(page, 'indicator', false);
    await screenshot(page, 'indicator-full');
  });

  it('the plan reader: chapters, sections, 专栏 and the indicators beside their section', async () => {
    const page = await open(`/plans/${PLAN}/text`);
    await page.locator('[data-testid=plan-reader]').waitFor();
    expect(await page.locator('.pw-reader-chapter').count()).toBe(12);
    expect(await page.locator('[data-column]').count()).toBe(13);
    const beside = page.locator('[data-testid="section-indicators-2.3"]');
    await beside.getByText('地区生产总值').first().waitFor();
    await beside.locator('.pw-status').first().waitFor();
    await page.locator('[data-testid=demo-banner]').waitFor();
    await screenshot(page, 'plan-reader', false);
    // A section link from an indicator page lands on the section.
    await page.goto(`${web.server.url}/plans/${PLAN}/text#sec-4.3`);
    await page.locator('[data-testid=plan-reader]').waitFor();
    await page.waitForFunction(
      `(() => { const r = document.getElementById('sec-4.3')?.getBoundingClientRect(); return r && r.top >= 0 && r.top < 200; })()`,
    );
  });

  it('at phone width the menu collapses behind a button', async () => {
    const page = await open('/', { width: 390, height: 844 });
    await page.locator('[data-testid=cockpit]').waitFor();
    await chartsDrawn(page, 5);
    expect(await page.locator('[data-nav]').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'cockpit-phone', false);
    await screenshot(page, 'cockpit-phone-full');
    await page.getByRole('button', { name: '菜单' }).click();
    await page.locator('[data-testid=mobile-menu] [data-nav=table]').click();
    await page.locator('[data-testid=indicator-table]').waitFor();
    expect(await page.locator('[data-testid=mobile-menu]').count()).toBe(0);
  });

  it('English mode keeps the status words in Chinese with English beside them', async () => {
    const page = await open(`/plans/${PLAN}/indicators`);
    await page.locator('[data-testid=indicator-table] tbody tr.ant-table-row').first().waitFor();
    await page.locator('[data-testid=lang-switch]').click();
    await page.getByRole('heading', { name: /Main indicators/ }).waitFor();
    const words = await page.locator('[data-testid=indicator-table] .pw-status').allTextContents();
    expect(words.some((w) => /严重滞后\s*Seriously lagging|滞后于预期\s*Lagging|符合预期\s*On schedule/.test(w))).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
  });

  it('a reporter explains an outlier before submitting it', async () => {
    const db = web.server.store.db;
    await web.addPerson(REPORTER);
    await setAssignments(db, SYSTEM, (await getPlan(db, PLAN))!, 'indicator', '17', [{ unitId: 'sthj', role: 'lead' }]);
    const page = await web.withPage('reporter');
    await page.goto(`${web.server.url}/plans/${PLAN}/entry?indicator=17&year=2025`);
    await page.locator('[data-testid=entry-indicator-info]').waitFor();
    await page.locator('[data-testid=demo-banner]').waitFor();
    // Four years of steady half-point gains, then ten points in one year: flagged, not refused.
    await page.locator('#entry-value').fill('99.5');
    await page.locator('#entry-source').fill('2025年空气质量月报');
    const flag = page.locator('[data-testid=check-issue][data-severity=flag]');
    await flag.waitFor();
    // Said in figures a reporter can check (the previous year's, the usual range), never as a z-score.
    const said = (await flag.textContent()) ?? '';
    expect(said).toMatch(/比上年（\d{4}年[\d.]+%）[高低][\d.]+个百分点/);
    expect(said).toContain('该指标以往各年数值');
    expect(said).not.toContain('Z值');
    // The flag opens the explanation field above the buttons: click once the form has grown, as a person would.
    await page.locator('#entry-explanation').waitFor();
    expect(await page.locator('[data-testid=submit-value]').isDisabled()).toBe(false);
    await page.locator('[data-testid=submit-value]').click();
    await page.getByText('该数值被标记为异常，请填写说明后再提交').first().waitFor();
    expect(await page.locator('[data-testid=entry-status]').count()).toBe(0);
    await page.locator('#entry-explanation').fill('新增两个国控站点后的全年统计，已与市局核对');
    await screenshot(page, 'value-entry-outlier', false);
    await page.locator('[data-testid=submit-value]').click();
    await page.locator('[data-testid=entry-status-tag][data-status=submitted]').waitFor();
  });

  it('working pages ask an anonymous visitor to sign in', async () => {
    const page = await open(`/plans/${PLAN}/review`);
    await page.locator('#login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/plans/${PLAN}/review`);
  });

  it('no console error or page error on any page', () => {
    expect(web.problems.list).toEqual([]);
  });
});
