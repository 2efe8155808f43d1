/**
 * The reporting workflow in the browser, as people do it: a reporter enters a value (a bad one is
 * refused with the range message, a good one is submitted), an administrator approves it in the
 * review queue, and the public cockpit and indicator page change — while a public visitor never
 * sees a value that is not approved. No console error or page error on any page visited.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setAssignments } from '../../src/store/planning.js';
import { getPlan } from '../../src/store/plans.js';
import { SYSTEM } from '../../src/store/util.js';
import { ADMIN, BROWSER_TIMEOUT, LEADER, PLAN, REPORTER, choose, screenshot, webFixture } from './browser.js';

/** 空气质量优良天数比率 (%, 约束性): no published value for this year, so it starts as 数据缺失. */
const IND = '17';
const YEAR = 2023;

async function countOf(page: Page, status: string): Promise<number> {
  return Number(await page.locator(`[data-testid=status-counts] [data-status=${status}]`).getAttribute('data-count'));
}

async function statusOfIndicator(page: Page): Promise<string | null> {
  return page.locator('[data-testid=indicator-page] .pw-status').first().getAttribute('data-status');
}

describe('web: report, review, publish', { timeout: BROWSER_TIMEOUT }, () => {
  let before: { missing: number; status: string | null };

  const web = webFixture({
    people: [ADMIN, REPORTER, LEADER],
    async setup(server) {
      const plan = (await getPlan(server.store.db, PLAN))!;
      await setAssignments(server.store.db, SYSTEM, plan, 'indicator', IND, [{ unitId: 'sthj', role: 'lead' }]);
    },
  });

  it('a public visitor sees the cockpit and the indicator without data', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}?year=${YEAR}`);
    await page.locator('[data-testid=status-counts]').waitFor();
    const missing = await countOf(page, 'dataMissing');
    expect(missing).toBeGreaterThan(0);
    // No demo banner on a real store; navigation shows the public pages only.
    expect(await page.locator('[data-testid=demo-banner]').count()).toBe(0);
    expect(await page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')))).toEqual([
      'cockpit',
      'table',
      'tasks',
      'annual',
      'reader',
      'rollup',
      'projects',
      'towns',
    ]);

    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${IND}?year=${YEAR}`);
    await page.locator('[data-testid=indicator-page]').waitFor();
    const status = await statusOfIndicator(page);
    expect(status).toBe('dataMissing');
    await page.locator('[data-testid=no-values]').waitFor();
    expect(await page.locator('[data-testid=audit]').count()).toBe(0);
    before = { missing, status };
  });

  it('a reporter sees the range message for a bad value and submits a good one', async () => {
    const page = await web.withPage('reporter');
    // A reporter lands on the inbox, with the unit's indicators and working pages in the menu.
    await page.locator('[data-testid=inbox]').waitFor();
    const nav = await page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    expect(nav).toEqual([
      'cockpit',
      'table',
      'tasks',
      'annual',
      'reader',
      'rollup',
      'projects',
      'towns',
      'reports',
      'inbox',
      'entry',
      'supervision',
    ]);
    await page.locator(`[data-testid=enter-${IND}]`).click();
    await page.locator('[data-testid=value-entry]').waitFor();
    await page.locator('[data-testid=entry-indicator-info]').waitFor();
    await choose(page, '#entry-year', String(YEAR));

    // 130 for a share (%): refused as the server's check says, as soon as it is typed.
    await page.locator('#entry-value').fill('130');
    const issue = page.locator('[data-testid=check-issue]').first();
    await issue.waitFor();
    expect(await issue.getAttribute('data-severity')).toBe('error');
    expect(await issue.textContent()).toContain('0—100');
    expect(await page.locator('[data-testid=value-help]').textContent()).toContain('0—100');
    expect(await page.locator('[data-testid=submit-value]').isDisabled()).toBe(true);
    await screenshot(page, 'value-entry-invalid', false);

    // Not a number: the form's own message.
    await page.locator('#entry-value').fill('八十');
    await page.getByText('请输入数字').waitFor();

    // A good value with its source: no issue, submitted for review.
    await page.locator('#entry-value').fill('88.6');
    await page.locator('#entry-source').fill('2023年嘉兴市秀洲区生态环境状况公报');
    await page.locator('#entry-value').blur();
    await page.locator('[data-testid=check-issue]').first().waitFor({ state: 'detached' });
    await page.getByText('请输入数字').waitFor({ state: 'detached' });
    await screenshot(page, 'value-entry', false);
    await page.locator('[data-testid=submit-value]').click();
    const tag = page.locator('[data-testid=entry-status-tag]');
    await tag.waitFor();
    expect(await tag.getAttribute('data-status')).toBe('submitted');

    // A draft for the next year stays with the unit.
    await choose(page, '#entry-year', String(YEAR + 1));
    await page.locator('#entry-value').fill('89.4');
    await page.locator('#entry-source').fill('2024年监测月报（草稿）');
    await page.locator('[data-testid=save-draft]').click();
    await page.locator('[data-testid=entry-status-tag][data-status=draft]').waitFor();

    // Signing out leaves the public pages only.
    await page.locator('[data-testid=user-menu]').click();
    await page.getByRole('menuitem', { name: '退出' }).click();
    await page.locator('[data-testid=login-button]').waitFor();
    expect(await page.locator('[data-nav]').count()).toBe(8);
  });

  it('the public does not see the submitted value', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${IND}?year=${YEAR}`);
    await page.locator('[data-testid=indicator-page]').waitFor();
    await page.locator('[data-testid=no-values]').waitFor();
    expect(await statusOfIndicator(page)).toBe(before.status);
    await page.goto(`${web.server.url}/plans/${PLAN}?year=${YEAR}`);
    await page.locator('[data-testid=status-counts]').waitFor();
    expect(await countOf(page, 'dataMissing')).toBe(before.missing);
  });

  it('an administrator approves it in the review queue', async () => {
    const page = await web.withPage('admin');
    await page.locator('[data-testid=review-queue]').waitFor();
    const nav = await page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    expect(nav).toEqual([
      'cockpit',
      'table',
      'tasks',
      'annual',
      'reader',
      'rollup',
      'projects',
      'towns',
      'reports',
      'inbox',
      'entry',
      'supervision',
      'review',
      'calendar',
      'users',
      'contacts',
      'import',
      'intake',
    ]);
    const approve = page.locator(`[data-testid=approve-${IND}-${YEAR}]`);
    await approve.waitFor();
    await screenshot(page, 'review-queue', false);
    // The draft of the next year is not in the queue.
    expect(await page.locator(`[data-testid=approve-${IND}-${YEAR + 1}]`).count()).toBe(0);
    await approve.click();
    await approve.waitFor({ state: 'detached' });

    // The administrator sees the audit trail of the indicator, and the draft.
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${IND}?year=${YEAR}`);
    await page.locator('[data-testid=audit]').waitFor();
    const trail = await page.locator('[data-testid=audit]').textContent();
    expect(trail).toContain(`审核通过了「空气质量优良天数比率」${YEAR}年水平值：88.6，待审核 → 已审核`);
    expect(trail).not.toMatch(/value\.|\[submitted\]|[{}]/);
    await page.locator(`[data-testid=value-${YEAR + 1}-level]`).waitFor();
  });

  it('the cockpit and the indicator show the approved value, and only that one', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}?year=${YEAR}`);
    await page.locator('[data-testid=status-counts]').waitFor();
    expect(await countOf(page, 'dataMissing')).toBe(before.missing - 1);
    // The air-quality headline card now shows the value and its source.
    const card = page.locator('[data-testid=headline-air]');
    await card.waitFor();
    expect(await card.locator('.pw-headline-value').textContent()).toContain('88.6');
    expect(await card.textContent()).toContain('2023年嘉兴市秀洲区生态环境状况公报');

    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${IND}?year=${YEAR}`);
    await page.locator('[data-testid=values-table]').waitFor();
    const status = await statusOfIndicator(page);
    expect(status).not.toBe('dataMissing');
    expect(status).not.toBeNull();
    expect(await page.locator(`[data-testid=value-${YEAR}-level]`).textContent()).toContain('88.6');
    expect(await page.locator('[data-testid=values-table]').textContent()).toContain('2023年嘉兴市秀洲区生态环境状况公报');
    // The reporter's draft is not public.
    expect(await page.locator(`[data-testid=value-${YEAR + 1}-level]`).count()).toBe(0);
    expect(await page.locator('[data-testid=values-table]').textContent()).not.toContain('89.4');
    // The figures and the rule behind the status, in words.
    expect(await page.locator('[data-testid=explanation]').textContent()).toContain('完成进度');
    expect(await page.locator('[data-testid=rule]').textContent()).toContain('时序进度');

    // The table shows the same status in the same row.
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators?year=${YEAR}`);
    const row = page.locator(`tr[data-row-key="${IND}"]`);
    await row.waitFor();
    expect(await row.locator('.pw-status').getAttribute('data-status')).toBe(status);
    expect(await row.textContent()).toContain('88.6');
  });

  it('an administrator adds a reporting round; the overdue list names the unit', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/calendar`);
    await page.locator('[data-testid=calendar]').waitFor();
    await choose(page, '#calendar_year', String(YEAR + 1));
    await page.locator('#calendar_title').fill(`${YEAR + 1}年度指标数据报送`);
    await page.locator('#calendar_dueDate').fill('2025-03-31');
    await page.getByRole('button', { name: '新增报送期' }).click();
    await page
      .getByRole('cell', { name: `${YEAR + 1}年度指标数据报送` })
      .first()
      .waitFor();
    // The draft of that year is not submitted: overdue, for the lead unit.
    const overdue = page.locator('[data-testid=overdue] tbody tr.ant-table-row');
    await overdue.first().waitFor();
    expect(await overdue.first().textContent()).toContain('嘉兴市生态环境局秀洲分局');
    expect(await overdue.first().textContent()).toContain('草稿未提交');
  });

  it('a leader reads everything and changes nothing', async () => {
    const page = await web.withPage('leader');
    await page.locator('[data-testid=cockpit]').waitFor();
    const nav = await page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    expect(nav).toEqual([
      'cockpit',
      'table',
      'tasks',
      'annual',
      'reader',
      'rollup',
      'projects',
      'towns',
      'reports',
      'supervision',
      'calendar',
    ]);
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${IND}?year=${YEAR}`);
    await page.locator('[data-testid=audit]').waitFor();
    expect(await page.locator('[data-testid=enter-value]').count()).toBe(0);
    await page.goto(`${web.server.url}/plans/${PLAN}/review`);
    await page.getByText('403').first().waitFor();
  });

  it('an administrator checks a spreadsheet with a dry run and sees row-level errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'planwatch-upload-'));
    const header = 'indicator,indicator_name,year,value,unit,kind,scope,source_title';
    writeFileSync(
      join(dir, 'bad.csv'),
      `${header}\n${IND},空气质量优良天数比率,2024,89.1,%,level,,公报\n99,不存在的指标,2024,5,%,level,,公报\n`,
    );
    writeFileSync(join(dir, 'good.csv'), `${header}\n18,细颗粒物(PM2.5)平均浓度,2023,26.5,微克/立方米,level,,公报\n`);
    web.problems.expectFailure(/\/api\/v1\/plans\/[^/]+\/imports\?dryRun=true/);
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/import`);
    await page.locator('#import-file').setInputFiles(join(dir, 'bad.csv'));
    await page.locator('[data-testid=chosen-file]').getByText('bad.csv').waitFor();
    await page.locator('[data-testid=dry-run]').click();
    const issues = page.locator('[data-testid=import-issues]');
    await issues.waitFor();
    const row = issues.locator('tbody tr.ant-table-row').first();
    const cells = await row.locator('td').allTextContents();
    expect(cells).toEqual(['bad.csv', '—', '3', 'B', expect.stringContaining('不存在的指标'), expect.stringContaining('地区生产总值')]);
    await screenshot(page, 'import-errors', false);

    await page.locator('#import-file').setInputFiles(join(dir, 'good.csv'));
    await page.locator('[data-testid=dry-run]').click();
    const summary = page.locator('[data-testid=import-summary]');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('good.csv');
    // The preview names the indicator by its number and name, not the id alone.
    expect(await summary.locator('[data-testid=preview-indicator]').first().textContent()).toBe('18 细颗粒物(PM2.5)平均浓度');
    // The answer in words, never raw JSON.
    const said = await page.locator('[data-testid=import-result]').textContent();
    expect(said).toContain('预览（未写入）');
    expect(said).not.toMatch(/[{}"]|dryRun/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('no console error or page error on any page', () => {
    expect(web.problems.list).toEqual([]);
  });
});
