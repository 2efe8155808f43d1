/** Parts of value-entry/index.tsx: TargetInfo, ExistingValue. */
import { type ReactNode } from 'react';
import { Alert, Tag } from 'antd';
import { enc } from '../../api';
import { targetText } from '../../format';
import { fill, useLang, useT, word } from '../../i18n';
import { Link } from '../../router';
import { OBSERVATION_KIND, VALUE_STATUS } from '../../../../src/core/labels';
import { VALUE_STATUS_COLOUR } from '../../status';
import { type Target } from '../../targets';
import type { ValueRecord } from '../../types';

/** The unit, base and target of what is being reported; for a target over the period, what to enter. */
export function TargetInfo({ plan, x, baseYear }: { plan: string; x: Target; baseYear: number | undefined }): ReactNode {
  const t = useT();
  const i = x.indicator;
  return (
    <div className="pw-subtitle" style={{ marginTop: -12, marginBottom: 12 }} data-testid="entry-indicator-info">
      {x.task && <Tag color="blue">{t('nav_tasks')}</Tag>}
      {t('unit')}：{x.unit || '—'}
      {i && (
        <>
          {' '}
          · {t('baseValue')}：{i.baseWritten ?? i.base ?? '—'}
          {i.baseScope ? `（${t('scope')}：${i.baseScope}）` : ''}
        </>
      )}{' '}
      · {t('target')}：{targetText(x.target, x.unit)} ·{' '}
      <Link to={`/plans/${plan}/indicators/${enc(x.id)}`}>{x.task ? t('viewTask') : t('viewIndicator')}</Link>
      {x.targetKind === 'cumulative' && (
        <div data-testid="entry-cumulative-hint">{fill(t('cumulativeHint'), { from: (baseYear ?? 2020) + 1 })}</div>
      )}
    </div>
  );
}

export function ExistingValue({ v }: { v: ValueRecord }): ReactNode {
  const t = useT();
  const lang = useLang();
  return (
    <div>
      <Tag color={VALUE_STATUS_COLOUR[v.status]} data-testid="entry-status-tag" data-status={v.status}>
        {word(VALUE_STATUS, v.status, lang)}
      </Tag>
      {v.year} · {word(OBSERVATION_KIND, v.kind, lang)} · {v.value}
      {v.returnReason && <Alert style={{ marginTop: 8 }} type="warning" showIcon message={`${t('reason')}：${v.returnReason}`} />}
      {v.status === 'approved' && (
        <div className="pw-subtitle" style={{ marginTop: 6 }}>
          {t('approvedLocked')}
        </div>
      )}
    </div>
  );
}
