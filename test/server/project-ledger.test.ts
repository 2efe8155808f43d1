import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGb18030, xlsx } from '../importers/files.js';
import { DIALECTS } from '../store/harness.js';
import { countRows, makeApi, multipart, type Client, type TestApi } from './harness.js';

const ORGANIC = '嘉兴市有机废弃物综合处理项目';
const PV = '光伏组件智能工厂（二期）';
const HEADER = [
  '序号',
  '项目编号',
  '项目名称',
  '填报月份',
  '本月完成投资（亿元）',
  '项目阶段',
  '完成节点',
  '存在问题',
  '问题责任单位',
  '备注',
];

type Row = (string | number | null)[];

/** The DRC office's ledger: a title row, the header in row 2, data from row 3. */
function ledger(rows: Row[]): Promise<Buffer> {
  return xlsx((wb) => {
    const ws = wb.addWorksheet('重大项目台账');
    ws.addRow(['秀洲区重大项目月度推进台账（2024年）']);
    ws.addRow(HEADER);
    rows.forEach((r, i) => ws.addRow([i + 1, ...r]));
  });
}

const GOOD: Row[] = [
  [null, ORGANIC, '2024-01', 0.3, '在建', null, '用地指标待落实', '区自然资源局', null],
  ['p-ledger-pv', PV, '2024-01', 0.6, '在建', null, null, null, null],
  [null, ORGANIC, '2024-02', 0.5, null, '厌氧罐安装', '用地指标待落实', '区自然资源局', '春节停工一周'],
  ['p-ledger-pv', null, '2024-02', 0.8, null, '主体结构封顶', null, null, null],
  [null, ORGANIC, '2024年3月', 0.4, null, null, null, null, null],
  ['p-ledger-pv', PV, '2024.03', 0.7, null, null, '用电增容审批', '供电公司', null],
];

interface Detail {
  project: { stage: string; milestones: { id: string; doneOn: string | null }[] };
  reports: { period: string; investment: number; status: string; reviewedBy: string | null }[];
  issues: { title: string; ownerUnit: string | null; openedIn: string }[];
  investment: { planned: number | null; completed: number; rate: number | null; text: string };
}

interface Refusal {
  error: {
    code: string;
    message: string;
    details: { issues: { file: string; sheet?: string; row: number; column: string; message: string; suggestions?: string[] }[] };
  };
}

describe.each(DIALECTS)('the monthly project ledger through the API on %s', (dialect) => {
  let api: TestApi;

  const upload = (client: Client, name: string, data: Buffer, query = '') => {
    const { payload, headers } = multipart(name, data);
    return client.request('POST', `/api/v1/plans/xiuzhou-14th/projects/ledger${query}`, payload, headers);
  };
  const count = (table: 'project_reports' | 'project_issues' | 'audit_log'): Promise<number> => countRows(api.t, table);
  const counts = async () => ({
    reports: await count('project_reports'),
    issues: await count('project_issues'),
    audit: await count('audit_log'),
  });
  const detail = async (id: string, client: Client = api.admin): Promise<Detail> =>
    (await client.request('GET', `/api/v1/projects/${id}?asOf=2024-03`)).json() as Detail;

  beforeAll(async () => {
    api = await makeApi(dialect);
    const created = await api.admin.request('POST', '/api/v1/plans/xiuzhou-14th/projects', {
      id: 'p-ledger-pv',
      name: PV,
      category: 'industry',
      responsibleUnitId: 'jxj',
      townId: 'wangdian',
      totalInvestment: 20,
      annualPlan: { '2024': 6 },
      stage: 'started',
      milestones: [{ id: 'm1', name: '主体结构封顶', due: '2024-06-30' }],
    });
    expect(created.statusCode).toBe(200);
    const patched = await api.admin.request('PATCH', '/api/v1/projects/p-organic-waste', {
      annualPlan: { '2024': 4 },
      milestones: [{ id: 'ow-1', name: '厌氧罐安装', due: '2024-03-31' }],
    });
    expect(patched.statusCode).toBe(200);
  });
  afterAll(async () => api.cleanup());

  it('previews, then lands a good ledger of three months for two projects, approved, with its investment completion', async () => {
    const file = await ledger(GOOD);
    const before = await counts();
    const preview = await upload(api.admin, '台账.xlsx', file, '?dryRun=true');
    expect(preview.statusCode).toBe(200);
    expect(preview.json().summary).toMatchObject({ dryRun: true, rows: 6, projects: 2, added: 6, changed: 0, issues: 2 });
    expect(await counts()).toEqual(before);

    const res = await upload(api.admin, '台账.xlsx', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      file: '台账.xlsx',
      summary: {
        dryRun: false,
        status: 'approved',
        rows: 6,
        projects: 2,
        months: ['2024-01', '2024-02', '2024-03'],
        added: 6,
        changed: 0,
        issues: 2,
      },
    });
    expect(res.json().summary.investment).toBeCloseTo(3.3, 10);
    expect((await counts()).reports).toBe(before.reports + 6);

    const organic = await detail('p-organic-waste', api.anonymous);
    expect(organic.reports.map((r) => [r.period, r.investment, r.status])).toEqual([
      ['2024-01', 0.3, 'approved'],
      ['2024-02', 0.5, 'approved'],
      ['2024-03', 0.4, 'approved'],
    ]);
    expect(organic.investment.planned).toBe(4);
    expect(organic.investment.completed).toBeCloseTo(1.2, 10);
    expect(organic.investment.rate).toBeCloseTo(0.3, 10);
    expect(organic.investment.text).toBe('投资完成率30%，超时序进度5个百分点');
    expect(organic.project.stage).toBe('construction');
    expect(organic.project.milestones).toEqual([expect.objectContaining({ id: 'ow-1', doneOn: '2024-02-29' })]);
    // The problem listed in January and again in February is one issue, opened in January.
    expect(organic.issues).toEqual([expect.objectContaining({ title: '用地指标待落实', ownerUnit: '区自然资源局', openedIn: '2024-01' })]);

    const pv = await detail('p-ledger-pv');
    expect(pv.investment.completed).toBeCloseTo(2.1, 10);
    expect(pv.investment.text).toBe('投资完成率35%，超时序进度10个百分点');
    expect(pv.reports.every((r) => r.status === 'approved' && r.reviewedBy === 'admin')).toBe(true);
    expect(pv.project.milestones[0]!.doneOn).toBe('2024-02-29');

    // Approved months are locked: the same ledger again is refused, naming each month's cell.
    const again = await upload(api.admin, '台账.xlsx', file);
    expect(again.statusCode).toBe(422);
    const issues = (again.json() as Refusal).error.details.issues;
    expect(issues).toHaveLength(6);
    expect(issues[0]).toMatchObject({ row: 3, column: 'D', message: expect.stringContaining('已审核锁定') });
  });

  it('refuses a ledger with one bad row, naming its row and column, and stores nothing', async () => {
    const rows: Row[] = [
      [null, ORGANIC, '2024-04', 0.3, null, null, '管网接入滞后', '区住建局', null],
      ['p-ledger-pv', PV, '2024-04', 0.6, null, null, null, null, null],
      [null, ORGANIC, '2024-05', '三千万', null, null, null, null, null],
      ['p-ledger-pv', PV, '2024-05', 0.8, null, null, null, null, null],
    ];
    const before = await counts();
    const res = await upload(api.admin, '坏一行.xlsx', await ledger(rows));
    expect(res.statusCode).toBe(422);
    const body = res.json() as Refusal;
    expect(body.error.code).toBe('importRefused');
    expect(body.error.message).toContain('未写入任何数据');
    expect(body.error.details.issues).toEqual([
      expect.objectContaining({
        file: '坏一行.xlsx',
        sheet: '重大项目台账',
        row: 5,
        column: 'E',
        message: expect.stringContaining('「三千万」不是数值'),
      }),
    ]);
    expect(body.error.message).toContain('坏一行.xlsx, 工作表「重大项目台账」, 第5行, 列E');
    expect(await counts()).toEqual(before);
  });

  it('suggests the closest registered names for an unknown project', async () => {
    const res = await upload(
      api.admin,
      '名称.xlsx',
      await ledger([[null, '嘉兴有机废弃物处理工程', '2024-04', 0.3, null, null, null, null, null]]),
    );
    expect(res.statusCode).toBe(422);
    const [issue] = (res.json() as Refusal).error.details.issues;
    expect(issue).toMatchObject({ row: 3, column: 'C', message: '没有名为「嘉兴有机废弃物处理工程」的项目' });
    expect(issue!.suggestions).toHaveLength(3);
    expect(issue!.suggestions).toContain(ORGANIC);
  });

  it('lets a reporter import only the projects of their unit, and their reports await review', async () => {
    const before = await counts();
    const mixed = await ledger([
      [null, ORGANIC, '2024-04', 0.2, null, null, null, null, null],
      ['p-ledger-pv', PV, '2024-04', 0.5, null, null, null, null, null],
    ]);
    const refused = await upload(api.reporter, '混合.xlsx', mixed);
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as Refusal).error.details.issues).toEqual([
      expect.objectContaining({ row: 4, column: 'B', message: expect.stringContaining('不由您所在单位负责') }),
    ]);
    expect(await counts()).toEqual(before);

    // Another unit's reporter may not import the environment bureau's project either.
    const own = await ledger([[null, ORGANIC, '2024-04', 0.2, null, null, null, null, null]]);
    const other = await upload(api.otherReporter, '生态.xlsx', own);
    expect(other.statusCode).toBe(422);
    expect((other.json() as Refusal).error.details.issues[0]!.message).toContain('不由您所在单位负责');
    expect(await counts()).toEqual(before);

    expect((await upload(api.leader, '生态.xlsx', own)).statusCode).toBe(403);
    expect((await upload(api.anonymous, '生态.xlsx', own)).statusCode).toBe(401);

    const ok = await upload(api.reporter, '生态.xlsx', own);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().summary).toMatchObject({ status: 'submitted', added: 1 });
    const organic = await detail('p-organic-waste');
    expect(organic.reports.find((r) => r.period === '2024-04')).toMatchObject({ status: 'submitted', investment: 0.2 });
    // Pending review, it does not count yet.
    expect((await detail('p-organic-waste', api.anonymous)).reports.map((r) => r.period)).not.toContain('2024-04');

    // Submitted once, it cannot be submitted again until reviewed.
    const twice = await upload(api.reporter, '生态.xlsx', own);
    expect(twice.statusCode).toBe(422);
    expect((twice.json() as Refusal).error.details.issues[0]!.message).toContain('待审核');
  });

  it('two imports of the same months at once: one lands whole, the other is refused whole with the reason, never a 500', async () => {
    const rows: Row[] = [];
    for (const period of ['2024-07', '2024-08', '2024-09']) {
      rows.push([null, ORGANIC, period, 0.3, null, null, null, null, null]);
      rows.push(['p-ledger-pv', PV, period, 0.4, null, null, null, null, null]);
    }
    const file = await ledger(rows);
    const before = await counts();
    const answers = await Promise.all([upload(api.admin, '甲.xlsx', file), upload(api.admin, '乙.xlsx', file)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 422]);
    const refused = answers.find((a) => a.statusCode !== 200)!.json() as Refusal;
    expect(refused.error.code).toBe('importRefused');
    expect(refused.error.details.issues).toHaveLength(6);
    expect(refused.error.details.issues.every((i) => i.message.includes('已审核锁定'))).toBe(true);
    const after = await counts();
    expect(after.reports).toBe(before.reports + 6);
    const months = (await detail('p-ledger-pv')).reports.filter((r) => r.period >= '2024-07');
    expect(months.map((r) => [r.period, r.investment, r.status])).toEqual([
      ['2024-07', 0.4, 'approved'],
      ['2024-08', 0.4, 'approved'],
      ['2024-09', 0.4, 'approved'],
    ]);
  });

  it('reports its progress under the job the client names, in the store, and the outcome when done', async () => {
    const job = randomUUID();
    const file = await ledger([
      [null, ORGANIC, '2024-10', 0.2, null, null, null, null, null],
      ['p-ledger-pv', PV, '2024-10', 0.1, null, null, null, null, null],
    ]);
    const res = await upload(api.admin, '十月.xlsx', file, `?job=${job}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().job).toBe(job);
    const done = (await api.admin.request('GET', `/api/v1/jobs/${job}`)).json();
    expect(done).toMatchObject({
      kind: 'projectLedger',
      status: 'done',
      phase: 'write',
      done: 2,
      total: 2,
      result: expect.objectContaining({ added: 2, status: 'approved' }),
    });
    // A job is its owner's: another user does not see it.
    expect((await api.reporter.request('GET', `/api/v1/jobs/${job}`)).statusCode).toBe(404);

    const failed = randomUUID();
    const again = await upload(api.admin, '十月.xlsx', file, `?job=${failed}`);
    expect(again.statusCode).toBe(422);
    expect((await api.admin.request('GET', `/api/v1/jobs/${failed}`)).json()).toMatchObject({
      status: 'failed',
      error: { issues: [expect.objectContaining({ row: 3, message: expect.stringContaining('已审核锁定') }), expect.anything()] },
    });
  });

  it('refuses rows whose stage would move a project back, naming the stage cells, and stores nothing', async () => {
    const before = await counts();
    const res = await upload(
      api.admin,
      '阶段.xlsx',
      await ledger([
        [null, ORGANIC, '2024-11', 0.1, '竣工', null, null, null, null],
        // After November's 竣工 in the same file.
        [null, ORGANIC, '2024-12', 0.1, '在建', null, null, null, null],
        // The project is 在建 since January.
        ['p-ledger-pv', PV, '2024-11', 0.1, '前期', null, null, null, null],
      ]),
    );
    expect(res.statusCode).toBe(422);
    expect((res.json() as Refusal).error.details.issues).toEqual([
      expect.objectContaining({ row: 4, column: 'F', message: expect.stringContaining('不能把阶段退回到「在建」') }),
      expect.objectContaining({ row: 5, column: 'F', message: expect.stringContaining('项目当前阶段为「在建」') }),
    ]);
    expect(await counts()).toEqual(before);
    expect((await detail('p-organic-waste')).project.stage).toBe('construction');
  });

  it('takes a GB18030 CSV in 万元', async () => {
    const csv = ['项目编号,项目名称,月份,本月完成投资（万元）,形象进度阶段', `p-ledger-pv,${PV},2024-06,"5,000",竣工`].join('\r\n');
    const res = await upload(api.admin, '台账.csv', encodeGb18030(csv));
    expect(res.statusCode).toBe(200);
    const pv = (await api.admin.request('GET', '/api/v1/projects/p-ledger-pv?asOf=2024-06')).json() as Detail;
    expect(pv.reports.find((r) => r.period === '2024-06')).toMatchObject({ investment: 0.5, status: 'approved' });
    expect(pv.project.stage).toBe('completed');
  });
});
