/**
 * An evaluation result's figures in a table cell: the latest progress (the latest level, the average
 * growth, or the sum over the period for a cumulative target 「[1847]」) with its sources, and the
 * completion against the target, and the plan's target as written. Shared by the indicator table,
 * the task-target table and the yearly plan.
 */
import type { ReactNode } from 'react';
import { Tag, Tooltip } from 'antd';
import { fmtNum, fmtPct, fmtShare, targetText, withUnit, yearSpan } from '../format';
import { useLang, useT } from '../i18n';
import type { IndicatorResult } from '../types';
import { SourcePopover } from './common';

/**
 * The latest progress of a result. `unit`: name the unit in the cell (a table without a unit
 * column); otherwise only 「%」 is shown, as in table 2-1.
 */
export function LatestCell({ r, unit = false }: { r: IndicatorResult; unit?: boolean }): ReactNode {
  const lang = useLang();
  const t = useT();
  const f = r.figures;
  const u = unit || r.unit === '%' ? r.unit : '';
  const latest = f.latest;
  if (f.cumulativeSum !== undefined) {
    const until = f.dataYear ?? r.year;
    const obs = r.observations.filter((o) => o.year > f.baseYear && o.year <= until);
    return (
      <SourcePopover observations={obs}>
        {t('cumulative')} {withUnit(f.cumulativeSum, u, lang)}（{yearSpan(f.baseYear + 1, until)}）
      </SourcePopover>
    );
  }
  if (latest) {
    const obs = r.observations.filter((o) => o.year === latest.year);
    return (
      <SourcePopover observations={obs}>
        {withUnit(latest.value, u, lang)}（{latest.year}）
        {latest.method === 'chained' && (
          <Tag color="orange" style={{ marginLeft: 4, marginRight: 0 }}>
            {t('estimated')}
          </Tag>
        )}
      </SourcePopover>
    );
  }
  if (f.realisedGrowthPct !== undefined) {
    const until = r.observations.length ? Math.max(...r.observations.map((o) => o.year)) : r.year;
    const obs = r.observations.filter((o) => o.year === until);
    return (
      <SourcePopover observations={obs}>
        {t('avgShort')} {fmtPct(f.realisedGrowthPct)}（{until}）
      </SourcePopover>
    );
  }
  if (r.observations.length) {
    const last = r.observations.reduce((a, b) => (b.year > a.year ? b : a));
    const obs = r.observations.filter((o) => o.year === last.year);
    return (
      <SourcePopover observations={obs}>
        {fmtNum(last.value, lang)}
        {last.kind === 'growth_pct' || last.kind === 'avg_growth_pct' ? '%' : ''}（{last.year}）
      </SourcePopover>
    );
  }
  return <span style={{ color: '#999' }}>—</span>;
}

export function CompletionCell({ r }: { r: IndicatorResult }): ReactNode {
  const f = r.figures;
  if (f.completion !== undefined) return <>{fmtShare(f.completion)}</>;
  if (f.growthRatio !== undefined)
    return (
      <Tooltip title={`q = ${fmtPct(f.realisedGrowthPct)} / ${fmtPct(f.targetGrowthPct)}`}>
        <span tabIndex={0} className="pw-has-source">
          {fmtShare(f.growthRatio)}
        </span>
      </Tooltip>
    );
  return <>—</>;
}

/** For sorting by completion: the completion, else the growth ratio, else last. */
export function completionOf(r: IndicatorResult): number {
  return r.figures.completion ?? r.figures.growthRatio ?? -99;
}

/**
 * The plan's target as written, with its unit (「93%以上」), the 年均增长 target of a row that has
 * one beside it, and 「期内累计」 under an amount over the period.
 */
export function TargetCell({ r }: { r: IndicatorResult }): ReactNode {
  const t = useT();
  return (
    <span>
      {targetText(r.targetWritten || undefined, r.unit)}
      {r.growthTargetWritten ? (
        <div className="pw-subtitle">
          {t('avgGrowthShort')} {r.growthTargetWritten}
        </div>
      ) : null}
      {r.targetKind === 'cumulative' && <div className="pw-subtitle">{t('overPeriod')}</div>}
    </span>
  );
}
