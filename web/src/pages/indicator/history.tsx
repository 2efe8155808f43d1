/** Parts of indicator/index.tsx: ValuesTable, AuditTrail. */
import { type ReactNode } from 'react';
import { Empty, Table, Tag, Timeline } from 'antd';
import { SourceLink } from '../../components/common';
import { fmtNum, fmtTime } from '../../format';
import { DICT, useLang, useT, word, type Lang } from '../../i18n';
import { ASSIGNMENT_ROLE, AUDIT_ACTION, OBSERVATION_KIND, VALUE_STATUS } from '../../../../src/core/labels';
import { VALUE_STATUS_COLOUR } from '../../status';
import type { AuditEntry, ValueRecord } from '../../types';

export function ValuesTable({ values, unit }: { values: ValueRecord[]; unit: string }): ReactNode {
  const t = useT();
  const lang = useLang();
  if (!values.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} data-testid="no-values" />;
  return (
    <Table<ValueRecord>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 900 }}
      dataSource={values}
      data-testid="values-table"
      columns={[
        { title: t('year'), dataIndex: 'year', width: 70 },
        { title: t('kind'), dataIndex: 'kind', width: 110, render: (k: string) => word(OBSERVATION_KIND, k, lang) },
        {
          title: t('value'),
          key: 'value',
          width: 120,
          align: 'right',
          render: (_, v) => (
            <span data-testid={`value-${v.year}-${v.kind}`}>
              {v.written ?? fmtNum(v.value, lang)}
              {v.kind === 'growth_pct' || v.kind === 'avg_growth_pct' ? '%' : v.unit && v.unit !== unit ? ` ${v.unit}` : ''}
            </span>
          ),
        },
        { title: t('scope'), dataIndex: 'scope', width: 110, render: (s: string | null) => s ?? '—' },
        {
          title: t('source'),
          key: 'source',
          width: 260,
          render: (_, v) => (v.source ? <SourceLink source={v.source} /> : '—'),
        },
        {
          title: t('workflow'),
          key: 'status',
          width: 100,
          render: (_, v) => <Tag color={VALUE_STATUS_COLOUR[v.status]}>{word(VALUE_STATUS, v.status, lang)}</Tag>,
        },
        {
          title: t('reviewer'),
          key: 'reviewer',
          width: 150,
          render: (_, v) => (v.reviewedBy ? `${v.reviewedBy} ${fmtTime(v.reviewedAt)}` : '—'),
        },
        {
          title: t('note'),
          key: 'note',
          render: (_, v) =>
            [v.note, v.explanation && `${t('explanationLabel')}：${v.explanation}`, v.returnReason && `${t('reason')}：${v.returnReason}`]
              .filter(Boolean)
              .join('；') || '—',
        },
      ]}
    />
  );
}

/**
 * What an audit entry's before or after held, in words a person reads: a value as 「2023年 88.5
 * 已审核」, units as 「统计局（牵头）」, a verdict or yearly target by its word; never raw JSON or codes.
 */
export function auditText(x: unknown, lang: Lang, unitName: (id: string) => string): string {
  if (x === null || x === undefined) return '';
  if (Array.isArray(x)) return x.map((e) => auditText(e, lang, unitName)).join(DICT[lang].listSep);
  if (typeof x !== 'object') return String(x);
  const o = x as Record<string, unknown>;
  if (typeof o.unitId === 'string') {
    const role = typeof o.role === 'string' ? word(ASSIGNMENT_ROLE, o.role, lang) : '';
    return `${unitName(o.unitId)}${role ? `（${role}）` : ''}`;
  }
  const parts: string[] = [];
  if ('year' in o) parts.push(`${String(o.year)}${DICT[lang].yearSuffix}`);
  if ('kind' in o && typeof o.kind === 'string') parts.push(word(OBSERVATION_KIND, o.kind, lang));
  if ('value' in o) parts.push(String(o.value));
  if ('target' in o) parts.push(String(o.target));
  if ('verdict' in o) parts.push(String(o.verdict));
  if ('status' in o && typeof o.status === 'string') parts.push(word(VALUE_STATUS, o.status, lang));
  if (parts.length) return parts.join(' ');
  // Anything else: its plain fields' values, without the keys or braces of its stored form.
  return Object.values(o)
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .join(' · ')
    .slice(0, 120);
}

export function AuditTrail({ audit, unitName }: { audit: AuditEntry[]; unitName: (id: string) => string }): ReactNode {
  const t = useT();
  const lang = useLang();
  if (!audit.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />;
  return (
    <Timeline
      items={audit.map((a) => ({
        key: a.seq,
        children: (
          <div>
            <strong data-action={a.action}>{word(AUDIT_ACTION, a.action, lang)}</strong> · {a.username ?? t('systemUser')} ·{' '}
            <span className="pw-subtitle">{fmtTime(a.at)}</span>
            <div className="pw-subtitle">
              {a.before ? `${auditText(a.before, lang, unitName)} → ` : ''}
              {auditText(a.after, lang, unitName)}
              {a.reason ? ` · ${t('reason')}：${a.reason}` : ''}
            </div>
          </div>
        ),
      }))}
    />
  );
}
