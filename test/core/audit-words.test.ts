/**
 * The audit trail in words: every action code the store writes has a sentence, and each sentence
 * says who, what, on what and before → after in words — no code, no JSON, unit names not ids.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditReason, auditSentence, type AuditFacts, type AuditNames } from '../../src/core/audit-words.js';
import { ASSIGNMENT_ROLE, PROJECT_STAGE, ROLE } from '../../src/core/labels.js';
import { ORDER_ACTION, ORDER_STATE } from '../../src/core/supervision.js';
import { TRANSITIONS, VALUE_STATUS } from '../../src/core/workflow.js';

const CHINESE_WORDS = [VALUE_STATUS, ORDER_STATE, ASSIGNMENT_ROLE, PROJECT_STAGE, ROLE].flatMap((t) => Object.values(t).map((w) => w.zh));

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const sources = ['store', 'server', 'server/routes'].flatMap((d) =>
  readdirSync(join(SRC, d))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(SRC, d, f), 'utf8')),
);
const all = sources.join('\n');
const union = (text: RegExp): string[] => [...(all.match(text)?.[1] ?? '').matchAll(/'(\w+)'/g)].map((m) => m[1]!);

/** The codes the store and the server write: literals, and each templated family with its members. */
function writtenCodes(): string[] {
  const codes = new Set<string>();
  for (const m of all.matchAll(/action: '(\w+\.\w+)'/g)) codes.add(m[1]!);
  // An action chosen in the line that writes it: 「action: action === 'revise' ? 'value.revise' : …」.
  for (const line of all.matchAll(/^\s*action: .*\?.*$/gm)) for (const m of line[0].matchAll(/'(\w+\.\w+)'/g)) codes.add(m[1]!);
  const families = new Set([...all.matchAll(/action: `(\w+)\.\$\{/g)].map((m) => m[1]!));
  const members: Record<string, string[]> = {
    value: Object.keys(TRANSITIONS),
    supervision: Object.keys(ORDER_ACTION),
    projectReport: [
      ...union(/function saveReport\([\s\S]*?action: ((?:'\w+' \| )*'\w+')/),
      ...union(/function transitionReport\([\s\S]*?action: ((?:'\w+' \| )*'\w+')/),
    ],
    planDraft: [...readFileSync(join(SRC, 'importers/plan-document/review.ts'), 'utf8').matchAll(/op: ((?:'\w+' \| )*'\w+')/g)].flatMap(
      (m) => [...m[1]!.matchAll(/'(\w+)'/g)].map((x) => x[1]!),
    ),
  };
  for (const f of families) {
    expect(members[f], `the members of the templated family ${f}`).toBeDefined();
    expect(members[f]!.length, f).toBeGreaterThan(0);
    for (const op of members[f]!) codes.add(`${f}.${op}`);
  }
  return [...codes].sort();
}

const names: AuditNames = {
  unit: (id) => ({ tjj: '区统计局', fgj: '区发展和改革局', wdz: '王店镇', sthj: '嘉兴市生态环境局秀洲分局' })[id],
  indicator: (id) => ({ '1': '地区生产总值', '17': '空气质量优良天数比率', tt1: '力争跻身全国百强区前50强' })[id],
  plan: (id) => ({ 'xiuzhou-14th': '秀洲区“十四五”规划', 'jiaxing-14th': '嘉兴市“十四五”规划' })[id],
  user: (id) => ({ u1: 'env' })[id],
  project: (id) => ({ p1: '嘉兴综合保税区B区' })[id],
};
const order = (state: string, deadline = '2026-12-31') => ({ subjectName: '地区生产总值', unitId: 'tjj', state, deadline });
const value = (status: string, v = 88.6) => ({ year: 2023, kind: 'level', value: v, bound: null, status, locked: false });
const report = (status: string) => ({ projectId: 'p1', period: '2026-03', investment: 1.2, status });

/** One entry per code, shaped as the store writes it. */
const SAMPLES: Record<string, Partial<AuditFacts>> = {
  'assignment.set': {
    entityId: '1',
    before: [{ unitId: 'tjj', role: 'lead' }],
    after: [
      { unitId: 'tjj', role: 'lead' },
      { unitId: 'fgj', role: 'cooperate' },
    ],
  },
  'calendar.add': { after: { year: 2026, title: '2026年度数据报送', dueDate: '2027-03-31' } },
  'annualTarget.set': { indicatorId: '1', after: { indicatorId: '1', year: 2026, target: '增长6%' } },
  'verdict.set': { indicatorId: '1', after: { verdict: '完成', reason: '市考核' } },
  'verdict.withdraw': { indicatorId: '1', before: { verdict: '完成' }, after: null },
  'assignedTarget.set': { indicatorId: '1', after: { year: null, target: '增长6%', source: { title: '嘉兴市下达文件' } } },
  'assignedTarget.withdraw': { indicatorId: '1', before: { year: 2026, target: '增长6%' } },
  'user.add': { after: { username: 'env', role: 'reporter', unitId: 'sthj' } },
  'user.update': {
    entityId: 'u1',
    before: { role: 'reporter', unitId: 'sthj', active: true },
    after: { role: 'admin', unitId: 'sthj', active: false, passwordChanged: true },
  },
  'project.add': { after: { name: '嘉兴综合保税区B区', category: 'industry', stage: 'planning' } },
  'project.update': {
    before: { name: '嘉兴综合保税区B区', stage: 'preparation', responsibleUnitId: 'fgj', annualPlan: { 2025: 3 } },
    after: { name: '嘉兴综合保税区B区', stage: 'started', responsibleUnitId: 'tjj', annualPlan: { 2025: 3, 2026: 5 } },
  },
  'projectIssue.resolve': { before: { status: 'open' }, after: { status: 'resolved', resolvedIn: '2026-04' } },
  'planDraft.create': { after: { fileName: '规划纲要.docx', format: 'docx', flags: 3 } },
  'planDraft.publish': { after: { planId: 'xiuzhou-14th', fileName: '规划纲要.docx', indicators: 37, taskTargets: 12 } },
  'planLink.set': { entityId: 'xiuzhou-14th', before: [], after: { relation: 'parent', plan: 'jiaxing-14th' } },
  'indicatorLink.set': {
    indicatorId: '1',
    before: null,
    after: { relation: 'counterpart', otherPlanId: 'jiaxing-14th', otherIndicatorId: '1', sameScope: false },
  },
  'contact.add': { after: { unitId: 'tjj', channel: 'email', address: 'stats@example.org' } },
  'contact.remove': { before: { unitId: 'tjj', channel: 'dingtalk', address: 'https://robot.example.org/send' } },
  'supervision.issue': { after: order('issued') },
  'supervision.extend': { before: order('issued'), after: order('issued', '2027-01-31') },
  'plan.add': { after: { title: '秀洲区国民经济和社会发展第十四个五年规划', indicators: 37, values: 300 } },
};
function sampleOf(code: string): AuditFacts {
  const [family, op] = code.split('.') as [string, string];
  const base = { action: code, entityId: 'e1', planId: 'xiuzhou-14th', indicatorId: '17', username: 'admin' };
  if (family === 'value') return { ...base, before: value('submitted'), after: value(TRANSITIONS[op as 'save']?.to ?? 'approved') };
  if (family === 'projectReport') return { ...base, before: report('submitted'), after: report('approved') };
  if (family === 'supervision' && !SAMPLES[code]) return { ...base, before: order('replied'), after: order('closed') };
  if (family === 'planDraft' && !SAMPLES[code]) return { ...base, after: { part: 'indicators', id: '17' } };
  return { ...base, ...SAMPLES[code] };
}

/** An action code: 「value.return」. */
const CODE =
  /\b(value|assignment|calendar|annualTarget|verdict|assignedTarget|user|project|projectReport|projectIssue|planDraft|planLink|indicatorLink|contact|supervision|plan)\.\w+/;

/** What must never reach a reader: JSON, codes of statuses, roles, kinds, stages, states, actions. */
const RAW = new RegExp(
  String.raw`[{}[\]]|"\w+":|\b(draft|submitted|returned|approved|lead|cooperate|level|growth_pct|avg_growth_pct|planning|preparation|started|industry|issued|replied|closed|reporter|admin|email|dingtalk|counterpart|parent|indicators|tjj|fgj|sthj|p1|u1)\b|${CODE.source}`,
);

describe('audit sentences', () => {
  it('every action code the store and the server write has a sentence', () => {
    const codes = writtenCodes();
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((c) => !AUDIT_ACTIONS[c])).toEqual([]);
  });

  it('no sentence, in either language, shows a code, an id or JSON', () => {
    for (const code of writtenCodes()) {
      const e = sampleOf(code);
      const zh = auditSentence(e, names, 'zh').replace(/^admin/, '');
      const en = auditSentence(e, names, 'en').replace(/^admin/, '');
      expect(zh, code).not.toMatch(RAW);
      expect(zh, code).toMatch(/[\u4e00-\u9fa5]/);
      expect(en, code).not.toMatch(/[{}[\]]|_pct|\b(cooperate|tjj|fgj|u1|p1)\b/);
      expect(en, code).not.toMatch(CODE);
      // Chinese only in names and the plan's own wording, never a status or role word.
      for (const w of CHINESE_WORDS) expect(en, code).not.toContain(w);
    }
  });

  it('says who, what, on what and before → after', () => {
    const s = (code: string, lang: 'zh' | 'en' = 'zh') => auditSentence(sampleOf(code), names, lang);
    expect(s('value.return')).toBe('admin退回了「空气质量优良天数比率」2023年水平值：88.6，待审核 → 已退回');
    expect(s('value.return', 'en')).toBe('admin returned the 2023 level of "空气质量优良天数比率": 88.6, Submitted → Returned');
    expect(s('value.revise')).toBe('admin修订了「空气质量优良天数比率」2023年水平值：88.6，待审核 → 已审核');
    expect(s('assignment.set')).toBe('admin调整了「地区生产总值」的责任单位：区统计局（牵头） → 区统计局（牵头）、区发展和改革局（配合）');
    expect(s('assignment.set', 'en')).toContain('区统计局 (lead), 区发展和改革局 (cooperating)');
    expect(s('project.update')).toBe(
      'admin修改了重大项目「嘉兴综合保税区B区」：责任单位：区发展和改革局 → 区统计局；年度计划投资（亿元）：2025年3 → 2025年3、2026年5；项目阶段：前期 → 开工',
    );
    expect(s('user.update')).toBe('admin修改了用户「env」：角色：填报员 → 管理员；停用；重设了密码');
    expect(s('verdict.set', 'en')).toBe('admin recorded the official verdict on "地区生产总值": Completed');
    expect(s('supervision.extend')).toBe('admin延期了「地区生产总值」的督办单（区统计局）：办理期限 2026-12-31 → 2027-01-31');
    expect(s('supervision.accept')).toBe('admin销号了「地区生产总值」的督办单（区统计局）：已反馈 → 已销号');
    expect(s('projectReport.approve')).toBe('admin审核通过了「嘉兴综合保税区B区」2026-03月报（本月完成投资1.2亿元）：待审核 → 已审核');
    expect(auditSentence({ ...sampleOf('value.save'), before: undefined, username: null }, names, 'zh')).toBe(
      '系统保存了「空气质量优良天数比率」2023年水平值：88.6（草稿）',
    );
    expect(auditReason({ action: 'value.return', entityId: 'x', reason: '口径不符' }, 'zh')).toBe('（原因：口径不符）');
  });
});
