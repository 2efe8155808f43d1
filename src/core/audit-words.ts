/**
 * Every audit entry the store writes, said as a sentence a person reads: who did what, on what,
 * before → after in words (status words, unit names, 「区统计局（牵头）、…（配合）」), never a code or
 * JSON. One table of actions, so the indicator page, the 督办 history and any report say it alike.
 * Pure: the names of units, indicators, plans, users and projects come from the caller.
 */
import {
  CONTACT_CHANNEL as CHANNEL,
  DRAFT_PART,
  INDICATOR_RELATION,
  PLAN_RELATION,
  PROJECT_CATEGORY,
  PROJECT_STAGE,
  ROLE,
} from './labels.js';
import { ORDER_STATE } from './supervision.js';
import { VALUE_STATUS } from './workflow.js';
import {
  type AuditFacts,
  type AuditNames,
  type Lang,
  NONE,
  REPORT_VERB,
  DRAFT_VERB,
  ORDER_VERB,
  Say,
  VALUE_VERB,
  type W,
  linkText,
  obj,
  PERIOD,
  planLinkBefore,
  planLinksText,
  projectChanges,
  str,
  unitsWithRoles,
  userChanges,
  valueSentence,
  verdictWord,
  who,
  word,
} from './audit-phrases.js';

export type { AuditFacts, AuditNames, Lang };

type Sentence = (s: Say) => W;
const zhEn =
  (zh: (s: Say) => string, en: (s: Say) => string): Sentence =>
  (s) => ({ zh: zh(s), en: en(s) });
const Z = (s: Say): string => who(s.e, 'zh');
const E = (s: Say): string => who(s.e, 'en');

/** Every action code the store writes (src/store/*.ts), with its sentence. */
export const AUDIT_ACTIONS: Record<string, Sentence> = {
  ...Object.fromEntries(Object.keys(VALUE_VERB).map((op) => [`value.${op}`, valueSentence(op)])),
  'assignment.set': zhEn(
    (s) =>
      `${Z(s)}调整了${s.q(s.ind(s.e.entityId), 'zh')}的责任单位：${s.arrow(unitsWithRoles(s, s.e.before, 'zh'), unitsWithRoles(s, s.e.after, 'zh'), 'zh')}`,
    (s) =>
      `${E(s)} changed the units responsible for ${s.q(s.ind(s.e.entityId), 'en')}: ${s.arrow(unitsWithRoles(s, s.e.before, 'en'), unitsWithRoles(s, s.e.after, 'en'), 'en')}`,
  ),
  'calendar.add': zhEn(
    (s) => `${Z(s)}新增了报送节点${s.q(str(s.a?.title), 'zh')}：${str(s.a?.year)}年度数据，${str(s.a?.dueDate)}前报送`,
    (s) => `${E(s)} added the reporting deadline ${s.q(str(s.a?.title), 'en')}: ${str(s.a?.year)} figures due by ${str(s.a?.dueDate)}`,
  ),
  'annualTarget.set': zhEn(
    (s) =>
      `${Z(s)}设定了${s.q(s.ind(s.e.indicatorId), 'zh')}${str(s.a?.year)}年年度目标：${s.arrow(str(s.b?.target) || '未设定', str(s.a?.target), 'zh')}`,
    (s) =>
      `${E(s)} set the ${str(s.a?.year)} yearly target of ${s.q(s.ind(s.e.indicatorId), 'en')}: ${s.arrow(str(s.b?.target) || 'not set', str(s.a?.target), 'en')}`,
  ),
  'verdict.set': zhEn(
    (s) =>
      `${Z(s)}记录了${s.q(s.ind(s.e.indicatorId), 'zh')}的正式结论：${s.arrow(s.b ? verdictWord(s.b.verdict, 'zh') : '', verdictWord(s.a?.verdict, 'zh'), 'zh')}`,
    (s) =>
      `${E(s)} recorded the official verdict on ${s.q(s.ind(s.e.indicatorId), 'en')}: ${s.arrow(s.b ? verdictWord(s.b.verdict, 'en') : '', verdictWord(s.a?.verdict, 'en'), 'en')}`,
  ),
  'verdict.withdraw': zhEn(
    (s) => `${Z(s)}撤销了${s.q(s.ind(s.e.indicatorId), 'zh')}的正式结论${s.q(verdictWord(s.b?.verdict, 'zh'), 'zh')}`,
    (s) => `${E(s)} withdrew the official verdict ${s.q(verdictWord(s.b?.verdict, 'en'), 'en')} on ${s.q(s.ind(s.e.indicatorId), 'en')}`,
  ),
  'assignedTarget.set': zhEn(
    (s) =>
      `${Z(s)}登记了${s.q(s.ind(s.e.indicatorId), 'zh')}的上级下达值（${PERIOD(s.a?.year, 'zh')}）：${s.arrow(str(s.b?.target), str(s.a?.target), 'zh')}${obj(s.a?.source)?.title ? `，依据${s.q(str(obj(s.a?.source)?.title), 'zh')}` : ''}`,
    (s) =>
      `${E(s)} recorded the assigned target of ${s.q(s.ind(s.e.indicatorId), 'en')} (${PERIOD(s.a?.year, 'en')}): ${s.arrow(str(s.b?.target), str(s.a?.target), 'en')}${obj(s.a?.source)?.title ? `, per ${s.q(str(obj(s.a?.source)?.title), 'en')}` : ''}`,
  ),
  'assignedTarget.withdraw': zhEn(
    (s) => `${Z(s)}撤销了${s.q(s.ind(s.e.indicatorId), 'zh')}的上级下达值（${PERIOD(s.b?.year, 'zh')}）${s.q(str(s.b?.target), 'zh')}`,
    (s) =>
      `${E(s)} withdrew the assigned target ${s.q(str(s.b?.target), 'en')} of ${s.q(s.ind(s.e.indicatorId), 'en')} (${PERIOD(s.b?.year, 'en')})`,
  ),
  'user.add': zhEn(
    (s) =>
      `${Z(s)}新增了用户${s.q(str(s.a?.username), 'zh')}：${word(ROLE, s.a?.role, 'zh')}，${s.a?.unitId ? s.unit(s.a.unitId) : '不属于单位'}`,
    (s) =>
      `${E(s)} added the user ${s.q(str(s.a?.username), 'en')}: ${word(ROLE, s.a?.role, 'en')}, ${s.a?.unitId ? s.unit(s.a.unitId) : 'no unit'}`,
  ),
  'user.update': zhEn(
    (s) => `${Z(s)}修改了用户${s.q(s.names.user?.(s.e.entityId) ?? s.e.entityId, 'zh')}：${userChanges(s, 'zh')}`,
    (s) => `${E(s)} changed the user ${s.q(s.names.user?.(s.e.entityId) ?? s.e.entityId, 'en')}: ${userChanges(s, 'en')}`,
  ),
  'project.add': zhEn(
    (s) =>
      `${Z(s)}登记了重大项目${s.q(str(s.a?.name), 'zh')}：${word(PROJECT_CATEGORY, s.a?.category, 'zh')}，${word(PROJECT_STAGE, s.a?.stage, 'zh')}`,
    (s) =>
      `${E(s)} registered the project ${s.q(str(s.a?.name), 'en')}: ${word(PROJECT_CATEGORY, s.a?.category, 'en')}, ${word(PROJECT_STAGE, s.a?.stage, 'en')}`,
  ),
  'project.update': zhEn(
    (s) => `${Z(s)}修改了重大项目${s.q(str(s.a?.name ?? s.b?.name), 'zh')}：${projectChanges(s, 'zh')}`,
    (s) => `${E(s)} changed the project ${s.q(str(s.a?.name ?? s.b?.name), 'en')}: ${projectChanges(s, 'en')}`,
  ),
  ...Object.fromEntries(
    Object.keys(REPORT_VERB).map((op) => [
      `projectReport.${op}`,
      zhEn(
        (s) => {
          const r = s.a ?? s.b ?? {};
          const p = s.names.project?.(str(r.projectId)) ?? str(r.projectId);
          return `${Z(s)}${REPORT_VERB[op]!.zh}${s.q(p, 'zh')}${str(r.period)}月报（本月完成投资${str(r.investment)}亿元）：${s.arrow(word(VALUE_STATUS, s.b?.status, 'zh'), word(VALUE_STATUS, s.a?.status, 'zh'), 'zh')}`;
        },
        (s) => {
          const r = s.a ?? s.b ?? {};
          const p = s.names.project?.(str(r.projectId)) ?? str(r.projectId);
          return `${E(s)} ${REPORT_VERB[op]!.en} the ${str(r.period)} report of ${s.q(p, 'en')} (investment ${str(r.investment)} × 100m yuan): ${s.arrow(word(VALUE_STATUS, s.b?.status, 'en'), word(VALUE_STATUS, s.a?.status, 'en'), 'en')}`;
        },
      ),
    ]),
  ),
  'projectIssue.resolve': zhEn(
    (s) => `${Z(s)}将项目协调问题标记为已解决（${str(s.a?.resolvedIn)}）：未解决 → 已解决`,
    (s) => `${E(s)} marked a project issue resolved (${str(s.a?.resolvedIn)}): open → resolved`,
  ),
  'planDraft.create': zhEn(
    (s) => `${Z(s)}上传了规划文本${s.q(str(s.a?.fileName), 'zh')}，生成待审草稿（待核标记${str(s.a?.flags)}处）`,
    (s) => `${E(s)} uploaded the plan document ${s.q(str(s.a?.fileName), 'en')} as a draft to review (${str(s.a?.flags)} flags to check)`,
  ),
  ...Object.fromEntries(
    Object.keys(DRAFT_VERB).map((op) => {
      const what = (s: Say): string => {
        const item = obj(s.a?.item);
        return str(s.a?.id) || str(item?.name) || str(item?.title) || str(item?.id);
      };
      return [
        `planDraft.${op}`,
        zhEn(
          (s) => `${Z(s)}在规划草稿中${DRAFT_VERB[op]!.zh}${word(DRAFT_PART, s.a?.part, 'zh')}${s.q(what(s), 'zh')}`,
          (s) => `${E(s)} ${DRAFT_VERB[op]!.en} the ${word(DRAFT_PART, s.a?.part, 'en')} ${s.q(what(s), 'en')} in the plan draft`,
        ),
      ];
    }),
  ),
  'planDraft.discard': zhEn(
    (s) => `${Z(s)}放弃了规划草稿${s.q(str(s.a?.fileName), 'zh')}（未处理的待核标记${str(s.a?.openFlags)}处），草稿与原始文档留档`,
    (s) =>
      `${E(s)} discarded the plan draft ${s.q(str(s.a?.fileName), 'en')} (${str(s.a?.openFlags)} flags open); the draft and its document stay on record`,
  ),
  'identity.link': zhEn(
    (s) => `${Z(s)}将统一身份认证账号${s.q(str(s.a?.subject), 'zh')}关联到用户${s.q(s.names.user?.(s.e.entityId) ?? s.e.entityId, 'zh')}`,
    (s) =>
      `${E(s)} linked the sign-in platform account ${s.q(str(s.a?.subject), 'en')} to the user ${s.q(s.names.user?.(s.e.entityId) ?? s.e.entityId, 'en')}`,
  ),
  'identity.unlink': zhEn(
    (s) =>
      `${Z(s)}解除了统一身份认证账号${s.q(str(s.b?.subject), 'zh')}与用户${s.q(s.names.user?.(s.e.entityId) ?? s.e.entityId, 'zh')}的关联`,
    (s) =>
      `${E(s)} unlinked the sign-in platform account ${s.q(str(s.b?.subject), 'en')} from the user ${s.q(s.names.user?.(s.e.entityId) ?? s.e.entityId, 'en')}`,
  ),
  ...Object.fromEntries(
    (
      [
        ['add', '新增了', 'added', 'a'],
        ['update', '修改了', 'changed', 'a'],
        ['delete', '删除了', 'removed', 'b'],
      ] as const
    ).map(([op, zhVerb, enVerb, side]) => [
      `identityRule.${op}`,
      zhEn(
        (s) => {
          const r = s[side];
          return `${Z(s)}${zhVerb}统一身份认证分配规则：${str(r?.claim)}为${s.q(str(r?.value), 'zh')}的账号 → ${word(ROLE, r?.role, 'zh')}，${r?.unitId ? s.unit(r.unitId) : '不属于单位'}`;
        },
        (s) => {
          const r = s[side];
          return `${E(s)} ${enVerb} a sign-in rule: accounts whose ${str(r?.claim)} is ${s.q(str(r?.value), 'en')} → ${word(ROLE, r?.role, 'en')}, ${r?.unitId ? s.unit(r.unitId) : 'no unit'}`;
        },
      ),
    ]),
  ),
  'planDraft.publish': zhEn(
    (s) =>
      `${Z(s)}将规划草稿${s.q(str(s.a?.fileName), 'zh')}发布为规划${s.q(s.plan(s.a?.planId), 'zh')}：指标${str(s.a?.indicators)}项，任务目标${str(s.a?.taskTargets)}项`,
    (s) =>
      `${E(s)} published the draft ${s.q(str(s.a?.fileName), 'en')} as the plan ${s.q(s.plan(s.a?.planId), 'en')}: ${str(s.a?.indicators)} indicators, ${str(s.a?.taskTargets)} task targets`,
  ),
  'planLink.set': zhEn(
    (s) =>
      `${Z(s)}设定了${s.q(s.plan(s.e.entityId), 'zh')}的${word(PLAN_RELATION, s.a?.relation ?? planLinkBefore(s)?.relation, 'zh')}：${s.arrow(planLinksText(s, 'zh'), s.a ? s.q(s.plan(s.a.plan), 'zh') : NONE.zh, 'zh')}`,
    (s) =>
      `${E(s)} set the ${word(PLAN_RELATION, s.a?.relation ?? planLinkBefore(s)?.relation, 'en')} of ${s.q(s.plan(s.e.entityId), 'en')}: ${s.arrow(planLinksText(s, 'en'), s.a ? s.q(s.plan(s.a.plan), 'en') : NONE.en, 'en')}`,
  ),
  'indicatorLink.set': zhEn(
    (s) =>
      `${Z(s)}设定了${s.q(s.ind(s.e.indicatorId), 'zh')}的${word(INDICATOR_RELATION, s.a?.relation ?? s.b?.relation, 'zh')}：${s.arrow(linkText(s, s.b, 'zh'), linkText(s, s.a, 'zh'), 'zh')}`,
    (s) =>
      `${E(s)} set the ${word(INDICATOR_RELATION, s.a?.relation ?? s.b?.relation, 'en')} of ${s.q(s.ind(s.e.indicatorId), 'en')}: ${s.arrow(linkText(s, s.b, 'en'), linkText(s, s.a, 'en'), 'en')}`,
  ),
  'contact.add': zhEn(
    (s) => `${Z(s)}为${s.unit(s.a?.unitId)}新增了通知联系人：${word(CHANNEL, s.a?.channel, 'zh')} ${str(s.a?.address)}`,
    (s) => `${E(s)} added a contact for ${s.unit(s.a?.unitId)}: ${word(CHANNEL, s.a?.channel, 'en')} ${str(s.a?.address)}`,
  ),
  'contact.remove': zhEn(
    (s) => `${Z(s)}删除了${s.unit(s.b?.unitId)}的通知联系人：${word(CHANNEL, s.b?.channel, 'zh')} ${str(s.b?.address)}`,
    (s) => `${E(s)} removed a contact of ${s.unit(s.b?.unitId)}: ${word(CHANNEL, s.b?.channel, 'en')} ${str(s.b?.address)}`,
  ),
  'supervision.issue': zhEn(
    (s) =>
      `${Z(s)}就${s.q(str(s.a?.subjectName), 'zh')}向${s.unit(s.a?.unitId)}下发了督办单，办理期限${str(s.a?.deadline)}：${word(ORDER_STATE, s.a?.state, 'zh')}`,
    (s) =>
      `${E(s)} issued an order on ${s.q(str(s.a?.subjectName), 'en')} to ${s.unit(s.a?.unitId)}, due ${str(s.a?.deadline)}: ${word(ORDER_STATE, s.a?.state, 'en')}`,
  ),
  ...Object.fromEntries(
    Object.keys(ORDER_VERB).map((op) => [
      `supervision.${op}`,
      (s: Say): W =>
        s.both((l) => {
          const change =
            op === 'extend'
              ? `${l === 'zh' ? '办理期限' : 'due date'} ${s.arrow(str(s.b?.deadline), str(s.a?.deadline), l)}`
              : s.arrow(word(ORDER_STATE, s.b?.state, l), word(ORDER_STATE, s.a?.state, l), l);
          const subject = s.q(str(s.a?.subjectName ?? s.b?.subjectName), l);
          return l === 'zh'
            ? `${Z(s)}${ORDER_VERB[op]!.zh}${subject}的督办单（${s.unit(s.a?.unitId ?? s.b?.unitId)}）：${change}`
            : `${E(s)} ${ORDER_VERB[op]!.en} the order on ${subject} (${s.unit(s.a?.unitId ?? s.b?.unitId)}): ${change}`;
        }),
    ]),
  ),
  'supervision.attach': zhEn(
    (s) => `${Z(s)}为督办单上传了附件${s.q(str(s.a?.fileName), 'zh')}`,
    (s) => `${E(s)} attached the file ${s.q(str(s.a?.fileName), 'en')} to the order`,
  ),
  'plan.add': zhEn(
    (s) => `${Z(s)}导入了规划${s.q(str(s.a?.title), 'zh')}：指标${str(s.a?.indicators)}项，数值${str(s.a?.values)}条`,
    (s) => `${E(s)} added the plan ${s.q(str(s.a?.title), 'en')}: ${str(s.a?.indicators)} indicators, ${str(s.a?.values)} values`,
  ),
};

/** The sentence of one audit entry; an action not in the table (written by a later version) is named, its data left out. */
export function auditSentence(e: AuditFacts, names: AuditNames, lang: Lang): string {
  const sentence = AUDIT_ACTIONS[e.action];
  if (sentence) return sentence(new Say(e, names))[lang];
  return lang === 'zh' ? `${who(e, lang)}进行了操作（${e.action}）` : `${who(e, lang)}: ${e.action}`;
}

/** The reason given, as the sentence's tail: 「，原因：……」. */
export function auditReason(e: AuditFacts, lang: Lang): string {
  if (!e.reason) return '';
  return lang === 'zh' ? `（原因：${e.reason}）` : ` (reason: ${e.reason})`;
}
