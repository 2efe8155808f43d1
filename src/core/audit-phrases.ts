/**
 * The parts audit sentences are made of (src/core/audit-words.ts): names and quotes, a value's figure
 * and state, units with their roles, a project's or a user's changes, each in Chinese and English.
 */
import {
  ASSIGNMENT_ROLE,
  PROJECT_CATEGORY,
  PROJECT_FIELD,
  PROJECT_STAGE,
  ROLE,
  OBSERVATION_KIND,
  VERDICT,
  verdictFromWord,
} from './labels.js';
import { VALUE_STATUS } from './workflow.js';

export type Lang = 'zh' | 'en';
export interface W {
  zh: string;
  en: string;
}

/** An audit entry as the store lists it (src/store/audit.ts). */
export interface AuditFacts {
  action: string;
  entityId: string;
  planId?: string | null;
  indicatorId?: string | null;
  username?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Names the caller knows; an id without a name is shown as it is. */
export interface AuditNames {
  unit?(id: string): string | undefined;
  indicator?(id: string): string | undefined;
  plan?(id: string): string | undefined;
  user?(id: string): string | undefined;
  project?(id: string): string | undefined;
}

export type Obj = Record<string, unknown>;
export const obj = (x: unknown): Obj | null => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : null);
export const str = (x: unknown): string => (x === null || x === undefined || x === '' ? '' : String(x));
export const word = (table: Record<string, W>, code: unknown, lang: Lang): string => table[str(code)]?.[lang] ?? str(code);
export const NONE: W = { zh: '无', en: 'none' };

/** The words both languages need: names and quotes. */
export class Say {
  readonly b: Obj | null;
  readonly a: Obj | null;
  constructor(
    readonly e: AuditFacts,
    readonly names: AuditNames,
  ) {
    this.b = obj(e.before);
    this.a = obj(e.after);
  }
  unit = (id: unknown): string => this.names.unit?.(str(id)) ?? str(id);
  ind = (id: unknown): string => this.names.indicator?.(str(id)) ?? str(id);
  plan = (id: unknown): string => this.names.plan?.(str(id)) ?? str(id);
  /** 「x」 in Chinese, "x" in English. */
  q = (s: string, lang: Lang): string => (lang === 'zh' ? `「${s}」` : `"${s}"`);
  both = (f: (lang: Lang) => string): W => ({ zh: f('zh'), en: f('en') });
  /** before → after, or what was set when nothing was before. */
  arrow = (before: string, after: string, lang: Lang): string =>
    before && before !== after ? `${before} → ${after}` : after || before || NONE[lang];
}

export function who(e: AuditFacts, lang: Lang): string {
  return e.username ?? (lang === 'zh' ? '系统' : 'The system');
}

export function percentKind(kind: unknown): string {
  return kind === 'growth_pct' || kind === 'avg_growth_pct' ? '%' : '';
}

/** A value's figure and state: 「88.6（待审核）」; the same figure twice says only the state's change. */
export function valueChange(s: Say, lang: Lang): string {
  const fig = (o: Obj | null): string => (o ? `${str(o.bound) === '' ? '' : str(o.bound)}${str(o.value)}${percentKind(o.kind)}` : '');
  const st = (o: Obj | null): string => (o ? word(VALUE_STATUS, o.status, lang) : '');
  const paren = (x: string): string => (lang === 'zh' ? `（${x}）` : ` (${x})`);
  if (s.b && fig(s.b) === fig(s.a)) return `${fig(s.a)}${lang === 'zh' ? '，' : ', '}${s.arrow(st(s.b), st(s.a), lang)}`;
  return s.arrow(s.b ? `${fig(s.b)}${paren(st(s.b))}` : '', s.a ? `${fig(s.a)}${paren(st(s.a))}` : '', lang);
}

export const VALUE_VERB: Record<string, W> = {
  save: { zh: '保存了', en: 'saved' },
  submit: { zh: '提交了', en: 'submitted' },
  approve: { zh: '审核通过了', en: 'approved' },
  return: { zh: '退回了', en: 'returned' },
  unlock: { zh: '解锁了', en: 'unlocked' },
  revise: { zh: '修订了', en: 'revised' },
  returnFromAbove: { zh: '（上级）退回了', en: 'returned (from the higher level)' },
  import: { zh: '导入了', en: 'imported' },
};

export function valueSentence(op: string) {
  return (s: Say): W => {
    const v = s.a ?? s.b ?? {};
    return s.both((l) =>
      l === 'zh'
        ? `${who(s.e, l)}${VALUE_VERB[op]!.zh}${s.q(s.ind(s.e.indicatorId), l)}${str(v.year)}年${word(OBSERVATION_KIND, v.kind ?? 'level', l)}：${valueChange(s, l)}`
        : `${who(s.e, l)} ${VALUE_VERB[op]!.en} the ${str(v.year)} ${word(OBSERVATION_KIND, v.kind ?? 'level', l).toLowerCase()} of ${s.q(s.ind(s.e.indicatorId), l)}: ${valueChange(s, l)}`,
    );
  };
}

/** 「区统计局（牵头）、区发展和改革局（配合）」 */
export function unitsWithRoles(s: Say, list: unknown, lang: Lang): string {
  if (!Array.isArray(list) || !list.length) return NONE[lang];
  return list
    .map((x) => obj(x) ?? {})
    .map((x) =>
      lang === 'zh'
        ? `${s.unit(x.unitId)}（${word(ASSIGNMENT_ROLE, x.role, lang)}）`
        : `${s.unit(x.unitId)} (${word(ASSIGNMENT_ROLE, x.role, lang)})`,
    )
    .join(lang === 'zh' ? '、' : ', ');
}

/** An official verdict as printed (「完成」), in English its English word. */
export function verdictWord(v: unknown, lang: Lang): string {
  if (!str(v)) return NONE[lang];
  if (lang === 'zh') return str(v);
  try {
    return VERDICT[verdictFromWord(str(v))].en;
  } catch {
    return str(v);
  }
}

export const PERIOD = (year: unknown, lang: Lang): string =>
  year === null || year === undefined || year === 0
    ? lang === 'zh'
      ? '规划期'
      : 'plan period'
    : lang === 'zh'
      ? `${str(year)}年`
      : str(year);

export const DRAFT_VERB: Record<string, W> = {
  accept: { zh: '确认了', en: 'accepted' },
  reject: { zh: '驳回了', en: 'rejected' },
  reopen: { zh: '重新打开了', en: 'reopened' },
  edit: { zh: '修改了', en: 'edited' },
  add: { zh: '新增了', en: 'added' },
};
export const ORDER_VERB: Record<string, W> = {
  reply: { zh: '反馈了', en: 'replied to' },
  accept: { zh: '销号了', en: 'closed' },
  return: { zh: '退回了', en: 'returned' },
  extend: { zh: '延期了', en: 'extended' },
};
export const REPORT_VERB: Record<string, W> = {
  save: { zh: '保存了', en: 'saved' },
  submit: { zh: '提交了', en: 'submitted' },
  approve: { zh: '审核通过了', en: 'approved' },
  return: { zh: '退回了', en: 'returned' },
};

/** A project field's value in words: stage and category words, unit names, 「2024年3、2025年5」. */
export function projectFieldValue(s: Say, key: string, v: unknown, lang: Lang): string {
  if (v === null || v === undefined || v === '') return NONE[lang];
  if (key === 'stage') return word(PROJECT_STAGE, v, lang);
  if (key === 'category') return word(PROJECT_CATEGORY, v, lang);
  if (key === 'responsibleUnitId' || key === 'townId') return s.unit(v);
  if (key === 'annualPlan')
    return (
      Object.entries(obj(v) ?? {})
        .map(([y, n]) => (lang === 'zh' ? `${y}年${str(n)}` : `${y}: ${str(n)}`))
        .join(lang === 'zh' ? '、' : ', ') || NONE[lang]
    );
  if (key === 'milestones' && Array.isArray(v))
    return (
      v
        .map((m) => `${str(obj(m)?.name)}${lang === 'zh' ? '（' : ' ('}${str(obj(m)?.due)}${lang === 'zh' ? '）' : ')'}`)
        .join(lang === 'zh' ? '、' : ', ') || NONE[lang]
    );
  if (key === 'requirements') {
    const r = obj(v) ?? {};
    return lang === 'zh'
      ? `用地${str(r.landMu) || '—'}亩，用能${str(r.energyTce) || '—'}吨标煤，资金缺口${str(r.fundingGap) || '—'}亿元，${r.secured ? '已落实' : '未落实'}`
      : `land ${str(r.landMu) || '—'} mu, energy ${str(r.energyTce) || '—'} tce, funding gap ${str(r.fundingGap) || '—'}, ${r.secured ? 'secured' : 'not secured'}`;
  }
  if (Array.isArray(v)) return v.map(str).join(lang === 'zh' ? '、' : ', ') || NONE[lang];
  return str(v);
}

/** What changed in a project: 「项目阶段：前期 → 开工；年度计划投资（亿元）：… → …」. */
export function projectChanges(s: Say, lang: Lang): string {
  const keys = Object.keys(PROJECT_FIELD).filter((k) => JSON.stringify(s.b?.[k] ?? null) !== JSON.stringify(s.a?.[k] ?? null));
  if (!keys.length) return lang === 'zh' ? '未改动' : 'nothing changed';
  return keys
    .map(
      (k) =>
        `${word(PROJECT_FIELD, k, lang)}${lang === 'zh' ? '：' : ': '}${s.arrow(projectFieldValue(s, k, s.b?.[k], lang), projectFieldValue(s, k, s.a?.[k], lang), lang)}`,
    )
    .join(lang === 'zh' ? '；' : '; ');
}

export function userChanges(s: Say, lang: Lang): string {
  const out: string[] = [];
  const sep = lang === 'zh' ? '：' : ': ';
  if (s.b?.role !== s.a?.role)
    out.push(`${lang === 'zh' ? '角色' : 'role'}${sep}${s.arrow(word(ROLE, s.b?.role, lang), word(ROLE, s.a?.role, lang), lang)}`);
  if (s.b?.unitId !== s.a?.unitId)
    out.push(
      `${lang === 'zh' ? '单位' : 'unit'}${sep}${s.arrow(s.b?.unitId ? s.unit(s.b.unitId) : NONE[lang], s.a?.unitId ? s.unit(s.a.unitId) : NONE[lang], lang)}`,
    );
  if (s.b?.active !== s.a?.active) out.push(s.a?.active ? (lang === 'zh' ? '启用' : 'enabled') : lang === 'zh' ? '停用' : 'disabled');
  if (s.a?.passwordChanged) out.push(lang === 'zh' ? '重设了密码' : 'reset the password');
  return out.join(lang === 'zh' ? '；' : '; ') || (lang === 'zh' ? '未改动' : 'nothing changed');
}

export function planLinkBefore(s: Say): Obj | null {
  return Array.isArray(s.e.before) ? obj(s.e.before[0]) : null;
}
export function planLinksText(s: Say, lang: Lang): string {
  const list = Array.isArray(s.e.before) ? s.e.before.map((x) => s.q(s.plan(obj(x)?.plan), lang)) : [];
  return list.join(lang === 'zh' ? '、' : ', ');
}
export function linkText(s: Say, l: Obj | null, lang: Lang): string {
  if (!l) return '';
  const other = `${s.q(s.plan(l.otherPlanId), lang)}${lang === 'zh' ? '的指标' : ' indicator '}${str(l.otherIndicatorId)}`;
  return l.sameScope === false ? `${other}${lang === 'zh' ? '（口径不同）' : ' (other scope)'}` : other;
}
