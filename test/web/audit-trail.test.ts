/**
 * The indicator's audit trail in the browser reads as sentences: who, what, on what, before → after
 * in words — unit names with their roles, status words — in Chinese, and in English in English mode;
 * never an action code or JSON (issue 12: 「value.return … [submitted] → [returned]」).
 */
import { describe, expect, it } from 'vitest';
import { setAssignments } from '../../src/store/planning.js';
import { getPlan } from '../../src/store/plans.js';
import { saveValue, transition } from '../../src/store/values.js';
import { ADMIN, BROWSER_TIMEOUT, PLAN, REPORTER, screenshot, webFixture } from './browser.js';

const IND = '17';
const RAW = /value\.|assignment\.|\[(submitted|returned|approved)\]|[{}]|"unitId"|\b(tjj|sthj|fgj)\b/;

describe('web: the audit trail in words', { timeout: BROWSER_TIMEOUT }, () => {
  const web = webFixture({
    people: [ADMIN, REPORTER],
    async setup(server) {
      const db = server.store.db;
      const plan = (await getPlan(db, PLAN))!;
      const admin = { id: null, username: 'admin', role: 'admin', unitId: null };
      const env = { id: null, username: 'env', role: 'reporter', unitId: 'sthj' };
      await setAssignments(db, admin, plan, 'indicator', IND, [
        { unitId: 'sthj', role: 'lead' },
        { unitId: 'tjj', role: 'cooperate' },
      ]);
      const v = await saveValue(
        db,
        env,
        plan,
        { indicatorId: IND, year: 2023, value: 88.6, source: { title: '2023年生态环境状况公报' } },
        'submit',
      );
      await transition(db, admin, v.id, 'return', '请附公报链接');
    },
  });

  it('says each entry as a sentence, in Chinese and in English', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}/indicators/${IND}?year=2023`);
    const trail = page.locator('[data-testid=audit]');
    await trail.locator('[data-action="value.return"]').waitFor();
    const entries = await trail.locator('[data-testid=audit-entry]').allTextContents();
    expect(entries.length).toBe(3);
    expect(entries[0]).toContain('admin退回了「空气质量优良天数比率」2023年水平值：88.6，待审核 → 已退回（原因：请附公报链接）');
    expect(entries[1]).toContain('env提交了「空气质量优良天数比率」2023年水平值：88.6（待审核）');
    expect(entries[2]).toContain('admin调整了「空气质量优良天数比率」的责任单位：无 → 嘉兴市生态环境局秀洲分局（牵头）、区统计局（配合）');
    for (const e of entries) expect(e).not.toMatch(RAW);
    await screenshot(page, 'audit-trail-zh');

    await page.evaluate(() => localStorage.setItem('planwatch.lang', 'en'));
    await page.reload();
    await trail.locator('[data-action="value.return"]').waitFor();
    const en = await trail.locator('[data-testid=audit-entry]').allTextContents();
    expect(en[0]).toContain('admin returned the 2023 level of "空气质量优良天数比率": 88.6, Submitted → Returned (reason: 请附公报链接)');
    expect(en[2]).toContain('嘉兴市生态环境局秀洲分局 (lead), 区统计局 (cooperating)');
    for (const e of en) {
      expect(e).not.toMatch(RAW);
      expect(e).not.toMatch(/待审核|已退回|牵头|配合/);
    }
    await screenshot(page, 'audit-trail-en');

    const phone = await web.withPage('admin', { width: 390, height: 844 });
    await phone.goto(`${web.server.url}/plans/${PLAN}/indicators/${IND}?year=2023`);
    await phone.locator('[data-testid=audit] [data-action="value.return"]').waitFor();
    await screenshot(phone, 'audit-trail-phone');
    expect(web.problems.list).toEqual([]);
  });
});
