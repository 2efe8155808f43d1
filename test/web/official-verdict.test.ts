/**
 * Official verdicts (正式结论) in the browser: an administrator records the verdict a higher-level
 * assessment gave 地区生产总值 on its page; the page, the end-of-period evaluation and the audit
 * trail show it, the computed verdict stays beside it, and a leader sees it without the button.
 * No console error or page error on any page.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, BROWSER_TIMEOUT, LEADER, PLAN, choose, screenshot, webFixture } from './browser.js';

const GDP = '1';

interface EvalBody {
  results: {
    indicatorId: string;
    verdict?: string;
    verdictLabel?: string;
    shownLabel: string;
    officialVerdict?: { label: string; reason?: string };
  }[];
}

describe('web: official verdicts', { timeout: BROWSER_TIMEOUT }, () => {
  const web = webFixture({ people: [ADMIN, LEADER] });

  it('an administrator records 基本完成 for 地区生产总值 with its reason and basis', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${GDP}`);
    await page.locator('[data-testid=indicator-page]').waitFor();
    expect(await page.locator('[data-testid=official-shown]').count()).toBe(0);
    await page.locator('[data-testid=official-verdict]').click();
    // Saving without a verdict is refused in the form: nothing is sent.
    await page.locator('[data-testid=official-verdict-save]').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await choose(page, '#official-word', '基本完成');
    await page.locator('#official-reason').fill('受开发区合并统计口径调整影响，经区考核委员会认定');
    await page.locator('#official-source').fill('区委区政府2026年度综合考核通报');
    await screenshot(page, 'official-verdict-dialog', false);
    await page.locator('[data-testid=official-verdict-save]').click();
    const shown = page.locator('[data-testid=official-shown]');
    await shown.waitFor();
    expect(await shown.textContent()).toContain('正式结论：基本完成');
    expect(await shown.textContent()).toContain('经区考核委员会认定 — 区委区政府2026年度综合考核通报');
    await screenshot(page, 'official-verdict-shown');
    // Opening the dialog again starts from what is recorded.
    await page.locator('[data-testid=official-verdict]').click();
    await page.locator('.ant-select:has(#official-word) .ant-select-selection-item[title="基本完成"]').waitFor();
    expect(await page.locator('#official-source').inputValue()).toBe('区委区政府2026年度综合考核通报');
    await page.keyboard.press('Escape');
  });

  it('the end-of-period evaluation leads with it and keeps the computed verdict visible', async () => {
    const body = (await (await fetch(`${web.server.url}/api/v1/plans/${PLAN}/evaluation?year=2025&final=true`)).json()) as EvalBody;
    const gdp = body.results.find((r) => r.indicatorId === GDP)!;
    expect(gdp.officialVerdict?.label).toBe('基本完成');
    expect(gdp.officialVerdict?.reason).toContain('区考核委员会');
    expect(gdp.shownLabel).toBe('基本完成');
    expect(gdp.verdictLabel).toBeDefined();
    expect(gdp.verdictLabel).not.toBe('');
  });

  it('a leader reads it and has no button to change it; the public cannot record one', async () => {
    const page = await web.withPage('leader');
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${GDP}`);
    await page.locator('[data-testid=official-shown]').waitFor();
    expect(await page.locator('[data-testid=official-verdict]').count()).toBe(0);
    const anonymous = await fetch(`${web.server.url}/api/v1/plans/${PLAN}/official-verdicts/${GDP}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verdict: '完成' }),
    });
    expect([401, 403]).toContain(anonymous.status);
    const withdrawal = await fetch(`${web.server.url}/api/v1/plans/${PLAN}/official-verdicts/${GDP}`, {
      method: 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '无权撤销' }),
    });
    expect([401, 403]).toContain(withdrawal.status);
  });

  it('an administrator withdraws it with a reason: the computed verdict shows again, the trail keeps both', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${GDP}`);
    await page.locator('[data-testid=official-shown]').waitFor();
    await page.locator('[data-testid=official-withdraw]').click();
    // No reason, no withdrawal.
    await page.locator('[data-testid=official-withdraw-save]').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await page.locator('#official-withdraw-reason').fill('考核通报更正，以计算结论为准');
    await page.locator('[data-testid=official-withdraw-save]').click();
    await page.locator('[data-testid=official-shown]').waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid=official-withdraw]').count()).toBe(0);
    // The withdrawal is in the trail, said in words (its code only in an attribute), with the reason.
    const trail = page.locator('[data-testid=audit-entry][data-action="verdict.withdraw"]');
    await trail.waitFor();
    expect(await trail.textContent()).toMatch(/撤销了.*的正式结论.*考核通报更正，以计算结论为准/);
    const recorded = (await (await fetch(`${web.server.url}/api/v1/plans/${PLAN}/official-verdicts`)).json()) as Record<string, unknown>;
    expect(recorded[GDP]).toBeUndefined();
    const body = (await (await fetch(`${web.server.url}/api/v1/plans/${PLAN}/evaluation?year=2025&final=true`)).json()) as EvalBody;
    const gdp = body.results.find((r) => r.indicatorId === GDP)!;
    expect(gdp.officialVerdict).toBeUndefined();
    expect(gdp.shownLabel).toBe(gdp.verdictLabel);
  });

  it('no page logged a console error or a page error', () => {
    expect(web.problems.list).toEqual([]);
  });
});
