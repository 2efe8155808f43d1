/**
 * 报告 in the browser: a signed-in user downloads the annual monitoring report and the 13th plan's
 * end-of-period evaluation as Word files (a zip with word/document.xml; the end-of-period one holds
 * the verdict 「总量完成」) and the indicator table as Excel, watching the progress of the job the
 * download names; the server's message shows when a report fails; anonymous visitors are sent to
 * sign in. No console error or page error on any page.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { BROWSER_TIMEOUT, LEADER, PLAN, choose, screenshot, webFixture } from './browser.js';

/** Records, from before a click, every state the progress card shows (it may last a moment only). */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __progress: { status: string | null; phase: string }[]; __observer?: MutationObserver };
    w.__progress = [];
    w.__observer?.disconnect();
    const record = (): void => {
      const el = document.querySelector('[data-testid=report-progress]');
      if (!el) return;
      const seen = { status: el.getAttribute('data-status'), phase: el.querySelector('[data-testid=report-phase]')?.textContent ?? '' };
      const last = w.__progress.at(-1);
      if (!last || last.status !== seen.status || last.phase !== seen.phase) w.__progress.push(seen);
    };
    w.__observer = new MutationObserver(record);
    w.__observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

async function progressSeen(page: Page): Promise<{ status: string | null; phase: string }[]> {
  return page.evaluate(() => (window as unknown as { __progress: { status: string | null; phase: string }[] }).__progress);
}

async function downloadBy(page: Page, testId: string): Promise<{ download: Download; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=${testId}]`).click()]);
  const path = await download.path();
  return { download, data: readFileSync(path) };
}

async function documentXml(data: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(data);
  const file = zip.file('word/document.xml');
  expect(file).not.toBeNull();
  return file!.async('string');
}

describe('web: reports', { timeout: BROWSER_TIMEOUT }, () => {
  const web = webFixture({ people: [LEADER] });

  it('asks an anonymous visitor to sign in', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/plans/${PLAN}/reports`);
    await page.locator('#login-username').waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/plans/${PLAN}/reports`);
    expect(await page.locator('[data-nav=reports]').count()).toBe(0);
  });

  it('downloads the annual report and the 13th plan’s end-of-period report as Word, with their progress', async () => {
    // Until the server has started a report's job, asking for its progress answers 404.
    web.problems.expectFailure(/\/api\/v1\/jobs\//);
    const page = await web.withPage('leader');
    await page.locator('[data-nav=reports]').click();
    await page.locator('[data-testid=reports-page]').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/plans/${PLAN}/reports`);
    // The defaults: the latest year with data for the annual report, the third year for the mid-term.
    const cockpit = (await (await fetch(`${web.server.url}/api/v1/cockpit?plan=${PLAN}`)).json()) as { latestYear: number };
    expect(await page.locator('[data-testid=card-annual] .ant-select-selection-item').textContent()).toContain(String(cockpit.latestYear));
    expect(await page.locator('[data-testid=card-midterm] .ant-select-selection-item').textContent()).toBe('2023年');
    await screenshot(page, 'reports', false);

    // Hold the finished report back a second, as a slow line would: the page polls the job meanwhile
    // and shows the server's phase and done/total.
    await page.route('**/reports/annual.docx?*', async (route) => {
      const response = await route.fetch();
      await new Promise((r) => setTimeout(r, 1200));
      await route.fulfill({ response });
    });
    await watchProgress(page);
    const annual = await downloadBy(page, 'download-annual');
    expect(annual.download.suggestedFilename()).toMatch(/年度监测报告（\d{4}年）\.docx$/);
    expect(annual.data.subarray(0, 2).toString()).toBe('PK');
    expect(await documentXml(annual.data)).toContain('年度监测报告');
    const progress = page.locator('[data-testid=report-progress][data-status=done]');
    await progress.waitFor();
    expect(await progress.locator('.ant-progress').getAttribute('aria-valuenow')).toBe('100');
    expect(await progress.textContent()).toContain(annual.download.suggestedFilename());
    const seen = await progressSeen(page);
    expect(seen[0]?.status).toBe('running');
    // A phase from the job, with done/total (「生成文件 9/9」).
    expect(seen.some((s) => s.status === 'running' && /\S+ \d+\/\d+/.test(s.phase))).toBe(true);
    expect(seen.at(-1)?.status).toBe('done');
    await screenshot(page, 'reports-done', false);

    // The Excel table of the same plan.
    const xlsx = await downloadBy(page, 'download-xlsx');
    expect(xlsx.download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(xlsx.data.subarray(0, 2).toString()).toBe('PK');

    // The 13th plan, chosen in the header: the same page of the other plan.
    await choose(page, 'input[aria-label="规划"]', '秀洲区“十三五”规划');
    await page.locator('[data-testid=card-final]').getByText('评估期2016—2020年', { exact: false }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/plans/xiuzhou-13th/reports');
    await watchProgress(page);
    const final = await downloadBy(page, 'download-final');
    expect(final.download.suggestedFilename()).toMatch(/期末评估报告（2020年）\.docx$/);
    expect(final.data.subarray(0, 2).toString()).toBe('PK');
    expect(await documentXml(final.data)).toContain('总量完成');
    await page.locator('[data-testid=report-progress][data-status=done]').waitFor();
    expect((await progressSeen(page))[0]?.status).toBe('running');
  });

  it('shows the server’s message when a report fails', async () => {
    web.problems.expectFailure(/\/reports\/midterm\.docx/);
    const page = await web.withPage('leader');
    await page.goto(`${web.server.url}/plans/${PLAN}/reports`);
    await page.route('**/reports/midterm.docx?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'busy', message: '报告服务繁忙，请稍后再试' } }),
      }),
    );
    await page.locator('[data-testid=download-midterm]').click();
    await page.locator('[data-testid=report-progress][data-status=failed]').waitFor();
    expect(await page.locator('[data-testid=report-error]').textContent()).toContain('报告服务繁忙，请稍后再试');
    // The page is usable again.
    expect(await page.locator('[data-testid=download-midterm]').isDisabled()).toBe(false);
  });

  it('no console error or page error on any page', () => {
    expect(web.problems.list).toEqual([]);
  });
});
