/**
 * The yearly plan (年度计划, chapter 12) in the browser: the public reads the shipped 2022 target of
 * 地区生产总值 (增长7.5%左右, judged against the published 4.3%: 未完成); an administrator sets a
 * 2023 target for 空气质量优良天数比率 in its row, and a target the notation parser cannot read is
 * refused with the server's message at that row, nothing else changed; a task target gets a yearly
 * target too; a reporter reads the page without edit controls; a phone's width fits. No console
 * error or page error on any page.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, BROWSER_TIMEOUT, PLAN, REPORTER, choose, screenshot, webFixture, type Server } from './browser.js';

/** 地区生产总值: the shipped 2022 yearly-plan target 增长7.5%左右, the published growth 4.3%. */
const GDP = '1';
/** 空气质量优良天数比率 (93以上 by 2025): no 2023 target, no 2023 value in a fresh store. */
const AIR = '17';
const TT = 'tt-ev-chargers';
const PAGE = `/plans/${PLAN}/annual-plan`;

interface AnnualTargetBody {
  indicatorId: string;
  year: number;
  target: string;
  source?: { title: string };
}

interface EvalBody {
  year: number;
  results: { indicatorId: string; annual?: { target: string; actual?: number; verdict: string; explanation: string } }[];
}

async function apiJson<T>(server: Server, path: string): Promise<T> {
  return (await (await fetch(server.url + path)).json()) as T;
}

/** The text of every row of the main table but one's. */
async function otherRows(page: Page, id: string): Promise<(string | null)[]> {
  return page
    .locator('[data-testid=annual-table] tbody tr[data-row-key]')
    .evaluateAll((els, skip) => els.filter((e) => e.getAttribute('data-row-key') !== skip).map((e) => e.textContent), id);
}

function row(page: Page, id: string, table = 'annual-table'): ReturnType<Page['locator']> {
  return page.locator(`[data-testid=${table}] tr[data-row-key="${id}"]`);
}

async function chipCount(page: Page, status: string): Promise<number> {
  return Number(await page.locator(`[data-testid=annual-counts] .pw-chip[data-status=${status}]`).getAttribute('data-count'));
}

describe('web: the yearly plan (年度计划)', { timeout: BROWSER_TIMEOUT }, () => {
  const web = webFixture({ people: [ADMIN, REPORTER] });
  // The refused target is a 4xx on purpose: the browser logs its status.
  web.problems.expectFailure(/\/annual-targets\//);

  it('the public reads the 2022 yearly plan: 地区生产总值 增长7.5%左右 against 4.3%, 未完成', async () => {
    const api = await apiJson<EvalBody>(web.server, `/api/v1/plans/${PLAN}/evaluation?year=2022`);
    const gdp = api.results.find((r) => r.indicatorId === GDP)!.annual!;
    expect(gdp).toMatchObject({ target: '增长7.5%左右', actual: 4.3, verdict: 'notCompleted' });
    const judged = api.results.filter((r) => r.annual);

    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}`);
    await page.locator('[data-testid=cockpit]').waitFor();
    const nav = await page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    expect(nav).toEqual(['cockpit', 'table', 'tasks', 'annual', 'reader', 'rollup', 'projects', 'towns']);
    await page.locator('[data-nav=annual]').click();
    // No year asked: the latest year with data (2024: the published 托位数), then the year of the
    // shipped yearly target, 2022.
    await page.locator('h2', { hasText: '年度计划目标完成情况（2024年）' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(PAGE);
    await page.goto(`${web.server.url}${PAGE}?year=2022`);
    await row(page, GDP).waitFor();
    expect(await page.locator('h2').first().textContent()).toBe('年度计划目标完成情况（2022年）');
    await page.locator('.ant-menu-item-selected [data-nav=annual]').waitFor();
    expect(await page.title()).toContain('年度计划');

    const gdpRow = row(page, GDP);
    expect(await gdpRow.textContent()).toContain('地区生产总值');
    expect(await page.locator(`[data-testid=annual-written-${GDP}]`).textContent()).toBe('增长7.5%左右');
    expect(await gdpRow.textContent()).toContain('增长4.3%');
    expect(await gdpRow.locator('.pw-status').getAttribute('data-status')).toBe('notCompleted');
    expect(await gdpRow.locator('.pw-status').textContent()).toBe('未完成');
    expect(await page.locator(`[data-testid=annual-result-${GDP}]`).textContent()).toContain(gdp.explanation);
    // Its source, from the yearbook's 主要预期目标安排.
    expect(await gdpRow.textContent()).toContain('秀洲年鉴2022');

    // The summary: the indicators with a yearly target and their verdicts.
    expect(await page.locator('[data-testid=annual-summary]').textContent()).toContain(`2022年共${judged.length}项主要指标下达了年度目标`);
    expect(await chipCount(page, 'notCompleted')).toBe(judged.filter((r) => r.annual!.verdict === 'notCompleted').length);
    for (const code of ['completed', 'basicallyCompleted', 'dataMissing'])
      expect(await chipCount(page, code)).toBe(judged.filter((r) => r.annual!.verdict === code).length);

    // The public reads the targets set, and may list every indicator; it edits nothing.
    const keys = await page.locator('[data-testid=annual-table] tbody tr[data-row-key]').evaluateAll((els) => els.length);
    expect(keys).toBe(judged.length);
    expect(await page.locator('[data-testid^=annual-edit-]').count()).toBe(0);
    expect(await page.locator('[data-testid=annual-add-task]').count()).toBe(0);
    await screenshot(page, 'annual-plan', false);
    await page.locator('[data-testid=annual-show]').getByText('全部指标').click();
    await row(page, '37').waitFor();
    expect(new URL(page.url()).searchParams.get('show')).toBe('all');
    expect(await page.locator('[data-testid=annual-table] tbody tr[data-row-key]').count()).toBe(api.results.length);
    expect(await page.locator(`[data-testid=annual-written-${AIR}]`).textContent()).toBe('未下达');
    // Nothing wider than the page at 1366×768; the headings on one line.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    const heads = await page.locator('[data-testid=annual-table] thead th').evaluateAll((els) => els.map((e) => e.clientHeight));
    expect(Math.max(...heads)).toBeLessThan(50);
    await screenshot(page, 'annual-plan-all');

    // The verdict chip filters the table; the year selector keeps the year in the URL.
    await page.locator('[data-testid=annual-counts] .pw-chip[data-status=notCompleted]').click();
    await page.locator('[data-testid=annual-row-count]').getByText(`1 / ${api.results.length}`).waitFor();
    expect(new URL(page.url()).searchParams.get('verdict')).toBe('notCompleted');
    await page.locator('[data-testid=annual-clear-filter]').click();
    await choose(page, '[aria-label=监测年度]', '2023年');
    await page.locator('h2', { hasText: '（2023年）' }).waitFor();
    expect(new URL(page.url()).searchParams.get('year')).toBe('2023');
    await page.locator('[data-testid=annual-summary]').getByText('2023年尚未录入主要指标的年度目标').waitFor();
  });

  it('a reporter reads the page without edit controls', async () => {
    const page = await web.withPage('reporter');
    await page.goto(`${web.server.url}${PAGE}?year=2022&show=all`);
    await row(page, AIR).waitFor();
    await row(page, GDP).locator('.pw-status[data-status=notCompleted]').waitFor();
    expect(await page.locator('[data-testid^=annual-edit-]').count()).toBe(0);
    expect(await page.locator('[data-testid^=annual-input-]').count()).toBe(0);
    expect(await page.locator('[data-testid=annual-add-task]').count()).toBe(0);
  });

  it('an administrator sets 91以上 for 2023; 「九十一」 is refused with the server’s message at the row', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}${PAGE}?year=2023`);
    // An administrator sees every indicator, each with its button.
    const air = row(page, AIR);
    await air.waitFor();
    const edit = page.locator(`[data-testid=annual-edit-${AIR}]`);
    await edit.waitFor();
    expect(await page.locator('[data-testid^=annual-edit-]').count()).toBe(
      (await apiJson<EvalBody>(web.server, `/api/v1/plans/${PLAN}/evaluation?year=2023`)).results.length,
    );
    expect(await page.locator(`[data-testid=annual-written-${AIR}]`).textContent()).toBe('未下达');
    const others = await otherRows(page, AIR);
    expect(others.length).toBeGreaterThan(30);

    // A notation the parser cannot read: the server's message at the row, the input kept.
    await edit.click();
    const input = page.locator(`[data-testid=annual-input-${AIR}]`);
    await input.waitFor();
    expect(await input.getAttribute('placeholder')).toBe('如：93以上');
    await input.fill('九十一');
    const refused = page.waitForResponse((r) => r.url().includes(`/annual-targets/${AIR}/2023`) && r.request().method() === 'PUT');
    await page.locator(`[data-testid=annual-save-${AIR}]`).click();
    const response = await refused;
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status()).toBeLessThan(500);
    const message = ((await response.json()) as { error: { message: string } }).error.message;
    expect(message).toContain('九十一');
    const error = page.locator(`[data-testid=annual-error-${AIR}]`);
    await error.waitFor();
    expect(await error.textContent()).toBe(message);
    expect(await air.locator('[role=alert]').count()).toBe(1);
    expect(await input.inputValue()).toBe('九十一');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('class')).toContain('ant-input-status-error');
    expect(await page.locator('[data-testid^=annual-error-]').count()).toBe(1);
    expect(await page.locator('[data-testid^=annual-editor-]').count()).toBe(1);
    expect(await otherRows(page, AIR)).toEqual(others);
    const stored = await apiJson<AnnualTargetBody[]>(web.server, `/api/v1/plans/${PLAN}/annual-targets`);
    expect(stored.filter((a) => a.year === 2023)).toEqual([]);
    await screenshot(page, 'annual-plan-refused', false);

    // By keyboard: the right notation and a source, Enter saves.
    await input.fill('91以上');
    await page.locator(`[data-testid=annual-source-${AIR}]`).fill('2023年区政府工作报告');
    await page.keyboard.press('Enter');
    await page.locator('.ant-message').getByText('已保存年度目标').waitFor();
    await page.locator(`[data-testid=annual-editor-${AIR}]`).waitFor({ state: 'detached' });
    expect(await page.locator(`[data-testid=annual-written-${AIR}]`).textContent()).toBe('91%以上');
    expect(await air.textContent()).toContain('2023年区政府工作报告');
    // No 2023 value yet: judged 数据缺失, counted in the summary.
    await air.locator('.pw-status[data-status=dataMissing]').waitFor();
    await page.locator('[data-testid=annual-summary]').getByText('2023年共1项主要指标下达了年度目标').waitFor();
    expect(await chipCount(page, 'dataMissing')).toBe(1);
    // The focus is back on the row's button.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`annual-edit-${AIR}`);
    // Nothing else changed.
    expect(await otherRows(page, AIR)).toEqual(others);
    const saved = await apiJson<AnnualTargetBody[]>(web.server, `/api/v1/plans/${PLAN}/annual-targets`);
    expect(saved.filter((a) => a.year === 2023)).toEqual([
      { indicatorId: AIR, year: 2023, target: '91以上', source: { title: '2023年区政府工作报告' } },
    ]);

    // A task target: chosen from the list, set, listed in its section.
    await page.locator('#annual-add-task').focus();
    await page.keyboard.type('新建新能源汽车充电桩');
    await page.keyboard.press('Enter');
    const ttInput = page.locator(`[data-testid=annual-input-${TT}]`);
    await ttInput.waitFor();
    await ttInput.fill('350以上');
    await page.locator(`[data-testid=annual-save-${TT}]`).click();
    const ttRow = row(page, TT, 'annual-task-table');
    await ttRow.waitFor();
    expect(await page.locator(`[data-testid=annual-written-${TT}]`).textContent()).toBe('350 个以上');
    await ttRow.locator('.pw-status[data-status=dataMissing]').waitFor();
    await screenshot(page, 'annual-plan-admin', false);

    // Still there after a reload, for everyone.
    await page.reload();
    await row(page, AIR).locator('.pw-status[data-status=dataMissing]').waitFor();
    expect(await page.locator(`[data-testid=annual-written-${AIR}]`).textContent()).toBe('91%以上');

    const pub = await web.withPage('public');
    await pub.goto(`${web.server.url}${PAGE}?year=2023`);
    await row(pub, AIR).waitFor();
    expect(await pub.locator('[data-testid=annual-table] tbody tr[data-row-key]').count()).toBe(1);
    await row(pub, TT, 'annual-task-table').waitFor();
  });

  it('at a phone’s width: one block per indicator, nothing wider than the screen', async () => {
    const page = await web.withPage('public', { width: 390, height: 844 });
    await page.goto(`${web.server.url}${PAGE}?year=2022`);
    const list = page.locator('[data-testid=annual-list]');
    await list.locator(`li[data-row-key="${GDP}"]`).waitFor();
    expect(await page.locator('[data-testid=annual-table]').count()).toBe(0);
    const item = list.locator(`li[data-row-key="${GDP}"]`);
    expect(await item.textContent()).toContain('增长7.5%左右');
    expect(await item.textContent()).toContain('增长4.3%');
    expect(await item.locator('.pw-status').getAttribute('data-status')).toBe('notCompleted');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'annual-plan-phone', false);
  });

  it('at a phone’s width an administrator edits in place, and Escape leaves everything as it was', async () => {
    const page = await web.withPage('admin', { width: 390, height: 844 });
    await page.goto(`${web.server.url}${PAGE}?year=2022`);
    const item = page.locator(`[data-testid=annual-list] li[data-row-key="${GDP}"]`);
    await item.waitFor();
    await page.locator(`[data-testid=annual-edit-${GDP}]`).click();
    // The target as written and its source, ready to change.
    const input = page.locator(`[data-testid=annual-input-${GDP}]`);
    await input.waitFor();
    expect(await input.inputValue()).toBe('增长7.5%左右');
    expect(await page.locator(`[data-testid=annual-source-${GDP}]`).inputValue()).toContain('秀洲年鉴2022');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`annual-input-${GDP}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'annual-plan-phone-admin', false);
    await input.fill('增长8%');
    await page.keyboard.press('Escape');
    await input.waitFor({ state: 'detached' });
    expect(await page.locator(`[data-testid=annual-written-${GDP}]`).textContent()).toBe('增长7.5%左右');
    const stored = await apiJson<AnnualTargetBody[]>(web.server, `/api/v1/plans/${PLAN}/annual-targets`);
    expect(stored.find((a) => a.indicatorId === GDP && a.year === 2022)?.target).toBe('增长7.5%左右');
  });

  it('in English the words are English, the verdict words Chinese with English beside them', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}${PAGE}?year=2022`);
    await row(page, GDP).waitFor();
    await page.locator('[data-testid=lang-switch]').click();
    await page.getByRole('heading', { name: /Yearly-plan targets.*2022/ }).waitFor();
    expect(await page.locator('[data-testid=annual-summary]').textContent()).toContain('Main indicators with a 2022 yearly target (1):');
    expect(await row(page, GDP).locator('.pw-status').textContent()).toBe('未完成 Not completed');
    expect(await row(page, GDP).textContent()).toContain('growth 4.3%');
    await page.locator('[data-testid=lang-switch]').click();
    await page.getByRole('heading', { name: /年度计划目标完成情况/ }).waitFor();
  });

  it('no console error or page error on any page', () => {
    expect(web.problems.list).toEqual([]);
  });
});
