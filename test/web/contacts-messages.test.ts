/**
 * 通知方式 and 站内消息 in the browser: an admin adds a unit's e-mail address (a malformed one is
 * refused in the form) and its DingTalk robot, and sees the secret and the access_token only as a
 * hint; removes the address. The unit's reporter finds the order's message in the inbox after its
 * orders, unread and counted, opens it (read) and marks the rest read. No console or page error.
 */
import { describe, expect, it } from 'vitest';
import { issueOrder } from '../../src/store/supervision.js';
import { SYSTEM } from '../../src/store/util.js';
import { ADMIN, BROWSER_TIMEOUT, PLAN, REPORTER, choose, screenshot, webFixture } from './browser.js';

const SECRET = 'SEC0123456789abcdef0123456789abcdef';
const TOKEN = 'f00dfeed0123456789abcdefcafe4242';

describe('web: unit contacts and in-app messages', { timeout: BROWSER_TIMEOUT }, () => {
  const web = webFixture({
    people: [ADMIN, REPORTER],
    async setup(server) {
      for (const name of ['扬尘专项整治', '污水管网建设'])
        await issueOrder(server.store.db, SYSTEM, PLAN, {
          subjectType: 'other',
          subjectName: name,
          unitId: 'sthj',
          requirement: '请制定整改措施并按月反馈',
          deadline: '2099-06-30',
          level: 'order',
        });
    },
  });

  it('an admin adds and removes a unit’s contacts; secrets never show in full', async () => {
    const page = await web.withPage('admin');
    await page.goto(`${web.server.url}/plans/${PLAN}`);
    await page.locator('[data-nav=contacts]').click();
    await page.locator('[data-testid=contacts]').waitFor();
    const add = async (fill: () => Promise<void>): Promise<void> => {
      await page.locator('[data-testid=contact-add]').click();
      await choose(page, '#contact-unit', '嘉兴市生态环境局秀洲分局', '生态');
      await fill();
      await page.locator('[data-testid=contact-add-save]').click();
    };
    await add(async () => {
      await page.locator('#contact-address').fill('sthj.example.gov.cn');
    });
    await page.locator('.ant-form-item-explain-error', { hasText: '邮箱地址格式不正确' }).waitFor();
    await page.locator('#contact-address').fill('sthj@example.gov.cn');
    await page.locator('#contact-label').fill('办公室');
    await page.locator('[data-testid=contact-add-save]').click();
    await page.locator('tr[data-contact]', { hasText: 'sthj@example.gov.cn' }).waitFor();

    await add(async () => {
      await page.locator('[data-testid=contact-channel-dingtalk]').click();
      await page.locator('#contact-address').fill(`https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`);
      await page.locator('#contact-secret').fill(SECRET);
    });
    const robot = page.locator('tr[data-contact]', { hasText: '钉钉机器人' });
    await robot.waitFor();
    expect(await robot.locator('[data-testid=contact-secret]').textContent()).toBe('SEC…cdef');
    expect(await robot.locator('[data-testid=contact-address]').textContent()).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=f00…4242',
    );
    const html = await page.content();
    expect(html).not.toContain(TOKEN);
    expect(html).not.toContain(SECRET.slice(3));
    await screenshot(page, 'contacts');

    const mail = page.locator('tr[data-contact]', { hasText: 'sthj@example.gov.cn' });
    await mail.locator('[data-testid^=contact-remove-]').click();
    await page.locator('[data-testid=contact-remove-ok]').click();
    await mail.waitFor({ state: 'detached' });
    const kept = await web.server.store.db.selectFrom('notification_contacts').select(['channel', 'secret']).execute();
    expect(kept).toEqual([{ channel: 'dingtalk', secret: SECRET }]);
    const audit = await web.server.store.db.selectFrom('audit_log').select('action').where('entity', '=', 'notificationContact').execute();
    expect(audit.map((a) => a.action)).toEqual(['contact.add', 'contact.add', 'contact.remove']);
  });

  it('the unit’s reporter reads its in-app messages after its orders, unread counted and marked', async () => {
    const page = await web.withPage('reporter');
    await page.goto(`${web.server.url}/plans/${PLAN}/inbox`);
    const card = page.locator('[data-testid=inbox-messages]');
    await card.locator('[data-message]').nth(1).waitFor();
    const cards = await page.locator('[data-testid=inbox] .ant-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(cards.slice(0, 2)).toEqual(['inbox-orders', 'inbox-messages']);
    expect(await card.locator('[data-testid=inbox-unread] .ant-scroll-number').getAttribute('title')).toBe('2');
    await screenshot(page, 'inbox-messages-unread');
    const first = card.locator('[data-message]', { hasText: '扬尘专项整治' });
    expect(await first.getAttribute('data-read')).toBe('false');
    await first.locator('[data-testid=inbox-message]').click();
    expect(await first.locator('[data-testid=inbox-message-body]').textContent()).toContain('督办要求：请制定整改措施并按月反馈');
    await card.locator('[data-message][data-read=true]', { hasText: '扬尘专项整治' }).waitFor();
    expect(await card.locator('[data-testid=inbox-unread] .ant-scroll-number').getAttribute('title')).toBe('1');
    await card.locator('[data-testid=inbox-read-all]').click();
    await card.locator('[data-testid=inbox-read-all]').waitFor({ state: 'detached' });
    expect(await card.locator('[data-message][data-read=false]').count()).toBe(0);
    await screenshot(page, 'inbox-messages-read');
    const unread = await web.server.store.db.selectFrom('notifications').select('id').where('read_at', 'is', null).execute();
    expect(unread).toEqual([]);
    expect(web.problems.list).toEqual([]);
  });
});
