/**
 * Task targets (任务目标) in the browser, as people follow them: an administrator assigns 新建新能源汽车
 * 充电桩 [1847]个 to the development and reform bureau, its reporter reports three years of progress,
 * the administrator approves them in the review queue, and the task-target page, the indicator page,
 * the plan reader and the cockpit show the new status — while the public sees approved values only.
 * Then the page on a demo workspace: grouped by section, counts, filters, a phone's width, English.
 * No console error or page error on any page.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, BROWSER_TIMEOUT, PLAN, SCREENSHOTS, chartsDrawn, choose, screenshot, webFixture, type Server } from './browser.js';
/** 新建新能源汽车充电桩 [1847]个 (7.4): a target over the period, no value reported in a fresh store. */
const TT = 'tt-ev-chargers';
const YEAR = 2023;
/** 300 + 320 + 330 = 950 of 1847 after three of five years: 51.4 % against a time share of 60 %. */
const PROGRESS: [number, string][] = [
  [2021, '300'],
  [2022, '320'],
  [2023, '330'],
];

interface EvalBody {
  counts: Record<string, number>;
  results: { indicatorId: string; status?: string }[];
}

async function apiJson<T>(server: Server, path: string): Promise<T> {
  return (await (await fetch(server.url + path)).json()) as T;
}

async function statusOfRow(page: Page, id: string): Promise<string | null> {
  return page.locator(`[data-testid=task-table] tr[data-row-key="${id}"] .pw-status`).getAttribute('data-status');
}

async function chipCount(page: Page, list: string, status: string): Promise<number> {
  return Number(await page.locator(`[data-testid=${list}] .pw-chip[data-status=${status}]`).getAttribute('data-count'));
}

describe('web: task targets, reported and reviewed', { timeout: BROWSER_TIMEOUT }, () => {
  const web = webFixture({ people: [ADMIN, { username: 'dev', role: 'reporter', unitId: 'fgj', displayName: '区发改局填报员' }] });
  let total = 0;

  it('a public visitor finds every task target under its section, none with data yet', async () => {
    const api = await apiJson<EvalBody>(web.server, `/api/v1/plans/${PLAN}/task-targets/evaluation?year=${YEAR}`);
    total = api.results.length;
    expect(total).toBeGreaterThan(50);
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}`);
    await page.locator('[data-testid=cockpit]').waitFor();
    const nav = await page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    expect(nav).toEqual(['cockpit', 'table', 'tasks', 'annual', 'reader', 'rollup', 'projects', 'towns']);
    await page.locator('[data-nav=tasks]').click();
    await page.locator('[data-testid=task-table]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/plans/${PLAN}/task-targets`);

    await page.goto(`${web.server.url}/plans/${PLAN}/task-targets?year=${YEAR}`);
    await page.locator(`[data-testid=task-table] tr[data-row-key="${TT}"]`).waitFor();
    expect(await page.locator('h2').first().textContent()).toContain(`任务目标实施情况（${YEAR}年）`);
    expect(await page.locator('[data-testid=task-summary]').textContent()).toContain(`共${total}项任务目标，0项已有数据`);
    expect(await chipCount(page, 'task-counts', 'dataMissing')).toBe(total);
    expect(await statusOfRow(page, TT)).toBe('dataMissing');
    // One row per target, under the section heading that states it (7.4, with its chapter).
    const keys = await page
      .locator('[data-testid=task-table] tbody tr[data-row-key]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-row-key')));
    expect(keys.filter((k) => !k!.startsWith('§'))).toEqual(api.results.map((r) => r.indicatorId));
    const heading = keys
      .slice(0, keys.indexOf(TT))
      .filter((k) => k!.startsWith('§'))
      .at(-1);
    expect(heading).toBe('§7.4');
    const group = page.locator('[data-testid=task-table] tr[data-row-key="§7.4"]');
    expect(await group.textContent()).toContain('增强现代化基础设施功能保障');
    expect(await group.textContent()).toContain('第七章');
    const row = page.locator(`[data-testid=task-table] tr[data-row-key="${TT}"]`);
    expect(await row.textContent()).toContain('新建新能源汽车充电桩');
    expect(await row.textContent()).toContain('[1847] 个');
    expect(await row.textContent()).toContain('期内累计');
  });

  it('an administrator assigns the charging piles to the development and reform bureau', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${TT}?year=${YEAR}`);
    await page.locator('[data-testid=indicator-page]').waitFor();
    // A task target's page: its name without a row number, its words in the plan, no base row.
    expect(await page.locator('h2').first().textContent()).toBe('新建新能源汽车充电桩');
    expect(await page.locator('[data-testid=indicator-page]').textContent()).toContain('「拟新建新能源汽车充电桩1847个');
    expect(await page.locator('[data-testid=assigned-units]').textContent()).toBe('尚未分配');
    await page.locator('[data-testid=assign-units]').click();
    await choose(page, '#assign-lead', '区发展和改革局');
    await page.locator('[data-testid=assign-units-save]').click();
    await page.locator('[data-testid=assigned-units]').getByText('区发展和改革局').waitFor();
  });

  it('its reporter finds it in the inbox, is told what to enter, and submits three years of progress', async () => {
    const page = await web.withPage('dev');
    const mine = page.locator('[data-testid=my-task-targets]');
    await mine.getByText('新建新能源汽车充电桩').waitFor();
    await screenshot(page, 'inbox-task-targets', false);
    await mine.locator(`[data-testid=enter-${TT}]`).click();
    await page.locator('[data-testid=value-entry]').waitFor();
    const info = page.locator('[data-testid=entry-indicator-info]');
    await info.waitFor();
    expect(await info.textContent()).toContain('单位：个');
    expect(await info.textContent()).toContain('[1847] 个');
    expect(await page.locator('[data-testid=entry-cumulative-hint]').textContent()).toContain('当年新增量');
    // Task targets are listed apart from indicators: the unit has this one only.
    await page.locator('.ant-select:has(#entry-indicator) .ant-select-selector').click();
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.locator('.ant-select-item-group').getByText('任务目标').waitFor();
    // The options render a moment after the group headings: count them once the one expected is there.
    const options = dropdown.locator('.ant-select-item-option');
    await options.getByText('新建新能源汽车充电桩').waitFor();
    expect(await options.count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByText('数值（个）').waitFor();

    // Not a number: the form's own message, as for an indicator.
    await choose(page, '#entry-year', '2021');
    await page.locator('#entry-value').fill('三百');
    await page.getByText('请输入数字').waitFor();
    for (const [year, value] of PROGRESS) {
      if (year !== 2021) await choose(page, '#entry-year', String(year));
      await page.locator('#entry-value').fill(value);
      await page.locator('#entry-source').fill(`${year}年区发改局充电设施建设台账`);
      await page.locator('#entry-value').blur();
      await page.getByText('请输入数字').waitFor({ state: 'detached' });
      if (year === 2021) await screenshot(page, 'value-entry-task-target', false);
      await page.locator('[data-testid=submit-value]').click();
      await page.locator('[data-testid=entry-status-tag][data-status=submitted]').waitFor();
    }
  });

  it('the public does not see values waiting for review', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}/task-targets?year=${YEAR}`);
    await page.locator(`[data-testid=task-table] tr[data-row-key="${TT}"]`).waitFor();
    expect(await statusOfRow(page, TT)).toBe('dataMissing');
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${TT}?year=${YEAR}`);
    await page.locator('[data-testid=no-values]').waitFor();
  });

  it('an administrator approves them in the review queue', async () => {
    const page = await web.withPage('admin');
    await page.locator('[data-testid=review-queue]').waitFor();
    const nav = await page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    expect(nav.slice(0, 5)).toEqual(['cockpit', 'table', 'tasks', 'annual', 'reader']);
    for (const [year] of PROGRESS) {
      const approve = page.locator(`[data-testid=approve-${TT}-${year}]`);
      await approve.waitFor();
      expect(await page.locator('[data-testid=review-queue] tr', { has: approve }).textContent()).toContain('新建新能源汽车充电桩');
      await approve.click();
      await approve.waitFor({ state: 'detached' });
    }
  });

  it('the task-target page, its own page, the plan reader and the cockpit show the new status', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}/task-targets?year=${YEAR}`);
    const row = page.locator(`[data-testid=task-table] tr[data-row-key="${TT}"]`);
    await row.waitFor();
    expect(await statusOfRow(page, TT)).toBe('slightlyBehind');
    expect(await row.textContent()).toContain('累计 950 个（2021—2023）');
    expect(await row.textContent()).toContain('60%');
    expect(await row.textContent()).toContain('51.4%');
    expect(await chipCount(page, 'task-counts', 'slightlyBehind')).toBe(1);
    expect(await chipCount(page, 'task-counts', 'dataMissing')).toBe(total - 1);
    expect(await page.locator('[data-testid=task-summary]').textContent()).toContain(`共${total}项任务目标，1项已有数据`);
    await screenshot(page, 'task-targets-reported', false);

    // The status filter, by keyboard, keeps only that status (and its section).
    await page.locator('#task-status-filter').focus();
    await page.keyboard.type('基本符合');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=task-row-count]').getByText(`1 / ${total}`).waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('slightlyBehind');
    expect(await page.locator('[data-testid=task-table] tbody tr[data-row-key]').count()).toBe(2);

    // Its own page: the status, the approved values, the running total against the target.
    await row.getByRole('link', { name: '新建新能源汽车充电桩' }).click();
    await page.locator('[data-testid=values-table]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/plans/${PLAN}/indicators/${TT}`);
    // It belongs under 任务目标 in the menu, though its path is an indicator's.
    await page.locator('.ant-menu-item-selected [data-nav=tasks]').waitFor();
    expect(await page.title()).toContain('任务目标');
    expect(await page.locator('[data-testid=indicator-page] .pw-status').first().getAttribute('data-status')).toBe('slightlyBehind');
    expect(await page.locator('[data-testid=values-table]').textContent()).toContain('2023年区发改局充电设施建设台账');
    expect(await page.locator('[data-testid=explanation]').textContent()).toContain('累计950个');
    await chartsDrawn(page, 1);
    expect(await page.locator('[data-testid=indicator-page]').textContent()).toContain('今后每年还需完成');
    await screenshot(page, 'task-target-page', false);

    // The plan reader: beside 7.4, the task target with its status, a link to its page.
    await page.goto(`${web.server.url}/plans/${PLAN}/text#sec-7.4`);
    const beside = page.locator(`[data-testid="section-tasks-7.4"] li[data-task="${TT}"]`);
    await beside.locator('.pw-status[data-status=slightlyBehind]').waitFor();
    expect(await beside.getByRole('link').getAttribute('href')).toBe(`/plans/${PLAN}/indicators/${TT}`);
    expect(await page.locator('[data-testid="section-tasks-7.4"] .pw-status[data-status=dataMissing]').count()).toBeGreaterThan(0);

    // The cockpit: the task targets by status, one request, a link to the page.
    await page.goto(`${web.server.url}/plans/${PLAN}?year=${YEAR}`);
    await page.locator('[data-testid=cockpit-tasks]').waitFor();
    expect(await chipCount(page, 'cockpit-task-counts', 'slightlyBehind')).toBe(1);
    expect(await chipCount(page, 'cockpit-task-counts', 'dataMissing')).toBe(total - 1);
    await page.locator('[data-testid=cockpit-tasks-link]').click();
    await page.locator('[data-testid=task-table]').waitFor();
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(YEAR));
  });

  it('no console error or page error on any page', () => {
    expect(web.problems.list).toEqual([]);
  });
});

describe('web: the task-target page on a demo workspace', { timeout: BROWSER_TIMEOUT }, () => {
  const web = webFixture({ demo: true });

  it('counts agree with the evaluation, every status links to its filter, at 1366×768', async () => {
    const api = await apiJson<EvalBody>(web.server, `/api/v1/plans/${PLAN}/task-targets/evaluation`);
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}/task-targets`);
    await page.locator('[data-testid=task-table] tbody tr[data-row-key]').first().waitFor();
    await page.locator('[data-testid=demo-banner]').waitFor();
    for (const [code, n] of Object.entries(api.counts)) expect(await chipCount(page, 'task-counts', code)).toBe(n);
    const statuses = await page
      .locator('[data-testid=task-table] tbody .pw-status')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses).toEqual(api.results.map((r) => r.status ?? 'dataMissing'));
    // Nothing wider than the page; Chinese headings on one line.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1366);
    const heads = await page.locator('[data-testid=task-table] thead th').evaluateAll((els) => els.map((e) => e.clientHeight));
    expect(Math.max(...heads)).toBeLessThan(50);
    await screenshot(page, 'task-targets', false);
    await screenshot(page, 'task-targets-full');

    // A count is a link to the filtered list.
    await page.locator('[data-testid=task-counts] .pw-chip[data-status=lagging]').click();
    await page.locator('[data-testid=task-row-count]').getByText(`${api.counts.lagging} / ${api.results.length}`).waitFor();
    const shown = await page
      .locator('[data-testid=task-table] tbody .pw-status')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(new Set(shown)).toEqual(new Set(['lagging']));
  });

  it('the cockpit card: the task targets by status beside the indicators', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}`);
    const card = page.locator('[data-testid=cockpit-tasks]');
    await card.waitFor();
    await chartsDrawn(page, 5);
    const cockpit = await apiJson<{ taskTargets: { total: number; counts: Record<string, number>; noData: number } }>(
      web.server,
      '/api/v1/cockpit',
    );
    for (const [code, n] of Object.entries(cockpit.taskTargets.counts)) expect(await chipCount(page, 'cockpit-task-counts', code)).toBe(n);
    expect(await card.textContent()).toContain(`共${cockpit.taskTargets.total}项任务目标`);
    // The card fits: no chip wraps inside itself, the card is compact.
    const box = (await card.boundingBox())!;
    expect(box.height).toBeLessThan(140);
    await screenshot(page, 'cockpit-task-targets', false);
    await card.screenshot({ path: join(SCREENSHOTS, 'cockpit-task-targets-card.png') });
  });

  it('at a phone’s width: one block per target, nothing wider than the screen', async () => {
    const page = await web.withPage('public', { width: 390, height: 844 });
    await page.goto(`${web.server.url}/plans/${PLAN}/task-targets`);
    const list = page.locator('[data-testid=task-list]');
    await list.locator('li').first().waitFor();
    expect(await page.locator('[data-testid=task-table]').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const item = list.locator(`li[data-row-key="${TT}"]`);
    expect(await item.textContent()).toContain('累计');
    expect(await item.locator('.pw-status').count()).toBe(1);
    await screenshot(page, 'task-targets-phone', false);
  });

  it('in English the words are English, the status words Chinese with English beside them', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}/task-targets`);
    await page.locator('[data-testid=task-table] tbody tr[data-row-key]').first().waitFor();
    await page.locator('[data-testid=lang-switch]').click();
    await page.getByRole('heading', { name: /Task targets of the plan text/ }).waitFor();
    expect(await page.locator('[data-testid=task-summary]').textContent()).toMatch(/\d+ task targets, \d+ with data/);
    const words = await page.locator('[data-testid=task-table] tbody .pw-status').allTextContents();
    expect(words.some((w) => /符合预期\s*On schedule/.test(w))).toBe(true);
    await page.locator('[data-testid=lang-switch]').click();
    await page.getByRole('heading', { name: /任务目标实施情况/ }).waitFor();
  });

  it('no console error or page error on any page', () => {
    expect(web.problems.list).toEqual([]);
  });
});
