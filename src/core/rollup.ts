/**
 * The roll-up of a parent plan: its child plans (rows) × its indicators (columns). Each cell is the
 * child's own indicator linked to the parent's as its counterpart, with the child's status, latest
 * approved value and its source — the value the child reported once, never typed again. Sums are
 * given only where the indicator adds up and every child counts on the parent's 口径, and they are
 * labelled as sums of the children, never as the parent's official figure. Where a child's target
 * asks less than the parent's, the cell says so (衔接).
 */
import { alignTargets, isAdditive, type Alignment } from './alignment.js';
import type { IndicatorResult } from './evaluate.js';
import type { Indicator, Observation, Plan, Source } from './model.js';

/** A child's value as the roll-up needs it: any status, so the higher level sees what is pending. */
export interface RollupValue {
  id: string;
  indicatorId: string;
  year: number;
  kind: string;
  value: number;
  scope: string | null;
  source: Source | null;
  status: string;
  returnReason: string | null;
}

export interface RollupChild {
  plan: Plan;
  results: readonly IndicatorResult[];
  /** Approved observations the child was evaluated on. */
  observations: readonly Observation[];
  /** Every value of the child (any status); empty when the reader may not see pending values. */
  values: readonly RollupValue[];
  /** parent indicator id → the child's counterpart indicator and whether it counts on the same 口径. */
  links: ReadonlyMap<string, { indicatorId: string; sameScope: boolean }>;
}

export interface RollupCell {
  indicatorId: string;
  name: string;
  target: string;
  status?: string;
  statusLabel?: string;
  warning: boolean;
  value: { value: number; year: number; kind: string; scope: string | null; source: Source | null } | null;
  /** The latest value reported for the indicator, whatever its status (approved, submitted, returned, draft). */
  latest: { id: string; year: number; status: string; value: number; returnReason: string | null } | null;
  scopeMatch: boolean;
  scopeNote?: string;
  alignment: Alignment;
}

export interface RollupColumn {
  indicatorId: string;
  no: number;
  name: string;
  unit: string;
  attribute?: string;
  target: string;
  additive: boolean;
  /** Children whose cell lags (滞后 / 严重滞后). */
  lagging: number;
  weaker: number;
  sum: { value: number; year: number; label: string } | null;
  /** Why no sum is given. */
  sumRefused: string | null;
}

export interface RollupRow {
  planId: string;
  title: string;
  demo: boolean;
  lagging: number;
  laggingBinding: number;
  cells: Record<string, RollupCell | null>;
}

export interface Rollup {
  parentId: string;
  parentTitle: string;
  year: number;
  demo: boolean;
  columns: RollupColumn[];
  rows: RollupRow[];
}

export const SUM_LABEL = '各下级合计（非上级官方数据）';
const LAGGING = new Set(['lagging', 'seriouslyLagging']);

/** One child read once: its results, latest approved value and latest value of any status, by indicator. */
interface ChildIndex {
  results: Map<string, IndicatorResult>;
  approved: Map<string, Observation>;
  latest: Map<string, RollupValue>;
}

function indexChild(child: RollupChild, year: number): ChildIndex {
  const approved = new Map<string, Observation>();
  for (const o of child.observations) {
    if (o.year > year) continue;
    const best = approved.get(o.indicatorId);
    // The level itself before any derived kind of the same year.
    if (!best || o.year > best.year || (o.year === best.year && o.kind === 'level' && best.kind !== 'level'))
      approved.set(o.indicatorId, o);
  }
  const latest = new Map<string, RollupValue>();
  for (const v of child.values) {
    const best = latest.get(v.indicatorId);
    if (!best || v.year > best.year) latest.set(v.indicatorId, v);
  }
  return { results: new Map(child.results.map((r) => [r.indicatorId, r])), approved, latest };
}

function cellOf(parent: Plan, parentInd: Indicator, child: RollupChild, ix: ChildIndex, byId: Map<string, Indicator>): RollupCell | null {
  const link = child.links.get(parentInd.id);
  if (!link) return null;
  const ind = byId.get(link.indicatorId);
  const r = ix.results.get(link.indicatorId);
  if (!ind || !r) return null;
  const o = ix.approved.get(ind.id);
  const parentScope = parentInd.baseScope ?? '';
  const scope = o?.scope ?? ind.baseScope ?? '';
  const scopeMatch = link.sameScope && scope === parentScope;
  const scopeNote = !link.sameScope
    ? '与上级指标口径不同（关联时注明）'
    : scope !== parentScope
      ? `口径「${scope || '未注明'}」与上级「${parentScope || '未注明'}」不同`
      : undefined;
  const latest = ix.latest.get(ind.id);
  return {
    indicatorId: ind.id,
    name: ind.name,
    target: r.targetWritten,
    ...(r.status ? { status: r.status, statusLabel: r.statusLabel } : {}),
    ...(r.verdict && !r.status ? { status: r.verdict, statusLabel: r.shownLabel } : {}),
    warning: r.warning,
    value: o ? { value: o.value, year: o.year, kind: o.kind, scope: o.scope ?? null, source: o.source ?? null } : null,
    latest: latest
      ? { id: latest.id, year: latest.year, status: latest.status, value: latest.value, returnReason: latest.returnReason }
      : null,
    scopeMatch,
    ...(scopeNote ? { scopeNote } : {}),
    alignment: alignTargets(
      { indicator: ind, written: r.targetWritten, name: child.plan.meta.region },
      { indicator: parentInd, name: parent.meta.region },
    ),
  };
}

function sumOf(col: Indicator, cells: (RollupCell | null)[]): { sum: RollupColumn['sum']; refused: string | null } {
  if (!isAdditive(col)) return { sum: null, refused: '非总量指标，不加总' };
  if (!cells.length) return { sum: null, refused: '无下级规划' };
  if (cells.some((c) => !c)) return { sum: null, refused: '部分下级规划无对应指标' };
  if (cells.some((c) => !c!.value)) return { sum: null, refused: '部分下级尚无已审核数值' };
  const bad = cells.find((c) => !c!.scopeMatch);
  if (bad) return { sum: null, refused: `口径不一致，不加总：${bad.scopeNote}` };
  const years = new Set(cells.map((c) => c!.value!.year));
  if (years.size > 1) return { sum: null, refused: `下级数值年份不一（${[...years].sort().join('、')}），不加总` };
  if (new Set(cells.map((c) => c!.value!.kind)).size > 1) return { sum: null, refused: '下级数值类型不一，不加总' };
  const value = Math.round(cells.reduce((s, c) => s + c!.value!.value, 0) * 1e6) / 1e6;
  return { sum: { value, year: [...years][0]!, label: SUM_LABEL }, refused: null };
}

/** The matrix; columns and rows with lagging binding indicators first, then in the plan's order. */
export function rollUp(parent: Plan, children: readonly RollupChild[], year: number): Rollup {
  const rows: RollupRow[] = children.map((child) => {
    const cells: Record<string, RollupCell | null> = {};
    let lagging = 0;
    let laggingBinding = 0;
    const ix = indexChild(child, year);
    const byId = new Map(child.plan.indicators.map((i) => [i.id, i]));
    for (const ind of parent.indicators) {
      const cell = cellOf(parent, ind, child, ix, byId);
      cells[ind.id] = cell;
      if (cell?.status && LAGGING.has(cell.status)) {
        lagging++;
        if (ind.attribute === '约束性') laggingBinding++;
      }
    }
    return {
      planId: child.plan.meta.id,
      title: child.plan.meta.region,
      demo: child.plan.meta.demo === true,
      lagging,
      laggingBinding,
      cells,
    };
  });
  const columns: RollupColumn[] = parent.indicators.map((ind) => {
    const cells = rows.map((r) => r.cells[ind.id] ?? null);
    const { sum, refused } = sumOf(ind, cells);
    return {
      indicatorId: ind.id,
      no: ind.no,
      name: ind.name,
      unit: ind.unit,
      ...(ind.attribute ? { attribute: ind.attribute } : {}),
      target: ind.target ?? ind.growthTarget ?? '',
      additive: isAdditive(ind),
      lagging: cells.filter((c) => c?.status && LAGGING.has(c.status)).length,
      weaker: cells.filter((c) => c?.alignment.state === 'weaker').length,
      sum,
      sumRefused: refused,
    };
  });
  const bindingLag = (c: RollupColumn): number => (c.attribute === '约束性' ? c.lagging : 0);
  columns.sort((a, b) => bindingLag(b) - bindingLag(a) || b.lagging - a.lagging || a.no - b.no);
  rows.sort((a, b) => b.laggingBinding - a.laggingBinding || b.lagging - a.lagging || a.planId.localeCompare(b.planId));
  return {
    parentId: parent.meta.id,
    parentTitle: parent.meta.title,
    year,
    demo: parent.meta.demo === true || rows.some((r) => r.demo),
    columns,
    rows,
  };
}
