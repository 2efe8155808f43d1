/** Small helpers shared by the project pages: the month to judge against, money, names of units. */
import { fmtNum } from './format';
import { DICT, fill } from './i18n';
import type { PlanSummary, Unit } from './types';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(s: string | null | undefined): s is string {
  return !!s && MONTH.test(s);
}

/** This month in the browser's time zone, as YYYY-MM. */
export function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The month a page judges against: the URL's, else this month kept inside the plan's period. */
export function asOfMonth(fromUrl: string | null, plan: Pick<PlanSummary, 'baseYear' | 'targetYear'> | undefined): string {
  if (isMonth(fromUrl)) return fromUrl;
  const now = thisMonth();
  if (!plan) return now;
  const first = `${plan.baseYear + 1}-01`;
  const last = `${plan.targetYear}-12`;
  return now < first ? first : now > last ? last : now;
}

/** The last month a page offers: this month, or the end of the plan's period if that is later. */
export function latestMonth(plan: Pick<PlanSummary, 'targetYear'> | undefined): string {
  const now = thisMonth();
  const end = plan ? `${plan.targetYear}-12` : now;
  return now > end ? now : end;
}

/** 亿元 (100 million yuan), the unit every project figure is in. */
export function money(v: number | null | undefined, lang: 'zh' | 'en'): string {
  if (v === null || v === undefined) return '—';
  return fill(DICT[lang].moneyOf, { v: fmtNum(v, lang) });
}

export function unitNamer(units: Unit[] | undefined): (id: string | null | undefined) => string {
  const byId = new Map((units ?? []).map((u) => [u.id, u.name]));
  return (id) => (id ? (byId.get(id) ?? id) : '—');
}

/** Towns, streets and platforms (where a project is) and departments (who is responsible). */
export function townsOf(units: Unit[] | undefined): Unit[] {
  return (units ?? []).filter((u) => u.kind === 'town' || u.kind === 'street' || u.kind === 'platform');
}

export function departmentsOf(units: Unit[] | undefined): Unit[] {
  return (units ?? []).filter((u) => u.kind === 'department');
}

/** Behind the time share: how strongly to colour 「投资完成率…」. */
export function behindLevel(gapPoints: number | null, behindPoints = 10): 'none' | 'behind' | 'warning' {
  if (gapPoints === null || gapPoints > -0.05) return 'none';
  return gapPoints <= -behindPoints ? 'warning' : 'behind';
}

export const BEHIND_COLOR = { none: undefined, behind: '#d46b08', warning: '#cf1322' } as const;
