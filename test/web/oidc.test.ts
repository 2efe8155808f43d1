/**
 * Sign-in through the unified identity platform, end to end in Chromium against a real OpenID
 * Connect provider (oidc-provider, with its own sign-in page, standing in for 浙政钉) started by
 * this test: an administrator maps a department to a unit and role on the users page; a person
 * clicks 「使用浙政钉登录」, signs in at the provider and comes back signed in with that unit and
 * role (their unit's indicators in the inbox); a person no rule maps comes back to
 * 「账号待管理员分配单位和角色」, not signed in, and the administrator sees them waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { setAssignments } from '../../src/store/planning.js';
import { getPlan } from '../../src/store/plans.js';
import { SYSTEM } from '../../src/store/util.js';
import { PEOPLE, startProvider, type TestProvider } from '../server/oidc-provider.js';
import { ADMIN, BROWSER_TIMEOUT, PLAN, choose, screenshot, webFixture } from './browser.js';

let idp: TestProvider;
beforeAll(async () => {
  idp = await startProvider();
});
afterAll(async () => idp?.close());

const web = webFixture({
  people: [ADMIN],
  oidc: () => idp.settings(),
  async setup(server) {
    // The callback derived from the request, as a deployment without PLANWATCH_OIDC_REDIRECT_URI has it.
    idp.register(`${server.url}/api/v1/auth/oidc/callback`);
    const plan = (await getPlan(server.store.db, PLAN))!;
    await setAssignments(server.store.db, SYSTEM, plan, 'indicator', '17', [{ unitId: 'sthj', role: 'lead' }]);
    await setAssignments(server.store.db, SYSTEM, plan, 'indicator', '1', [{ unitId: 'tjj', role: 'lead' }]);
  },
});

/** From the login page through the provider's sign-in page and back. */
async function signInWithPlatform(page: Page, who: string): Promise<void> {
  await page.goto(`${web.server.url}/login`);
  const button = page.locator('[data-testid=oidc-login]');
  expect((await button.textContent())?.trim()).toBe('使用浙政钉登录');
  await button.click();
  await page.waitForURL((u) => u.href.startsWith(idp.issuer));
  await page.getByText('浙政钉（测试）').waitFor();
  await page.locator('#zzd-login').fill(who);
  await page.locator('#zzd-password').fill(PEOPLE[who]!.password);
  await page.locator('#zzd-submit').click();
  await page.waitForURL((u) => u.href.startsWith(web.server.url));
}

describe('web: sign-in through the identity platform (浙政钉)', { timeout: BROWSER_TIMEOUT }, () => {
  it('an administrator maps a department to a unit and role on the users page', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/users`);
    await page.getByRole('tab', { name: '统一身份认证（浙政钉）' }).click();
    await page.locator('[data-testid=identity-section]').waitFor();
    await page.locator('#rule-value').fill('嘉兴市生态环境局秀洲分局');
    await choose(page, '#rule-unit', '嘉兴市生态环境局秀洲分局（sthj）', 'sthj');
    await page.locator('[data-testid=add-rule]').click();
    const row = page.locator('[data-testid=identity-rules] tbody tr.ant-table-row');
    await row.first().waitFor();
    expect(await row.first().textContent()).toMatch(/dept.*嘉兴市生态环境局秀洲分局.*填报员.*嘉兴市生态环境局秀洲分局/);
  });

  it('a mapped person signs in at the platform and comes back signed in as a reporter of that unit', async () => {
    const page = await web.withPage('public');
    await page.goto(`${web.server.url}/login`);
    await page.locator('[data-testid=oidc-login]').waitFor();
    await screenshot(page, 'login-oidc', false);
    await signInWithPlatform(page, 'zhangsan');
    // A reporter lands on the inbox: the unit's indicators (17 is 生态环境分局's, 1 is 统计局's).
    await page.locator('[data-testid=inbox]').waitFor();
    expect(page.url()).toContain(`/plans/${PLAN}/inbox`);
    expect((await page.locator('[data-testid=user-menu]').textContent())?.trim()).toBe('张三');
    await page.locator('[data-testid=enter-17]').waitFor();
    expect(await page.locator('[data-testid=enter-1]').count()).toBe(0);
    await page.locator('[data-testid=user-menu]').click();
    await page.getByText('张三（填报员）').waitFor();
    const session = (await page.evaluate(async () => (await fetch('/api/v1/auth/session')).json())) as {
      user: { username: string; role: string; unitId: string };
      abilities: Record<string, boolean>;
    };
    expect(session.user).toMatchObject({ username: 'zhangsan', role: 'reporter', unitId: 'sthj' });
    expect(session.abilities['value.submit']).toBe(true);
    await screenshot(page, 'oidc-signed-in', false);
  });

  it('a person no rule maps comes back to 「账号待管理员分配单位和角色」, not signed in; the administrator sees them waiting', async () => {
    const page = await web.withPage('public');
    await signInWithPlatform(page, 'lisi');
    await page.locator('[data-testid=oidc-pending]').getByText('账号待管理员分配单位和角色').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.locator('[data-testid=login-button]').waitFor();
    expect(await page.locator('[data-testid=user-menu]').count()).toBe(0);
    await screenshot(page, 'login-oidc-pending', false);
    await page.screenshot({ path: '/tmp/oidc-login-pending.png' });

    // A callback this browser did not start (a forged or stale link) lands on the login page with the reason in words.
    await page.goto(`${web.server.url}/api/v1/auth/oidc/callback?code=forged&state=forged`);
    await page.locator('[data-testid=oidc-error]').getByText('登录请求已失效或与本浏览器不符，请重新登录。').waitFor();
    expect(await page.locator('[data-testid=user-menu]').count()).toBe(0);
    await screenshot(page, 'login-oidc-error', false);

    const admin = await web.withPage('admin');
    await admin.goto(`${web.server.url}/users`);
    const lisi = admin.locator('[data-testid=users] tr.ant-table-row', { hasText: 'lisi' });
    await lisi.getByText('待分配').waitFor();
    await admin.getByRole('tab', { name: '统一身份认证（浙政钉）' }).click();
    const links = admin.locator('[data-testid=identity-links] tbody tr.ant-table-row', { hasText: 'lisi' });
    await links.getByText('某未登记单位').waitFor();
    await admin.screenshot({ path: '/tmp/oidc-users-identity.png', fullPage: true });
    expect(web.problems.list).toEqual([]);
  });
});
