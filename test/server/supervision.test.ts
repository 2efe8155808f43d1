import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/harness.js';
import { makeApi, multipart, type TestApi } from './harness.js';

const P = '/api/v1/plans/xiuzhou-14th';

describe.each(DIALECTS)('warnings and supervision orders through the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
    // A lagging binding indicator: air quality 86.5 % in 2023 against 87.2 at the base, 93 by 2025.
    const v = await api.reporter.request('POST', `${P}/values`, { indicatorId: '17', year: 2023, value: 86.5, submit: true });
    expect(v.statusCode).toBe(200);
    expect((await api.admin.request('POST', `/api/v1/values/${v.json().id}/approve`, {})).statusCode).toBe(200);
  });
  afterAll(async () => api.cleanup());

  it('lists the warnings live, with filters, the rule and the figures', async () => {
    const res = await api.admin.request('GET', `${P}/warnings?colour=red&kind=indicator`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const w = body.items.find((x: { key: string }) => x.key === 'indicator:17');
    expect(w).toMatchObject({ colour: 'red', unitIds: ['sthj'], subjectName: '空气质量优良天数比率' });
    expect(w.rule).toContain('约束性指标');
    expect(body.settings.dueSoonDays).toBe(3);
    expect(body.items.every((x: { colour: string; kind: string }) => x.colour === 'red' && x.kind === 'indicator')).toBe(true);
    // A reporter sees the warnings of the unit's own subjects only; the public none.
    const own = (await api.otherReporter.request('GET', `${P}/warnings`)).json();
    expect(own.items.every((x: { unitIds: string[] }) => x.unitIds.includes('tjj'))).toBe(true);
    expect((await api.anonymous.request('GET', `${P}/warnings`)).statusCode).toBe(401);
  });

  it('walks an order from the warning to 销号, every step audited, permissions in the one table', async () => {
    const issued = await api.admin.request('POST', `${P}/supervision-orders`, {
      warningKey: 'indicator:17',
      requirement: '请制定整改方案并按月报送进展',
      deadline: '2099-06-30',
      level: 'order',
    });
    expect(issued.statusCode).toBe(200);
    const o = issued.json();
    expect(o).toMatchObject({
      state: 'issued',
      unitId: 'sthj',
      unitName: expect.any(String),
      subjectType: 'indicator',
      subjectId: '17',
      warningColour: 'red',
      warningCleared: false,
      colour: 'none',
    });
    const url = `${P}/supervision-orders/${o.id}`;
    expect((await api.reporter.request('POST', `${url}/replies`, { measures: '', progress: 'x' })).statusCode).toBe(400);
    expect((await api.otherReporter.request('GET', url)).statusCode).toBe(403);
    expect((await api.otherReporter.request('POST', `${url}/replies`, { measures: 'm', progress: 'p' })).statusCode).toBe(403);
    expect((await api.reporter.request('POST', `${url}/accept`, {})).statusCode).toBe(403);
    expect((await api.admin.request('POST', `${url}/replies`, { measures: 'm', progress: 'p' })).statusCode).toBe(403);
    expect((await api.admin.request('POST', `${url}/accept`, {})).json().error.code).toBe('invalidTransition');

    const mine = (await api.reporter.request('GET', `${P}/supervision-orders`)).json();
    expect(mine.items.map((x: { id: string }) => x.id)).toEqual([o.id]);
    expect((await api.otherReporter.request('GET', `${P}/supervision-orders`)).json().items).toEqual([]);

    const pdf = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'attachments', '整改方案.pdf'));
    const up = multipart('整改方案.pdf', pdf, 'application/pdf');
    const file = await api.reporter.request('POST', `${url}/attachments?purpose=reply`, up.payload, up.headers);
    expect(file.statusCode).toBe(201);
    const replied = await api.reporter.request('POST', `${url}/replies`, {
      measures: '开展扬尘专项整治',
      progress: '已排查工地32个',
      expectedCompletion: '2099-05-31',
      attachmentIds: [file.json().id],
    });
    expect(replied.statusCode).toBe(200);
    expect(replied.json().state).toBe('replied');
    expect(replied.json().replies[0].attachments).toMatchObject([{ id: file.json().id, fileName: '整改方案.pdf', url: file.json().url }]);
    const noReason = await api.admin.request('POST', `${url}/return`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.code).toBe('reasonRequired');
    expect((await api.admin.request('POST', `${url}/return`, { reason: '措施不具体，请列明时间表' })).json()).toMatchObject({
      state: 'returned',
      returns: 1,
    });
    expect((await api.admin.request('POST', `${url}/extend`, { reason: '需省级协调', deadline: '2099-07-31' })).json()).toMatchObject({
      deadline: '2099-07-31',
      extended: true,
    });
    expect((await api.admin.request('POST', `${url}/extend`, { reason: '再延', deadline: '2099-08-31' })).statusCode).toBe(409);
    await api.reporter.request('POST', `${url}/replies`, { measures: '列明时间表：6月底前完成', progress: '已完成一半' });
    const closed = (await api.admin.request('POST', `${url}/accept`, { reason: '同意销号' })).json();
    expect(closed).toMatchObject({ state: 'closed', closedBy: 'admin', closedOnTime: true, colour: 'none' });
    expect(closed.replies).toHaveLength(2);
    expect(closed.history.map((h: { action: string }) => h.action)).toEqual([
      'supervision.issue',
      'supervision.attach',
      'supervision.reply',
      'supervision.return',
      'supervision.extend',
      'supervision.reply',
      'supervision.accept',
    ]);
    const audit = (await api.leader.request('GET', `/api/v1/audit?entity=supervisionOrder&entityId=${o.id}`)).json();
    expect(audit.length ?? audit.items?.length).toBeGreaterThanOrEqual(6);

    // The unit's inbox heard of each step; the admin reads the outbox.
    const inbox = (await api.reporter.request('GET', '/api/v1/notifications')).json();
    expect(inbox.filter((m: { orderId: string }) => m.orderId === o.id).length).toBe(4);
    expect(inbox.every((m: { channel: string; unitId: string }) => m.channel === 'inbox' && m.unitId === 'sthj')).toBe(true);
    const read = await api.reporter.request('POST', `/api/v1/notifications/${inbox[0].id}/read`, {});
    expect(read.statusCode).toBe(204);
    expect((await api.otherReporter.request('POST', `/api/v1/notifications/${inbox[1].id}/read`, {})).statusCode).toBe(404);
    expect((await api.leader.request('GET', '/api/v1/notifications')).statusCode).toBe(403);
  });

  it('issues by hand, filters the ledger and counts orders and overdue per unit', async () => {
    const bad = await api.admin.request('POST', `${P}/supervision-orders`, { requirement: 'x', deadline: '2020-01-01' });
    expect(bad.statusCode).toBe(400);
    const late = await api.admin.request('POST', `${P}/supervision-orders`, {
      subjectType: 'other',
      subjectName: '统计数据报送质量',
      unitId: 'tjj',
      coUnits: ['sthj'],
      requirement: '核实并补报',
      deadline: '2020-01-01',
      level: 'notice',
    });
    expect(late.statusCode).toBe(200);
    expect(late.json()).toMatchObject({ colour: 'red', warningCleared: null, level: 'notice' });
    const red = (await api.leader.request('GET', `${P}/supervision-orders?colour=red`)).json();
    expect(red.items.map((x: { id: string }) => x.id)).toEqual([late.json().id]);
    // The co-unit sees it too, but only the responsible unit replies.
    expect((await api.reporter.request('GET', `${P}/supervision-orders?state=open`)).json().items).toHaveLength(1);
    expect(
      (await api.reporter.request('POST', `${P}/supervision-orders/${late.json().id}/replies`, { measures: 'm', progress: 'p' }))
        .statusCode,
    ).toBe(403);
    const counts = (await api.leader.request('GET', `${P}/supervision/units`)).json();
    expect(counts.units).toEqual([
      expect.objectContaining({ unitId: 'tjj', orders: 1, open: 1, overdue: 1, red: 1 }),
      expect.objectContaining({ unitId: 'sthj', orders: 1, open: 0, overdue: 0, closed: 1, closedOnTime: 1 }),
    ]);
    expect(counts.warnings.red).toBeGreaterThanOrEqual(1);
  });
});

describe.each(DIALECTS)('the supervision ledger and the assessment as workbooks on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  it('exports the ledger with each order, its latest reply, colours and formula-guarded text', async () => {
    const o = (
      await api.admin.request('POST', `${P}/supervision-orders`, {
        subjectType: 'indicator',
        subjectId: '17',
        subjectName: '=HYPERLINK("http://evil","点我")',
        unitId: 'sthj',
        coUnits: ['tjj'],
        requirement: '+SUM(1,2) 请整改',
        deadline: '2020-02-01',
      })
    ).json();
    await api.reporter.request('POST', `${P}/supervision-orders/${o.id}/replies`, { measures: '@措施', progress: '进展' });
    const res = await api.leader.request('GET', `${P}/supervision-orders.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('督办台账')!;
    const header = ws.getRow(2).values as unknown[];
    const row = ws.getRow(3);
    const col = (name: string) => row.getCell(header.indexOf(name)).value;
    expect(col('督办事项')).toBe('\'=HYPERLINK("http://evil","点我")');
    expect(col('督办要求')).toBe("'+SUM(1,2) 请整改");
    expect(col('最新整改措施')).toBe("'@措施");
    expect(col('办理状态')).toBe('已反馈');
    expect(col('期限状态')).toBe('严重逾期');
    expect(String(col('协办单位'))).not.toBe('tjj');
    expect(row.getCell(header.indexOf('期限状态')).fill).toMatchObject({ fgColor: { argb: 'FFFFC7CE' } });
    expect(wb.getWorksheet('反馈记录')!.getRow(3).getCell(6).value).toBe("'@措施");
    expect(wb.getWorksheet('说明')!.getRow(3).values).toContain('dueSoonDays');
    expect((await api.anonymous.request('GET', `${P}/supervision-orders.xlsx`)).statusCode).toBe(401);
  });

  it('assesses units by outcomes only, each score with its formula and inputs; a reporter sees the own unit', async () => {
    const a = (await api.leader.request('GET', `${P}/assessment`)).json();
    const sthj = a.units.find((u: { unitId: string }) => u.unitId === 'sthj');
    // sthj leads 17 and 18 (no approved values: not judged) and has one order 30+ days overdue.
    expect(sthj.measures.find((m: { key: string }) => m.key === 'ordersOnTime')).toMatchObject({
      score: 0,
      inputs: { closedOnTime: 0, due: 1 },
    });
    expect(sthj.measures.find((m: { key: string }) => m.key === 'targetsOnTrack')).toMatchObject({ score: null, inputs: { judged: 0 } });
    expect(sthj.score).toBe(0);
    expect(sthj.formula).toBe('综合得分 = (0.3×0) ÷ 0.3（权重为规划设置；无数据的项不计入）');
    expect(a.settings.weights).toEqual({ targetsOnTrack: 0.5, ordersOnTime: 0.3, reportsOnTime: 0.2 });
    const own = (await api.reporter.request('GET', `${P}/assessment`)).json();
    expect(own.units.map((u: { unitId: string }) => u.unitId)).toEqual(['sthj']);
    const x = await api.admin.request('GET', `${P}/assessment.xlsx`);
    expect(x.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('考核')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r.includes('督办事项按期销号') && r.includes('closedOnTime=0，due=1'))).toBe(true);
    expect((await api.anonymous.request('GET', `${P}/assessment`)).statusCode).toBe(401);
  });

  it('adds a 督办 part to the annual report for those who read the ledger, not for the public', async () => {
    const { default: mammoth } = await import('mammoth');
    const text = async (c: typeof api.leader) => {
      const res = await c.request('GET', `${P}/reports/annual.docx`);
      expect(res.statusCode).toBe(200);
      return (await mammoth.extractRawText({ buffer: res.rawPayload })).value;
    };
    const leader = await text(api.leader);
    expect(leader).toContain('（三）督查督办');
    expect(leader).toMatch(/共下发督办事项1件（督办单1件），已销号0件，其中按期销号0件；在办1件，其中逾期1件/);
    expect(leader).toContain('逾期未销号的事项：=HYPERLINK');
    expect(await text(api.anonymous)).not.toContain('督查督办');
  });
});
