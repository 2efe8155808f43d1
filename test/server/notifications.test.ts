import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/harness.js';
import { makeApi, type TestApi } from './harness.js';

const P = '/api/v1/plans/xiuzhou-14th';
const SECRET = 'SEC0123456789abcdef0123456789abcdef';
const TOKEN = 'f00dfeed0123456789abcdefcafe4242';

describe.each(DIALECTS)('in-app messages and unit contacts through the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  it('lists the unit’s in-app messages, unread first to count, and marks one or all read', async () => {
    for (const name of ['扬尘整治', '污水管网'])
      expect(
        (
          await api.admin.request('POST', `${P}/supervision-orders`, {
            subjectType: 'other',
            subjectName: name,
            unitId: 'sthj',
            requirement: '按期反馈',
            deadline: '2099-06-30',
          })
        ).statusCode,
      ).toBe(200);
    const unread = (await api.reporter.request('GET', '/api/v1/notifications?unread=true')).json();
    expect(unread.map((m: { subject: string }) => m.subject).sort()).toEqual([
      '【督办单】扬尘整治：请于2099-06-30前反馈',
      '【督办单】污水管网：请于2099-06-30前反馈',
    ]);
    expect(unread.every((m: { channel: string; readAt: null }) => m.channel === 'inbox' && m.readAt === null)).toBe(true);
    // Another unit neither sees nor marks them.
    expect((await api.otherReporter.request('GET', '/api/v1/notifications')).json()).toEqual([]);
    expect((await api.otherReporter.request('POST', `/api/v1/notifications/${unread[0].id}/read`, {})).statusCode).toBe(404);
    expect((await api.reporter.request('POST', `/api/v1/notifications/${unread[0].id}/read`, {})).statusCode).toBe(204);
    const after = (await api.reporter.request('GET', '/api/v1/notifications')).json();
    expect(after.find((m: { id: string }) => m.id === unread[0].id).readAt).toEqual(expect.any(String));
    expect((await api.reporter.request('GET', '/api/v1/notifications?unread=true')).json().map((m: { id: string }) => m.id)).toEqual([
      unread[1].id,
    ]);
    expect((await api.reporter.request('POST', '/api/v1/notifications/read-all', {})).json()).toEqual({ marked: 1 });
    expect((await api.reporter.request('GET', '/api/v1/notifications?unread=true')).json()).toEqual([]);
    expect((await api.admin.request('POST', '/api/v1/notifications/read-all', {})).statusCode).toBe(400);
    expect((await api.leader.request('POST', '/api/v1/notifications/read-all', {})).statusCode).toBe(403);
  });

  it('admins add contacts, validated; the secret and the access_token never come back in full; audited', async () => {
    const add = (body: object) => api.admin.request('POST', '/api/v1/notification-contacts', body);
    const refused: [object, string][] = [
      [{ channel: 'email', unitId: 'sthj', address: 'sthj.example.gov.cn' }, '邮箱地址格式不正确'],
      [
        { channel: 'dingtalk', unitId: 'sthj', address: `http://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`, secret: SECRET },
        '钉钉机器人 Webhook 地址应为 https:// 开头的网址',
      ],
      [
        { channel: 'dingtalk', unitId: 'sthj', address: `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`, secret: 'abc' },
        '加签密钥应为机器人「安全设置 → 加签」中以 SEC 开头的字符串',
      ],
      [{ channel: 'email', unitId: 'nobody', address: 'a@example.gov.cn' }, '没有单位「nobody」'],
    ];
    for (const [body, message] of refused) {
      const res = await add(body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain(message);
    }
    const valid = { channel: 'email', unitId: 'sthj', address: 'own@example.gov.cn' };
    expect((await api.reporter.request('POST', '/api/v1/notification-contacts', valid)).statusCode).toBe(403);

    const mail = await add({ channel: 'email', unitId: 'sthj', address: ' sthj@example.gov.cn ', label: '办公室' });
    expect(mail.json()).toMatchObject({ address: 'sthj@example.gov.cn', signed: false, secretHint: null, label: '办公室' });
    const robot = await add({
      channel: 'dingtalk',
      unitId: 'sthj',
      address: `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`,
      secret: SECRET,
    });
    expect(robot.statusCode).toBe(200);
    expect(robot.json()).toMatchObject({
      signed: true,
      secretHint: 'SEC…cdef',
      address: 'https://oapi.dingtalk.com/robot/send?access_token=f00…4242',
    });
    const list = await api.admin.request('GET', '/api/v1/notification-contacts?unit=sthj');
    expect(list.json()).toHaveLength(2);
    const audit = await api.leader.request('GET', `/api/v1/audit?entity=notificationContact&entityId=${robot.json().id}`);
    for (const body of [list.body, robot.body, audit.body]) {
      expect(body).not.toContain(SECRET.slice(3));
      expect(body).not.toContain(TOKEN);
    }
    expect(audit.body).toContain('contact.add');
    // The worker still reaches the robot with the whole address and secret.
    const kept = await api.t.store.db
      .selectFrom('notification_contacts')
      .selectAll()
      .where('id', '=', robot.json().id)
      .executeTakeFirstOrThrow();
    expect([kept.address, kept.secret]).toEqual([`https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`, SECRET]);
    expect((await api.admin.request('DELETE', `/api/v1/notification-contacts/${mail.json().id}`)).statusCode).toBe(204);
    const removed = await api.leader.request('GET', `/api/v1/audit?entity=notificationContact&entityId=${mail.json().id}`);
    expect(removed.body).toContain('contact.remove');
    expect((await api.admin.request('GET', '/api/v1/notification-contacts')).json().map((c: { id: string }) => c.id)).toEqual([
      robot.json().id,
    ]);
  });
});
