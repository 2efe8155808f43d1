import { describe, expect, it } from 'vitest';
import { assessUnit } from '../../src/core/assessment.js';
import { chinaDate, closedOnTime, deadlineColour } from '../../src/core/deadlines.js';
import { evaluatePlan } from '../../src/core/evaluate.js';
import { nextOrderState, SupervisionError } from '../../src/core/supervision.js';
import { DEFAULT_SUPERVISION, supervisionSettings } from '../../src/core/supervision-settings.js';
import { computeWarnings, filterWarnings } from '../../src/core/warnings.js';
import { planWith } from './fixtures.js';

const S = { dueSoonDays: 3, redAfterDays: 7, redAfterReturns: 2 };
const open = (deadline: string, returns = 0) => ({ deadline, returns, closed: false });

describe('deadline colours on fixed clocks', () => {
  it('reads the day in China Standard Time, whatever the server’s zone', () => {
    // 2026-03-09 17:30 UTC is already 10 March in Beijing.
    expect(chinaDate(new Date('2026-03-09T17:30:00Z'))).toBe('2026-03-10');
    expect(chinaDate(new Date('2026-03-09T15:59:59Z'))).toBe('2026-03-09');
  });

  it('blue within N days, yellow once overdue, red past M days', () => {
    const deadline = '2026-03-20';
    const at = (iso: string) => deadlineColour(open(deadline), chinaDate(new Date(iso)), S);
    expect(at('2026-03-10T02:00:00Z')).toMatchObject({ colour: 'none', daysLeft: 10 });
    expect(at('2026-03-16T15:59:00Z')).toMatchObject({ colour: 'none', daysLeft: 4 });
    expect(at('2026-03-16T16:01:00Z')).toMatchObject({ colour: 'blue', daysLeft: 3 });
    expect(at('2026-03-20T10:00:00Z')).toMatchObject({ colour: 'blue', daysLeft: 0 });
    expect(at('2026-03-21T01:00:00Z')).toMatchObject({ colour: 'yellow', daysLeft: -1 });
    expect(at('2026-03-27T01:00:00Z')).toMatchObject({ colour: 'yellow', daysLeft: -7 });
    const red = at('2026-03-28T01:00:00Z');
    expect(red).toMatchObject({ colour: 'red', daysLeft: -8 });
    expect(red.rule).toBe('已逾期8天（逾期超过7天为红色）');
  });

  it('red when returned twice, whatever the deadline; closed orders have no colour', () => {
    expect(deadlineColour(open('2026-12-31', 1), '2026-03-01', S).colour).toBe('none');
    expect(deadlineColour(open('2026-12-31', 2), '2026-03-01', S)).toMatchObject({ colour: 'red', rule: '已退回2次（退回达到2次为红色）' });
    expect(deadlineColour({ deadline: '2026-01-01', returns: 3, closed: true }, '2026-03-01', S).colour).toBe('none');
  });

  it('N and M are plan settings', () => {
    const s = { ...S, dueSoonDays: 10, redAfterDays: 0 };
    expect(deadlineColour(open('2026-03-20'), '2026-03-10', s).colour).toBe('blue');
    expect(deadlineColour(open('2026-03-20'), '2026-03-21', s).colour).toBe('red');
    const plan = { settings: { supervision: { dueSoonDays: 5 } } };
    expect(supervisionSettings(plan)).toMatchObject({ dueSoonDays: 5, redAfterDays: DEFAULT_SUPERVISION.redAfterDays });
  });

  it('an order closed on the day of its deadline (Beijing time) was closed on time', () => {
    expect(closedOnTime('2026-03-20', '2026-03-20T15:00:00Z')).toBe(true);
    expect(closedOnTime('2026-03-20', '2026-03-20T16:30:00Z')).toBe(false);
  });
});

describe('supervision order transitions', () => {
  const o = { state: 'issued' as const, extended: false, deadline: '2026-03-20' };
  it('reply → replied; accept and return only a reply; return needs a reason', () => {
    expect(nextOrderState(o, 'reply')).toBe('replied');
    expect(() => nextOrderState(o, 'accept')).toThrow('「待反馈」的督办单不能销号');
    expect(nextOrderState({ ...o, state: 'replied' }, 'accept')).toBe('closed');
    expect(() => nextOrderState({ ...o, state: 'replied' }, 'return')).toThrow(SupervisionError);
    expect(nextOrderState({ ...o, state: 'replied' }, 'return', { reason: '措施不具体' })).toBe('returned');
    expect(() => nextOrderState({ ...o, state: 'closed' }, 'reply')).toThrow('「已销号」的督办单不能反馈');
  });
  it('extends once, later, with a reason', () => {
    expect(nextOrderState(o, 'extend', { reason: '汛期', deadline: '2026-04-20' })).toBe('issued');
    expect(() => nextOrderState(o, 'extend', { deadline: '2026-04-20' })).toThrow('延期必须填写原因');
    expect(() => nextOrderState(o, 'extend', { reason: 'x', deadline: '2026-03-01' })).toThrow('应晚于原期限');
    expect(() => nextOrderState({ ...o, extended: true }, 'extend', { reason: 'x', deadline: '2026-05-01' })).toThrow('只能延期一次');
  });
});

describe('warnings from the evaluation', () => {
  const plan = planWith([
    { id: 'b', name: '空气质量优良天数比率', base: 80, target: '90以上', attribute: '约束性' },
    { id: 'e', name: '预期性指标', base: 80, target: '90以上', attribute: '预期性' },
    { id: 'g', name: '正常指标', base: 80, target: '90以上', attribute: '约束性' },
  ]);
  const obs = [
    { indicatorId: 'b', year: 2023, kind: 'level' as const, value: 81 },
    { indicatorId: 'e', year: 2023, kind: 'level' as const, value: 81 },
    { indicatorId: 'g', year: 2023, kind: 'level' as const, value: 85.5 },
  ];
  const e = evaluatePlan(plan, obs, { year: 2023 });
  const ws = computeWarnings(
    {
      indicatorResults: e.results,
      taskResults: [],
      unitsOf: (id) => (id === 'b' ? ['sthj', 'wangdian'] : ['tjj']),
      isTown: (u) => u === 'wangdian',
      projects: [
        {
          warning: { projectId: 'p1', projectName: '项目甲', kind: 'notStarted', message: '计划2026-01开工' },
          unitId: 'jtj',
          townId: 'xincheng',
        },
        { warning: { projectId: 'p1', projectName: '项目甲', kind: 'stalled', message: '停滞' }, unitId: 'jtj', townId: 'xincheng' },
      ],
      overdueReports: [
        {
          indicatorId: 'e',
          indicatorName: '预期性指标',
          unitId: 'tjj',
          year: 2023,
          dueDate: '2024-01-31',
          calendarTitle: '年报',
          state: 'missing',
        },
      ],
      today: '2024-03-15',
    },
    DEFAULT_SUPERVISION,
  );

  it('binding and lagging → red, lagging → yellow, on track → green, with the figures', () => {
    const b = ws.find((w) => w.key === 'indicator:b')!;
    expect(b.colour).toBe('red');
    expect(b.message).toContain('完成进度10%，时序进度60%');
    expect(b.rule).toBe('约束性指标且状态为滞后于预期、严重滞后→红色');
    expect(b.figures).toMatchObject({ completion: 0.1, timeShare: 0.6 });
    expect(ws.find((w) => w.key === 'indicator:e')!.colour).toBe('yellow');
    expect(ws.find((w) => w.key === 'indicator:g')!.colour).toBe('green');
    expect(ws[0]!.colour).toBe('red');
  });

  it('projects by the plan’s red list, reports by days overdue', () => {
    expect(ws.find((w) => w.key === 'project:p1:notStarted')!.colour).toBe('red');
    expect(ws.find((w) => w.key === 'project:p1:stalled')!.colour).toBe('yellow');
    const r = ws.find((w) => w.kind === 'report')!;
    expect(r).toMatchObject({ colour: 'red', figures: { daysOverdue: 44 } });
  });

  it('filters by colour, kind, unit and town', () => {
    expect(filterWarnings(ws, { colour: 'red' }).map((w) => w.key)).toEqual(['indicator:b', 'project:p1:notStarted', 'report:e:2023:tjj']);
    expect(filterWarnings(ws, { town: 'wangdian' }).map((w) => w.key)).toEqual(['indicator:b']);
    expect(filterWarnings(ws, { town: 'xincheng', kind: 'project' })).toHaveLength(2);
    expect(filterWarnings(ws, { unit: 'tjj', colour: 'yellow' }).map((w) => w.key)).toEqual(['indicator:e']);
  });

  it('the lagging statuses are a plan setting', () => {
    const strict = computeWarnings(
      {
        indicatorResults: e.results,
        taskResults: [],
        unitsOf: () => [],
        isTown: () => false,
        projects: [],
        overdueReports: [],
        today: '2024-03-15',
      },
      { ...DEFAULT_SUPERVISION, laggingStatuses: ['slightlyBehind', 'lagging', 'seriouslyLagging'] },
    );
    const g = e.results.find((r) => r.indicatorId === 'g')!;
    expect(g.status).toBe('slightlyBehind');
    expect(strict.find((w) => w.key === 'indicator:g')!.colour).toBe('red');
  });
});

describe('assessment of a unit by outcomes', () => {
  it('weights the measures it has, shows the formula and inputs', () => {
    const a = assessUnit(
      { unitId: 'sthj', targets: { judged: 4, onTrack: 3 }, orders: { due: 2, closedOnTime: 1 }, reports: { due: 0, onTime: 0 } },
      { weights: { targetsOnTrack: 0.5, ordersOnTime: 0.3, reportsOnTime: 0.2 } },
    );
    expect(a.measures.map((m) => m.score)).toEqual([75, 50, null]);
    // (0.5×75 + 0.3×50) ÷ 0.8 = 65.625
    expect(a.score).toBe(65.6);
    expect(a.formula).toBe('综合得分 = (0.5×75 + 0.3×50) ÷ 0.8（权重为规划设置；无数据的项不计入）');
    expect(a.measures[1]!.inputs).toEqual({ closedOnTime: 1, due: 2 });
  });
});
