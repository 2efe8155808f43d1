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
});
