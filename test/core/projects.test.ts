import { describe, expect, it } from 'vitest';
import {
  checkReportedStage,
  fiveDimensions,
  investmentProgress,
  ProjectSchema,
  projectWarnings,
  rollup,
  type MonthlyReport,
} from '../../src/core/projects.js';

const project = (extra: Record<string, unknown> = {}) =>
  ProjectSchema.parse({
    id: 'p1',
    name: '有机废弃物综合处理项目',
    category: 'ecology',
    annualPlan: { '2024': 5 },
    totalInvestment: 12,
    stage: 'construction',
    ...extra,
  });

describe('investment against the time share', () => {
  it('states completion and the gap to the time share in points', () => {
    const reports: MonthlyReport[] = [
      { period: '2024-01', investment: 0.66 },
      { period: '2024-02', investment: 0.8 },
      { period: '2024-03', investment: 0.7 },
      { period: '2024-04', investment: 0 },
    ];
    const inv = investmentProgress(project(), reports, 2024, '2024-04');
    expect(inv.completed).toBeCloseTo(2.16);
    expect(inv.rate).toBeCloseTo(0.432);
    expect(inv.timeShare).toBeCloseTo(4 / 12);
    expect(inv.gapPoints).toBeCloseTo(43.2 - 33.333, 2);
    expect(inv.text).toBe('投资完成率43.2%，超时序进度9.9个百分点');
    expect(investmentProgress(project(), reports.slice(0, 1), 2024, '2024-06').text).toBe('投资完成率13.2%，落后时序进度36.8个百分点');
  });
  it('says so when there is no annual plan', () => {
    expect(investmentProgress(project({ annualPlan: {} }), [], 2024, '2024-06').text).toContain('未设年度投资计划');
  });
});

describe('project warnings', () => {
  it('warns on investment behind schedule, overdue milestones, stalled stages, late starts and open issues', () => {
    const p = project({
      stage: 'preparation',
      plannedStart: '2024-03',
      milestones: [
        { id: 'm1', name: '完成环评批复', due: '2024-02-28' },
        { id: 'm2', name: '主体结构封顶', due: '2024-12-31' },
        { id: 'm3', name: '取得施工许可', due: '2024-01-31', doneOn: '2024-01-20' },
      ],
    });
    const reports: MonthlyReport[] = [{ period: '2023-09', investment: 0.1, stage: 'preparation' }];
    const issues = [
      { id: 'i1', title: '用地指标未落实', ownerUnit: '自然资源分局', status: 'open' as const, openedIn: '2024-02', resolvedIn: null },
    ];
    const w = projectWarnings(p, reports, issues, '2024-05');
    expect(w.map((x) => x.kind).sort()).toEqual(['investmentBehind', 'issueOpen', 'milestoneOverdue', 'notStarted', 'stalled']);
    expect(w.find((x) => x.kind === 'milestoneOverdue')!.message).toContain('完成环评批复');
    expect(w.find((x) => x.kind === 'stalled')!.message).toContain('8个月');
  });
  it('does not warn before a milestone’s month is over, nor on finished projects', () => {
    const p = project({ stage: 'operation', annualPlan: {}, milestones: [{ id: 'm', name: '竣工验收', due: '2024-05-20' }] });
    expect(projectWarnings(p, [], [], '2024-05')).toEqual([]);
  });
});

describe('roll-ups and the five dimensions', () => {
  it('sums plans and completion by a key', () => {
    const items = [
      { project: project({ id: 'a', category: 'industry', annualPlan: { '2024': 10 } }), reports: [{ period: '2024-03', investment: 4 }] },
      { project: project({ id: 'b', category: 'industry', annualPlan: { '2024': 6 } }), reports: [{ period: '2024-02', investment: 2 }] },
      { project: project({ id: 'c', category: 'culture', annualPlan: { '2024': 4 } }), reports: [] },
    ];
    const rows = rollup(items, (p) => p.category, 2024, '2024-06');
    expect(rows[0]).toEqual({ key: 'industry', projects: 2, planned: 16, completed: 6, rate: 6 / 16 });
    const dims = fiveDimensions(items, 2024, '2024-06');
    expect(dims.map((d) => d.name)).toEqual(['效益效率', '结构构成', '要素支撑', '储备水平', '发展成效']);
    const eff = dims[0]!;
    expect(eff.inputs).toMatchObject({ planned: 20, completed: 6, timeShare: 0.5 });
    expect(eff.score).toBeCloseTo((6 / 20 / 0.5) * 100, 1);
    expect(dims[1]!.score).toBe(100);
    expect(dims[2]!.score).toBeNull();
  });
});

describe('the stage a month may report', () => {
  const approved = [
    { period: '2024-02', stage: 'started' as const },
    { period: '2024-05', stage: 'construction' as const },
  ];
  it('lets the latest month move the stage on, never back from the current one', () => {
    expect(checkReportedStage('construction', approved, '2024-06', 'completed')).toEqual({ refused: null, latest: true });
    expect(checkReportedStage('construction', approved, '2024-06', 'construction')).toEqual({ refused: null, latest: true });
    expect(checkReportedStage('construction', approved, '2024-06', 'started').refused).toContain('不能把阶段退回到「开工」');
    // The current stage an administrator set, not older months, is what the latest month goes on from.
    expect(checkReportedStage('preparation', approved, '2024-06', 'preparation').refused).toBeNull();
  });
  it('keeps an earlier month between its approved neighbours, and does not make it the current stage', () => {
    expect(checkReportedStage('construction', approved, '2024-03', 'started')).toEqual({ refused: null, latest: false });
    expect(checkReportedStage('construction', approved, '2024-03', 'completed').refused).toContain('2024-05已审核的阶段为「在建」');
    expect(checkReportedStage('construction', approved, '2024-03', 'planning').refused).toContain('2024-02已审核的阶段为「开工」');
    // A month judged again (on approval after submission) is not its own neighbour.
    expect(checkReportedStage('construction', approved, '2024-02', 'preparation')).toEqual({ refused: null, latest: false });
  });
});

describe('a refused project in words', () => {
  it('names the field and the year, never a bare path or zod’s English', async () => {
    const { ProjectSchema, projectProblems } = await import('../../src/core/projects.js');
    const r = ProjectSchema.safeParse({ id: 'p1', name: '', category: 'industry', annualPlan: { '2025': -1 } });
    expect(r.success).toBe(false);
    const text = projectProblems(r.error!.issues);
    expect(text).toBe('项目名称：不能为空；年度计划投资（亿元）2025年：不能小于0');
  });
});
