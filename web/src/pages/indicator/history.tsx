/** Parts of indicator/index.tsx: ValuesTable, AuditTrail. */
import { type ReactNode } from 'react';
import { Empty, Table, Tag, Timeline } from 'antd';
import { SourceLink } from '../../components/common';
import { fmtNum, fmtTime } from '../../format';
import { auditReason, auditSentence, type AuditNames } from '../../../../src/core/audit-words';
import { useLang, useT, word } from '../../i18n';
import { OBSERVATION_KIND, VALUE_STATUS } from '../../../../src/core/labels';
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

/** The indicator's audit trail, each entry a sentence in words (src/core/audit-words.ts). */
export function AuditTrail({ audit, names }: { audit: AuditEntry[]; names: AuditNames }): ReactNode {
  const t = useT();
  const lang = useLang();
  if (!audit.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />;
  return (
    <Timeline
      items={audit.map((a) => ({
        key: a.seq,
        children: (
          <div data-testid="audit-entry" data-action={a.action}>
            {auditSentence(a, names, lang)}
            {auditReason(a, lang)}
            <div className="pw-subtitle">{fmtTime(a.at)}</div>
          </div>
        ),
      }))}
    />
  );
}
