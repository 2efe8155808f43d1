/**
 * Major projects in the browser, as people use them: a public visitor finds the projects the plan
 * names; an administrator registers a project with a yearly plan of 5 亿元 and a milestone already
 * due, reports three months (0.66, 0.8, 0.7 亿元), approves them, and the project page as of April
 * reads 「投资完成率43.2%，超时序进度9.9个百分点」 with the overdue milestone among the warnings (on the
 * list page too); a project ledger with one bad cell is refused with its row and column and stores
 * nothing; the responsible unit's reporter reports a month, another unit's reporter cannot; the
 * administrator edits the project (total investment, a second year's plan, the stage) and the page
 * shows it, the milestones keeping their ids, while a reporter has no edit button. No console error
 * or page error on any page.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ADMIN, BROWSER_TIMEOUT, PASSWORD, REPORTER, PLAN, chartsDrawn, choose, screenshot, webFixture } from './browser.js';

const ID = 't-park';
const NAME = '秀洲智能装备产业园';

const web = webFixture({ people: [ADMIN] });
let dir: string;

/** Picks a month of a MonthSelect by typing it into the select's search, then its 「2024年1月」 option. */
async function pickMonth(page: Page, id: string, month: string): Promise<void> {
  await choose(page, `#${id}`, `${month.slice(0, 4)}年${Number(month.slice(5))}月`, month);
}

interface AdminView {
  project: {
    stage: string;
    totalInvestment: number | null;
    annualPlan: Record<string, number>;
    milestones: { id: string; name: string }[];
  };
  reports: { period: string; investment: number; status: string }[];
}

/** The project's reports as the API gives them to an administrator. */
async function reportsOf(id: string): Promise<{ period: string; investment: number; status: string }[]> {
  return (await adminView(id)).reports.map((r) => ({ period: r.period, investment: r.investment, status: r.status }));
}

/** The project as the API gives it to an administrator. */
async function adminView(id: string): Promise<AdminView> {
  const res = await fetch(`${web.server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return (await (await fetch(`${web.server.url}/api/v1/projects/${id}`, { headers: { cookie } })).json()) as AdminView;
}

describe('web: major projects', { timeout: BROWSER_TIMEOUT }, () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'planwatch-ledger-'));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a public visitor finds the projects the plan names, from the cockpit to the plan text', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}`);
    // The cockpit's 重大项目 card leads to the list; the menu has it for everyone.
    await page.locator('[data-testid=projects-link]').click();
    await page.locator('[data-testid=project-list]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/plans/${PLAN}/projects`);
    const nav = await page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    expect(nav).toContain('projects');
    expect(nav).not.toContain('reports');
    expect(await page.locator('[data-testid=register-project]').count()).toBe(0);

    const table = page.locator('[data-testid=projects-table]');
    await table.locator('a[data-project=p-art-museum]').getByText('美术馆').waitFor();
    // Search by name, in the URL.
    await page.locator('#projects-search').fill('有机废弃物');
    await page.locator('#projects-search').press('Enter');
    await table.locator('a[data-project=p-organic-waste]').getByText('嘉兴市有机废弃物综合处理项目').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('有机废弃物');
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1);
    // The five dimensions without any yearly plan: no score is a zero.
    const scores = await page
      .locator('[data-testid=dimensions-table] [data-score]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-score')));
    expect(scores.filter((s) => s === 'null').length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-testid=dimensions-table]').textContent()).toContain('暂无数据');

    // The project page links to its plan section and 专栏.
    await table.locator('a[data-project=p-organic-waste]').click();
    await page.locator('[data-testid=project-page][data-project=p-organic-waste]').waitFor();
    await page.locator('[data-testid=project-facts]').getByText('500t/d餐厨垃圾', { exact: false }).waitFor();
    expect(await page.locator('[data-testid=project-column]').textContent()).toContain('专栏11');
    expect(await page.locator('[data-testid=lifecycle]').getAttribute('data-stage')).toBe('planning');
    expect(await page.locator('[data-testid=report-form]').count()).toBe(0);
    await page.locator('[data-testid=project-sections] a').first().click();
    await page.locator('[data-testid=plan-reader]').waitFor();
    expect(new URL(page.url()).hash).toBe('#sec-8.1');
  });

  it('an administrator registers a project with its yearly plan and a milestone already due', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/projects`);
    await page.locator('[data-testid=register-project]').click();
    await page.locator('#project_id').fill(ID);
    await page.locator('#project_name').fill(NAME);
    await choose(page, '#project_category', '产业项目');
    await page.locator('#project_totalInvestment').fill('20');
    await choose(page, '#project_responsibleUnitId', '区经济和信息化局');
    await choose(page, '#project_townId', '王店镇');
    await pickMonth(page, 'project_plannedStart', '2024-01');
    await pickMonth(page, 'project_plannedFinish', '2026-06');
    await choose(page, '#project_annualPlan_0_year', '2024年');
    await page.locator('#project_annualPlan_0_amount').fill('5');
    await page.locator('#project_milestones_0_name').fill('完成土地摘牌');
    await page.locator('#project_milestones_0_due').fill('2024-02-15');
    await page.locator('#project_landMu').fill('120');
    await page.locator('#project_quantities').fill('年产10万台智能装备');
    await page.locator('.ant-drawer-title').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
    await screenshot(page, 'project-register', false);
    await page.locator('[data-testid=register-submit]').click();

    await page.locator(`[data-testid=project-page][data-project=${ID}]`).waitFor();
    const facts = page.locator('[data-testid=project-facts]');
    for (const text of ['区经济和信息化局', '王店镇', '2024年 5 亿元', '用地 120 亩', '2024-01 / 2026-06'])
      await facts.getByText(text, { exact: false }).first().waitFor();
  });

  it('the register form saves with its blank rows left blank, and names half a row in words', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/projects`);
    await page.locator('[data-testid=register-project]').click();
    await page.locator('#project_id').fill('p-blank-rows');
    await page.locator('#project_name').fill('空白行测试项目');
    await choose(page, '#project_category', '公共服务');
    // Half a row: a year without its amount is named with the field's words, never a bare field name.
    await choose(page, '#project_annualPlan_0_year', '2025年');
    await page.locator('[data-testid=register-submit]').click();
    const explain = page.locator('.ant-form-item-explain-error', { hasText: '2025年' });
    await explain.waitFor();
    expect(await explain.textContent()).toBe('请填写2025年的年度计划投资（亿元）');
    expect(await page.locator('.ant-drawer').textContent()).not.toMatch(/annualPlan|amount/);
    await screenshot(page, 'project-register-half-row', false);
    // The row cleared again: the form saves, the blank yearly-plan and milestone rows ignored.
    await page.locator('.ant-select:has(#project_annualPlan_0_year) .ant-select-clear').click({ force: true });
    await page.locator('[data-testid=register-submit]').click();
    await page.locator('[data-testid=project-page][data-project=p-blank-rows]').waitFor();
  });

  it('three months reported and approved: 43.2% against a time share of 33.3% in April, the milestone overdue', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/projects/${ID}`);
    await page.locator('[data-testid=report-form]').waitFor();
    const months: [string, string][] = [
      ['2024-01', '0.66'],
      ['2024-02', '0.8'],
      ['2024-03', '0.7'],
    ];
    for (const [period, investment] of months) {
      await pickMonth(page, 'report_period', period);
      const input = page.locator('#report_investment');
      await page.waitForFunction(() => (document.querySelector('#report_investment') as HTMLInputElement | null)?.value === '');
      await input.fill(investment);
      if (period === '2024-01') await choose(page, '#report_stage', '在建');
      if (period === '2024-03') {
        await page.locator('[data-testid=add-issue]').click();
        await page.locator('#report_issues_0_title').fill('施工用电增容待供电公司审批');
        await page.locator('#report_issues_0_ownerUnit').fill('区经济和信息化局');
      }
      expect(Number(await input.inputValue())).toBe(Number(investment));
      await page.locator('[data-testid=submit-report]').click();
      await page.locator(`[data-testid=reports] tr[data-period="${period}"][data-status=submitted]`).waitFor();
    }
    for (const [period] of months) {
      await page.locator(`[data-testid=approve-report-${period}]`).click();
      await page.locator(`[data-testid=reports] tr[data-period="${period}"][data-status=approved]`).waitFor();
    }
    // Approval applied the reported stage; the issue is listed with its owner.
    await page.locator('[data-testid=lifecycle][data-stage=construction]').waitFor();
    await page.locator('[data-testid=issues]').getByText('施工用电增容待供电公司审批').waitFor();

    // As of April 2024.
    await pickMonth(page, 'project-asof', '2024-04');
    const investment = page.locator('[data-testid=project-investment]');
    await investment.getByText('投资完成率43.2%，超时序进度9.9个百分点').waitFor();
    expect(await investment.getAttribute('data-behind')).toBe('none');
    const overdue = page.locator('[data-testid=milestones] li[data-state=overdue]');
    expect(await overdue.textContent()).toContain('完成土地摘牌');
    expect(await overdue.evaluate((e) => getComputedStyle(e.querySelector('.pw-milestone-name')!).color)).toBe('rgb(207, 19, 34)');
    const warning = page.locator('[data-testid=project-warnings] li[data-kind=milestoneOverdue]');
    expect(await warning.textContent()).toContain('节点「完成土地摘牌」应于2024-02-15完成，尚未完成');
    await chartsDrawn(page, 1);
    expect(await page.locator('[data-chart=investment]').getAttribute('aria-label')).toContain('投资完成率43.2%');
    // The page as a link opens it, for the screenshots: no toasts, no tooltip.
    expect(new URL(page.url()).search).toBe('?asOf=2024-04');
    await page.goto(page.url());
    await page.locator('[data-testid=project-investment]').getByText('投资完成率43.2%').waitFor();
    await chartsDrawn(page, 1);
    await screenshot(page, 'project', false);
    await screenshot(page, 'project-full');

    // The list page as of April: the same figures, the warning in the warning list.
    await page.goto(`${web.server.url}/plans/${PLAN}/projects?asOf=2024-04`);
    await choose(page, '#projects-category', '产业项目');
    expect(new URL(page.url()).searchParams.get('category')).toBe('industry');
    await page.locator(`[data-testid=investment-${ID}]`).getByText('投资完成率43.2%，超时序进度9.9个百分点').waitFor();
    const listed = page.locator(`[data-testid=project-warnings] li[data-kind=milestoneOverdue][data-project=${ID}]`);
    expect(await listed.textContent()).toContain(NAME);
    expect(await page.locator(`[data-testid=warnings-${ID}]`).textContent()).toContain('1');
    await chartsDrawn(page, 2);
    await page.locator('[data-testid=rollups]').getByText('产业项目').waitFor();
    await screenshot(page, 'projects', false);
    await screenshot(page, 'projects-full');
  });

  it('a project ledger with one bad cell is refused with its row and column, and nothing is stored', async () => {
    const before = await reportsOf(ID);
    expect(before).toEqual([
      { period: '2024-01', investment: 0.66, status: 'approved' },
      { period: '2024-02', investment: 0.8, status: 'approved' },
      { period: '2024-03', investment: 0.7, status: 'approved' },
    ]);
    const header = '项目编号,项目名称,月份,本月完成投资（亿元）,项目阶段,存在问题';
    writeFileSync(join(dir, '重大项目台账-错误.csv'), `${header}\n${ID},${NAME},2024-04,0.5,在建,\n${ID},${NAME},2024-05,三千万,在建,\n`);
    writeFileSync(join(dir, '重大项目台账.csv'), `${header}\n${ID},${NAME},2024-04,0.5,在建,\n`);
    web.problems.expectFailure(/\/api\/v1\/plans\/[^/]+\/projects\/ledger\?dryRun=/);

    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/import`);
    await page.locator('[data-testid=ledger-tab]').click();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('ledger');
    await page.locator('#ledger-file').setInputFiles(join(dir, '重大项目台账-错误.csv'));
    await page.locator('[data-testid=ledger-chosen-file]').getByText('重大项目台账-错误.csv', { exact: false }).waitFor();
    await page.locator('[data-testid=ledger-dry-run]').click();
    const issues = page.locator('[data-testid=ledger-issues]');
    await issues.waitFor();
    const cells = await issues.locator('tbody tr.ant-table-row').first().locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['重大项目台账-错误.csv', '—', '3', 'D']);
    expect(cells[4]).toContain('三千万');
    expect(await page.locator('[data-testid=ledger-error]').textContent()).toContain('未写入任何数据');
    expect(await page.locator('[data-testid=ledger-import-now]').isDisabled()).toBe(true);
    await screenshot(page, 'project-ledger-errors', false);
    expect(await reportsOf(ID)).toEqual(before);

    // The corrected file: a dry run previews it, the import stores it (an administrator's lands approved).
    await page.locator('#ledger-file').setInputFiles(join(dir, '重大项目台账.csv'));
    await page.locator('[data-testid=ledger-dry-run]').click();
    const summary = page.locator('[data-testid=ledger-summary]');
    await summary.getByText(NAME).waitFor();
    expect(await reportsOf(ID)).toEqual(before);
    await page.locator('[data-testid=ledger-import-now]').click();
    await page.locator('[data-testid=ledger-result]').getByText('已写入', { exact: false }).waitFor();
    expect(await page.locator('[data-testid=ledger-result]').textContent()).not.toMatch(/[{}"]|dryRun/);
    expect(await reportsOf(ID)).toEqual([...before, { period: '2024-04', investment: 0.5, status: 'approved' }]);
  });

  it('the responsible unit’s reporter reports a month; another unit’s does not see the form or the draft', async () => {
    await web.addPerson({ username: 'jxj', role: 'reporter', unitId: 'jxj', displayName: '经信局填报员' });
    await web.addPerson(REPORTER);
    const own = await web.withPage('jxj');
    await own.goto(`${web.server.url}/projects/${ID}?asOf=2024-05`);
    await own.locator('[data-testid=report-form]').waitFor();
    // Reporters neither approve nor resolve.
    expect(await own.locator('[data-testid^=approve-report-]').count()).toBe(0);
    expect(await own.locator('[data-testid^=resolve-]').count()).toBe(0);
    await pickMonth(own, 'report_period', '2024-05');
    await own.locator('#report_investment').fill('0.4');
    await own.locator('#report_note').fill('主体结构施工');
    await own.locator('[data-testid=save-report]').click();
    await own.locator('[data-testid=reports] tr[data-period="2024-05"][data-status=draft]').waitFor();

    const other = await web.withPage('env');
    await other.goto(`${web.server.url}/projects/${ID}?asOf=2024-05`);
    await other.locator('[data-testid=reports] tr[data-period="2024-04"]').waitFor();
    expect(await other.locator('[data-testid=report-form]').count()).toBe(0);
    expect(await other.locator('[data-testid=reports] tr[data-period="2024-05"]').count()).toBe(0);
  });

  it('an administrator edits the project and sees the change; a reporter has no edit button', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/projects/${ID}?asOf=2024-05`);
    await page.locator('[data-testid=edit-project]').click();
    const drawer = page.locator('[data-testid=edit-project-drawer]');
    await drawer.waitFor();
    // The register form's fields, filled with the project; its id cannot change.
    expect(await page.locator('#project_id').inputValue()).toBe(ID);
    expect(await page.locator('#project_id').isDisabled()).toBe(true);
    expect(await page.locator('#project_name').inputValue()).toBe(NAME);
    expect(await page.locator('#project_milestones_0_name').inputValue()).toBe('完成土地摘牌');
    await page.locator('#project_totalInvestment').fill('24');
    await drawer.getByRole('button', { name: '添加年度' }).click();
    await choose(page, '#project_annualPlan_1_year', '2025年');
    await page.locator('#project_annualPlan_1_amount').fill('6');
    await choose(page, '#project_stage', '竣工');
    await page.locator('#project_description').fill('二期扩建智能装备生产线');
    await page.locator('.ant-drawer-title').click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' });
    await screenshot(page, 'project-edit', false);
    await page.locator('[data-testid=edit-project-submit]').click();
    await drawer.waitFor({ state: 'detached' });

    const facts = page.locator('[data-testid=project-facts]');
    for (const text of ['2024年 5 亿元；2025年 6 亿元', '二期扩建智能装备生产线'])
      await facts.getByText(text, { exact: false }).first().waitFor();
    await page.locator('[data-testid=lifecycle][data-stage=completed]').waitFor();
    const saved = (await adminView(ID)).project;
    expect(saved).toMatchObject({ stage: 'completed', totalInvestment: 24, annualPlan: { '2024': 5, '2025': 6 } });
    // Monthly reports name milestones by id: an edit keeps them.
    expect(saved.milestones).toEqual([expect.objectContaining({ id: 'm1', name: '完成土地摘牌' })]);

    const reporter = await web.withPage('jxj');
    await reporter.goto(`${web.server.url}/projects/${ID}?asOf=2024-05`);
    await reporter.locator('[data-testid=report-form]').waitFor();
    expect(await reporter.locator('[data-testid=edit-project]').count()).toBe(0);
  });

  it('no console error or page error on any page', () => {
    expect(web.problems.list).toEqual([]);
  });
});
