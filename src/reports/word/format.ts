/**
 * Numbers and phrases of the Word reports. Pure functions: every sentence of a report is built
 * from an indicator result's figures through these, so the arithmetic a reader sees is the
 * engine's arithmetic, rounded once, here.
 */
import { withUnit, type IndicatorResult } from '../../core/evaluate.js';
export { countsText, countWord, orderedCounts, STATUS_ORDER, VERDICT_ORDER } from '../../core/labels.js';
import { isRateUnit } from '../../core/notation.js';
import { sourceText } from '../../core/sources.js';
import type { Plan } from '../../core/model.js';

/** A value as a report prints it: two decimals at most, four significant digits below 1, no trailing zeros. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  const s = a !== 0 && a < 1 ? v.toPrecision(3) : v.toFixed(2);
  const out = String(Number(s));
  return out === '-0' ? '0' : out;
}

/** A number as given (a plan's base, a published value): up to four decimals, nothing rounded away that was printed. */
export function raw(v: number): string {
  return String(Number(v.toFixed(4)));
}

/** A share (0.95) as a percentage with one decimal: 「95.0%」. */
export function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** Percentage points between two shares, one decimal. */
export function points(a: number, b: number): string {
  return `${Math.abs((a - b) * 100).toFixed(1)}个百分点`;
}

/** 「%」 units are rates: their changes are percentage points. */
export function changeUnit(unit: string): string {
  return isRateUnit(unit) ? '个百分点' : unit;
}

/** A value with its unit: 「690.16亿元」, 「72.19%」, 「1.5」 (no unit). */
export function withU(v: number, unit: string): string {
  return `${fmt(v)}${unit}`;
}

/** A target as written, read for people: 「[500]」 is 「期内累计500名」, 「13, 力争15」 is 「13万元，力争15万元」. */
export function targetText(written: string | undefined, unit: string): string {
  if (!written) return '—';
  const w = written.trim();
  const cum = w.match(/^\[(.+)\]$/);
  if (cum) return `期内累计${withUnit(cum[1]!, unit)}`;
  const cumChange = w.match(/^(.+?)\(累计\)$/);
  if (cumChange) return `期内累计${cumChange[1]}${changeUnit(unit)}`;
  const stretch = w.match(/^(.+?)[,，]\s*力争(.+)$/);
  if (stretch) return `${withUnit(stretch[1]!, unit)}，力争${withUnit(stretch[2]!, unit)}`;
  if (/^[\d.]+(以上|以下|左右)?$/.test(w)) return withUnit(w, unit);
  return w;
}

/** The ordinal of a five-year plan from its title (「第十四个五年规划」), else from its target year. */
export function planOrdinal(plan: Plan): string {
  const m = plan.meta.title.match(/第([一二三四五六七八九十]+)个五年/);
  if (m) return m[1]!;
  const n = Math.round((plan.meta.targetYear - 2025) / 5) + 14;
  const digits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n <= 0 || n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  return (tens > 1 ? digits[tens]! : '') + (tens > 0 ? '十' : '') + digits[n % 10]!;
}

/** 「（一）」「（二）」…: level-2 heading numbers. */
export function cnIndex(i: number): string {
  const digits = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  const n = i + 1;
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
}

export function cnDate(d: Date): string {
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** 「2026-06-15」 as a report writes it: 「2026年6月15日」. */
export function cnDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * Whether a sub-row's name needs its group to be understood: 「PM2.5浓度」 under 「空气质量」 does,
 * 「氨氮排放量减少」 under 「主要污染物排放量减少」 does not (it ends as its group ends).
 */
export function needsGroup(name: string, group?: string): group is string {
  return !!group && !name.includes(group) && !name.includes(group.slice(-2));
}

/** Shown name: a sub-row keeps its group when its name alone may not say it (「空气质量（PM2.5浓度）」). */
export function displayName(r: Pick<IndicatorResult, 'name' | 'group'>): string {
  return needsGroup(r.name, r.group) ? `${r.group}（${r.name}）` : r.name;
}

export function joinCn(items: string[]): string {
  return items.join('、');
}

/** The word a result is counted under: status during the period, computed verdict at its end. */
export function computedLabel(r: IndicatorResult): string {
  if (r.mode === 'final') return (r.verdictLabel ?? '') + (r.exceeded ? '（超额）' : '');
  return r.statusLabel ?? '';
}

/** The sources of the values a result used, deduplicated. */
export function sourcesOf(r: IndicatorResult): string[] {
  return [...new Set(r.observations.map((o) => (o.source ? sourceText(o.source) : '')).filter((t) => t !== ''))];
}

/** Statistical scope (口径) notes: the base's scope and any value on another. */
export function scopesOf(r: IndicatorResult, baseScope?: string): string[] {
  const out = new Set<string>();
  if (baseScope) out.add(`基期口径为${baseScope}`);
  for (const o of r.observations) if (o.scope && o.scope !== baseScope) out.add(`${o.year}年数据为${o.scope}`);
  return [...out];
}
