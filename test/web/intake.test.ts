/**
 * Plan intake in the browser: an administrator uploads the plan as a Word document, sees the draft
 * with the flags first, each beside the cell or paragraph it came from; accepts one, rejects a
 * task target that repeats a main indicator, edits a unit; a second administrator resumes the same
 * draft (the rest of the flags are answered through the API, one request each, as the page sends
 * them); publishing is refused while a flag is open and, once none is, the new plan opens on its
 * cockpit. Screenshots of the review and of the new plan's cockpit. No console or page error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures } from '../importers/plan-document/expected.js';
import { ADMIN, BROWSER_TIMEOUT, PASSWORD, screenshot, webFixture, type Person } from './browser.js';

const SECOND: Person = { username: 'zhang', role: 'admin', displayName: '发改局审核员' };
const PLAN_ID = 'xiuzhou-from-docx';

type Flag = { part: string; id: string; reason: string };

describe('web: plan intake (规划导入)', { timeout: BROWSER_TIMEOUT * 2 }, () => {
  const web = webFixture({ people: [ADMIN, SECOND] });

  async function api(): Promise<(method: string, path: string, body?: unknown) => Promise<Response>> {
    const res = await fetch(`${web.server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: SECOND.username, password: PASSWORD }),
    });
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return (method, path, body) =>
      fetch(`${web.server.url}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
  }

  it('uploads the document, reviews the draft beside its source, publishes it and opens the new plan', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/intake`);
    await page.locator('[data-testid=intake]').waitFor();
    await page.locator('#intake-plan-id').fill(PLAN_ID);
    await page.locator('#intake-file').setInputFiles(join(fixtures, 'xiuzhou-14th.docx'));
    await page.locator('[data-testid=intake-upload]').click();
    await page.locator('[data-testid=intake-review]').waitFor();
    const draftUrl = page.url();
    expect(draftUrl).toMatch(/\/intake\/[0-9a-f-]{36}$/);

    // Flags first, each with where it was read.
    const flags = page.locator('[data-testid=intake-flags]');
    await flags.waitFor();
    const count = async (): Promise<number> => Number(await page.locator('[data-testid=intake-open-count]').getAttribute('data-count'));
    const before = await count();
    expect(before).toBeGreaterThan(10);
    await expect(flags.locator('tbody tr').first().textContent()).resolves.toMatch(/第\d+段|表格1/);
    await screenshot(page, 'intake-review');

    // Accept the first flag from its row.
    await flags.locator('tbody tr').first().locator('[data-testid=intake-accept]').click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=intake-open-count]')?.getAttribute('data-count')) === n,
      before - 1,
    );

    // Edit row 8's unit in the indicator table; it is saved at once.
    await page.getByRole('tab', { name: /主要指标/ }).click();
    const row8 = page.locator('[data-testid=intake-indicators] tr[data-row-key="8"]');
    await row8.locator('[data-testid=intake-edit]').click();
    await page.locator('#intake-field-unit').fill('件');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await expect.poll(async () => row8.locator('td').nth(3).textContent()).toBe('件');

    // Publishing is refused while flags are open.
    expect(await page.locator('[data-testid=intake-publish]').isDisabled()).toBe(true);

    // A second administrator resumes the same draft.
    const other = await web.withPage(SECOND.username);
    await other.goto(draftUrl);
    await other.locator('[data-testid=intake-review]').waitFor();
    await expect
      .poll(async () => Number(await other.locator('[data-testid=intake-open-count]').getAttribute('data-count')))
      .toBe(before - 1);
    await expect(other.locator('[data-testid=intake-indicators] tr[data-row-key="8"] td').nth(3).textContent()).resolves.toBe('件');
    const send = await api();
    const id = draftUrl.split('/').at(-1)!;
    let d = (await (await send('GET', `/api/v1/plan-drafts/${id}`)).json()) as { version: number; openFlags: Flag[] };
    for (const f of d.openFlags) {
      const op = f.part === 'taskTargets' && f.reason.includes('重复') ? 'reject' : 'accept';
      const r = await send('POST', `/api/v1/plan-drafts/${id}/review`, { version: d.version, action: { op, part: f.part, id: f.id } });
      expect(r.status).toBe(200);
      d = (await r.json()) as typeof d;
    }
    expect(d.openFlags).toEqual([]);
    await other.reload();
    await other.locator('[data-testid=intake-no-flags]').waitFor();
    await other.locator('[data-testid=intake-publish]').click();
    await other.waitForURL(`**/plans/${PLAN_ID}`);
    await other.getByText('秀洲区“十四五”规划纲要').first().waitFor();
    await other.locator('[data-chart]').first().waitFor();
    await screenshot(other, 'intake-published-cockpit');
    // The plan's evaluation is served like a shipped plan's.
    const evaluation = await fetch(`${web.server.url}/api/v1/plans/${PLAN_ID}/evaluation`);
    expect(evaluation.status).toBe(200);
    expect(
      readFileSync(join(fixtures, 'xiuzhou-14th.docx')).equals(
        Buffer.from(await (await fetch(`${web.server.url}/api/v1/plan-drafts/${id}/document`)).arrayBuffer()),
      ),
    ).toBe(true);
    expect(web.problems.list).toEqual([]);
  });

  it('adds an indicator row, a task target and a project the reader missed, then discards the draft after asking', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/intake`);
    await page.locator('#intake-plan-id').fill('xiuzhou-missed');
    await page.locator('#intake-file').setInputFiles(join(fixtures, 'xiuzhou-14th.docx'));
    await page.locator('[data-testid=intake-upload]').click();
    await page.locator('[data-testid=intake-review]').waitFor();
    const id = page.url().split('/').at(-1)!;
    const count = async (): Promise<number> => Number(await page.locator('[data-testid=intake-open-count]').getAttribute('data-count'));
    const flagsBefore = await count();
    const modal = page.locator('.ant-modal:visible');
    // Choosing in a searchable select: type, then take the option offered.
    const choose = async (field: string, text: string): Promise<void> => {
      await page.locator(`#intake-new-${field}`).fill(text);
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text })
        .first()
        .click();
    };
    const save = async (): Promise<void> => {
      await modal.locator('#intake-new-save').click();
    };

    // A row of table 2-1 the reader missed: its number is the next free one.
    await page.getByRole('tab', { name: /主要指标/ }).click();
    await page.locator('[data-testid=intake-add-indicator]').click();
    await expect.poll(async () => page.locator('#intake-new-no').inputValue()).toBe('38');
    await choose('category', '生态环境');
    await page.locator('#intake-new-name').fill('城镇生活垃圾分类覆盖率');
    await page.locator('#intake-new-unit').fill('%');
    await page.locator('#intake-new-base').fill('98');
    // A target not in the plan's notation is refused by the server with its reason; nothing is added.
    web.problems.expectFailure(new RegExp(`/api/v1/plan-drafts/${id}/review$`));
    await page.locator('#intake-new-target').fill('大幅提高');
    await choose('attribute', '约束性');
    await save();
    await modal.locator('[data-testid=intake-new-error]').waitFor();
    await expect(modal.locator('[data-testid=intake-new-error]').textContent()).resolves.toMatch(/目标/);
    await page.locator('#intake-new-target').fill('100');
    await screenshot(page, 'intake-add-indicator');
    await save();
    await modal.waitFor({ state: 'hidden' });
    await page.locator('.ant-tabs-tabpane-active .ant-pagination-item-2').click();
    const added = page.locator('[data-testid=intake-indicators] tr[data-row-key="38"]');
    await expect(added.textContent()).resolves.toContain('城镇生活垃圾分类覆盖率');
    await expect(added.textContent()).resolves.toContain('审核补充');
    await expect(added.textContent()).resolves.toContain('已确认');

    // A task target of section 6.1, and a project of 专栏7.
    await page.getByRole('tab', { name: /任务目标/ }).click();
    await page.locator('[data-testid=intake-add-target]').click();
    await choose('sectionId', '6.1');
    await page.locator('#intake-new-name').fill('企业平均办事时间缩短比例');
    await page.locator('#intake-new-unit').fill('%');
    await page.locator('#intake-new-target').fill('50');
    await page.locator('#intake-new-quote').fill('实现企业平均办事时间缩短一半');
    await save();
    await modal.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: /重大项目/ }).click();
    await page.locator('[data-testid=intake-add-project]').click();
    await page.locator('#intake-new-name').fill('运河湾文化旅游综合体');
    await choose('category', '文化旅游');
    await choose('columnId', '专栏7');
    await page.locator('#intake-new-quantities').fill('建设游客中心1处');
    await save();
    await modal.waitFor({ state: 'hidden' });
    await page.locator('.ant-tabs-tabpane-active .ant-pagination-item-2').click();
    const project = page.locator('[data-testid=intake-projects] tr[data-row-key="xiuzhou-missed-added-1"]');
    await expect(project.textContent()).resolves.toMatch(/运河湾文化旅游综合体文化旅游专栏7审核补充/);
    await screenshot(page, 'intake-added-project');

    // What was added stands accepted in the stored draft: no new flag, and publishing still waits.
    const send = await api();
    const d = (await (await send('GET', `/api/v1/plan-drafts/${id}`)).json()) as {
      draft: { indicators: Record<string, unknown>[]; taskTargets: Record<string, unknown>[]; projects: Record<string, unknown>[] };
    };
    expect(d.draft.indicators.find((i) => i.id === '38')).toMatchObject({
      no: 38,
      category: '生态环境',
      unit: '%',
      base: 98,
      target: '100',
      attribute: '约束性',
      review: { state: 'accepted', by: 'admin' },
    });
    expect(d.draft.taskTargets.find((t) => t.id === 'tt-added-1')).toMatchObject({ sectionId: '6.1', target: '50', unit: '%' });
    expect(d.draft.projects.find((p) => p.id === 'xiuzhou-missed-added-1')).toMatchObject({ category: 'culture', columnId: 'col-7' });
    expect(await count()).toBe(flagsBefore);
    expect(await page.locator('[data-testid=intake-publish]').isDisabled()).toBe(true);

    // Discarding asks first; cancelling keeps the draft open.
    await page.locator('[data-testid=intake-discard]').click();
    await expect(modal.textContent()).resolves.toContain('xiuzhou-14th.docx');
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.locator('[data-testid=intake-discard]').click();
    await page.locator('#intake-discard-reason').fill('换用印发稿重新导入');
    await screenshot(page, 'intake-discard-confirm');
    await page.locator('#intake-discard-confirm').click();
    await page.waitForURL(`**/intake`);
    const row = page.locator(`[data-testid=intake-drafts] tr[data-row-key="${id}"]`);
    await row.locator('[data-testid=intake-status-discarded]').waitFor();
    await page.goto(`${web.server.url}/intake/${id}`);
    await page.locator('[data-testid=intake-discarded]').waitFor();
    expect(await page.locator('[data-testid=intake-publish], [data-testid=intake-discard], [data-testid=intake-accept]').count()).toBe(0);
    // Audited with the reason; the draft no longer takes a review step.
    const audit = (await (await send('GET', `/api/v1/audit?plan=xiuzhou-missed`)).json()) as { action: string; reason: string | null }[];
    expect(audit.find((a) => a.action === 'planDraft.discard')).toMatchObject({ reason: '换用印发稿重新导入' });
    expect(audit.filter((a) => a.action === 'planDraft.add')).toHaveLength(3);
    const late = await send('POST', `/api/v1/plan-drafts/${id}/review`, {
      version: 99,
      action: { op: 'accept', part: 'meta', id: 'xiuzhou-missed' },
    });
    expect(late.status).toBe(409);
    expect(web.problems.list).toEqual([]);
  });
});
