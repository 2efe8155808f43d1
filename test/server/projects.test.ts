import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../store/harness.js';
import { makeApi, type TestApi } from './harness.js';

describe.each(DIALECTS)('major projects through the API on %s', (dialect) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await makeApi(dialect);
  });
  afterAll(async () => api.cleanup());

  it('has the plan’s named projects after a fresh install, linked to their sections and 专栏', async () => {
    const res = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/projects?limit=500')).json() as {
      total: number;
      items: { id: string; name: string; sectionIds: string[]; columnId: string; quantities: string }[];
    };
    expect(res.total).toBeGreaterThanOrEqual(30);
    const names = res.items.map((p) => p.name);
    for (const n of [
      '嘉兴市有机废弃物综合处理项目',
      '秀洲区全域水系连通及农村水系综合整治项目',
      '美术馆',
      '文化馆',
      '图书馆',
      '农民画展示馆',
      '非遗馆',
      '剧院(音乐厅)',
      '“七横”骨干通道',
    ])
      expect(names).toContain(n);
    const organic = res.items.find((p) => p.name === '嘉兴市有机废弃物综合处理项目')!;
    expect(organic).toMatchObject({ sectionIds: ['8.1'], columnId: 'col-11' });
    expect(organic.quantities).toContain('500t/d');
    const culture = (
      await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/projects?category=culture&limit=5&offset=0')
    ).json() as { total: number; items: unknown[] };
    expect(culture.items).toHaveLength(5);
    expect(culture.total).toBeGreaterThan(5);
  });

  it('registers a project, takes three months of progress, computes completion against the time share, and warns on an overdue milestone', async () => {
    const body = {
      id: 'p-test-industry',
      name: '光伏组件智能工厂',
      category: 'industry',
      responsibleUnitId: 'jxj',
      townId: 'wangdian',
      totalInvestment: 20,
      annualPlan: { '2024': 5 },
      plannedStart: '2024-01',
      plannedFinish: '2025-12',
      stage: 'started',
      milestones: [
        { id: 'm1', name: '主体结构封顶', due: '2024-02-28' },
        { id: 'm2', name: '设备进场', due: '2024-09-30' },
      ],
      requirements: { landMu: 120, energyTce: 3000, fundingGap: 2, secured: false },
    };
    expect((await api.reporter.request('POST', '/api/v1/plans/xiuzhou-14th/projects', body)).statusCode).toBe(403);
    const created = await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/projects', body);
    expect(created.statusCode).toBe(200);
    expect((await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/projects', body)).statusCode).toBe(409);

    const months = [
      { period: '2024-01', investment: 0.66, stage: 'construction' },
      { period: '2024-02', investment: 0.8, issues: [{ title: '用电增容审批', ownerUnit: '供电公司' }] },
      { period: '2024-03', investment: 0.7 },
    ];
    for (const m of months) {
      const rep = (await api.admin.request('POST', '/api/v1/projects/p-test-industry/reports', { ...m, submit: true })).json() as {
        id: string;
        status: string;
      };
      expect(rep.status).toBe('submitted');
      expect((await api.admin.request('POST', `/api/v1/project-reports/${rep.id}/approve`, {})).json()).toMatchObject({
        status: 'approved',
      });
    }
    const detail = (await api.anonymous.request('GET', '/api/v1/projects/p-test-industry?asOf=2024-04')).json() as {
      project: { stage: string };
      investment: { completed: number; rate: number; gapPoints: number; text: string };
      warnings: { kind: string; message: string }[];
      issues: { status: string }[];
    };
    expect(detail.project.stage).toBe('construction');
    expect(detail.investment.completed).toBeCloseTo(2.16);
    expect(detail.investment.rate).toBeCloseTo(0.432);
    expect(detail.investment.text).toBe('投资完成率43.2%，超时序进度9.9个百分点');
    expect(detail.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'milestoneOverdue', message: expect.stringContaining('主体结构封顶') })]),
    );
    expect(detail.issues).toEqual([expect.objectContaining({ status: 'open' })]);

    const mon = (await api.leader.request('GET', '/api/v1/plans/xiuzhou-14th/projects/monitoring?asOf=2024-04')).json() as {
      warnings: { projectId: string; kind: string }[];
      byCategory: { key: string; planned: number; completed: number }[];
      dimensions: { name: string; score: number | null; inputs: Record<string, number> }[];
    };
    expect(mon.warnings.filter((w) => w.projectId === 'p-test-industry').map((w) => w.kind)).toContain('milestoneOverdue');
    expect(mon.byCategory.find((c) => c.key === 'industry')).toMatchObject({ planned: 5, completed: expect.closeTo(2.16, 6) });
    expect(mon.dimensions.find((d) => d.name === '效益效率')!.inputs).toMatchObject({ planned: 5 });
  });

  it('takes the stage and milestones from the latest approved month, whatever the order of approval; reports never move a stage back', async () => {
    const created = await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/projects', {
      id: 'p-test-order',
      name: '智慧物流园',
      category: 'infrastructure',
      stage: 'started',
      milestones: [{ id: 'm1', name: '主体结构封顶', due: '2026-06-30' }],
    });
    expect(created.statusCode).toBe(200);
    const submit = async (body: Record<string, unknown>) =>
      api.admin.request('POST', '/api/v1/projects/p-test-order/reports', { investment: 0.5, submit: true, ...body });
    const approve = async (id: string) => api.admin.request('POST', `/api/v1/project-reports/${id}/approve`, {});
    const project = async () =>
      (
        (await api.anonymous.request('GET', '/api/v1/projects/p-test-order')).json() as {
          project: { stage: string; milestones: { id: string; doneOn: string | null }[] };
        }
      ).project;

    const feb = (await submit({ period: '2026-02', stage: 'construction', milestonesDone: ['m1'] })).json() as { id: string };
    const mar = (await submit({ period: '2026-03', stage: 'completed', milestonesDone: ['m1'] })).json() as { id: string };
    // March is approved first, February after it: February is history and must not undo March.
    expect((await approve(mar.id)).statusCode).toBe(200);
    expect(await project()).toMatchObject({ stage: 'completed', milestones: [{ id: 'm1', doneOn: '2026-03-31' }] });
    expect((await approve(feb.id)).statusCode).toBe(200);
    expect(await project()).toMatchObject({ stage: 'completed', milestones: [{ id: 'm1', doneOn: '2026-02-28' }] });
    const listed = (await api.anonymous.request('GET', '/api/v1/plans/xiuzhou-14th/projects?stage=completed&limit=500')).json() as {
      items: { id: string }[];
    };
    expect(listed.items.map((p) => p.id)).toContain('p-test-order');

    // A later month reporting an earlier stage is refused, and so is an earlier month reporting more than a later one.
    const back = await submit({ period: '2026-04', stage: 'construction' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error).toMatchObject({ code: 'stageOrder', message: expect.stringContaining('「竣工」') });
    const ahead = await submit({ period: '2026-01', stage: 'operation' });
    expect(ahead.statusCode).toBe(409);
    expect(ahead.json().error.message).toContain('2026-02');
    expect((await submit({ period: '2026-01', stage: 'started' })).statusCode).toBe(200);

    // Checked again on approval: the stage may have moved on since the report was submitted.
    const may = (await submit({ period: '2026-05', stage: 'completed' })).json() as { id: string };
    expect((await api.admin.request('PATCH', '/api/v1/projects/p-test-order', { stage: 'operation' })).statusCode).toBe(200);
    const late = await approve(may.id);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('stageOrder');
    expect((await project()).stage).toBe('operation');

    // Going back is an administrator's explicit, audited change of the project itself.
    expect((await api.admin.request('PATCH', '/api/v1/projects/p-test-order', { stage: 'construction' })).statusCode).toBe(200);
    expect((await project()).stage).toBe('construction');
    const jun = (await submit({ period: '2026-06', stage: 'construction' })).json() as { id: string };
    expect((await approve(jun.id)).statusCode).toBe(200);
    expect((await project()).stage).toBe('construction');
  });

  it('lets the responsible unit report progress and no one else', async () => {
    await api.admin.request('PATCH', '/api/v1/projects/p-organic-waste', { annualPlan: { '2024': 3 } });
    // p-organic-waste is the environment bureau's (sthj): the env reporter may report, the stats one may not.
    expect(
      (await api.reporter.request('POST', '/api/v1/projects/p-organic-waste/reports', { period: '2024-01', investment: 0.2, submit: true }))
        .statusCode,
    ).toBe(200);
    expect(
      (await api.otherReporter.request('POST', '/api/v1/projects/p-organic-waste/reports', { period: '2024-01', investment: 9 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await api.reporter.request('POST', '/api/v1/projects/p-organic-waste/reports', { period: '2024-13', investment: 1 })).statusCode,
    ).toBe(400);
    const audit = (await api.leader.request('GET', '/api/v1/audit?plan=xiuzhou-14th&limit=5')).json() as { action: string }[];
    expect(audit.map((a) => a.action)).toContain('projectReport.submit');
  });

  it('never shows the public the coordination issues of a report that is not approved', async () => {
    const title = '征地拆迁协调（草稿中）';
    const draft = await api.reporter.request('POST', '/api/v1/projects/p-organic-waste/reports', {
      period: '2024-05',
      investment: 0.3,
      issues: [{ title, ownerUnit: '自然资源局' }],
      submit: false,
    });
    expect(draft.statusCode).toBe(200);
    const shown = async (c: typeof api.anonymous): Promise<boolean> => {
      const detail = await c.request('GET', '/api/v1/projects/p-organic-waste?asOf=2024-06');
      const mon = await c.request('GET', '/api/v1/plans/xiuzhou-14th/projects/monitoring?asOf=2024-06');
      expect(detail.statusCode).toBe(200);
      expect(mon.statusCode).toBe(200);
      return detail.body.includes(title) || mon.body.includes(title);
    };
    expect(await shown(api.anonymous)).toBe(false);
    expect(await shown(api.otherReporter)).toBe(false);
    // The report's own unit and the reviewers work on it.
    expect((await api.reporter.request('GET', '/api/v1/projects/p-organic-waste')).body).toContain(title);
    expect((await api.admin.request('GET', '/api/v1/projects/p-organic-waste')).body).toContain(title);
    const { id } = (
      await api.reporter.request('POST', '/api/v1/projects/p-organic-waste/reports', { period: '2024-05', investment: 0.3, submit: true })
    ).json() as { id: string };
    expect(await shown(api.anonymous)).toBe(false);
    expect((await api.admin.request('POST', `/api/v1/project-reports/${id}/approve`, {})).statusCode).toBe(200);
    expect(await shown(api.anonymous)).toBe(true);
  });
});
