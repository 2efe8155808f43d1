/** 审核队列: submitted values with their source, scope and flags; approve, or return with a reason. */
import { useState, type ReactNode } from 'react';
import { Alert, Card, Empty, Space, Table, Tag, Tooltip } from 'antd';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle, ScopeTag, SourceLink } from '../../components/common';
import { ReturnDialog, ReviewButtons, useReview } from '../../components/Review';
import { fmtNum, fmtTime } from '../../format';
import { useLang, useT, word } from '../../i18n';
import { Link } from '../../router';
import { OBSERVATION_KIND } from '../../../../src/core/labels';
import { useTargets } from '../../targets';
import type { Unit, ValueRecord } from '../../types';

export default function ReviewQueue({ params }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const plan = params.plan!;
  const queue = useApi<ValueRecord[]>(`/api/v1/plans/${enc(plan)}/review-queue`);
  const targets = useTargets(plan);
  const units = useApi<Unit[]>('/api/v1/units');
  const [returning, setReturning] = useState<ValueRecord | null>(null);
  const review = useReview((id) => `/api/v1/values/${enc(id)}`, queue.reload);

  if (queue.error && !queue.data) return <ErrorView error={queue.error} retry={queue.reload} />;
  if (!queue.data) return <Loading />;
  const name = (id: string): string => targets.get(id)?.name ?? id;
  const unitOf = (id: string): string => targets.get(id)?.unit ?? '';
  const unitName = (id: string | null): string => (id ? (units.data?.find((u) => u.id === id)?.name ?? id) : '—');

  return (
    <div data-testid="review-queue">
      <PageTitle>
        {t('reviewTitle')}（{queue.data.length}）
      </PageTitle>
      {review.error && <Alert type="error" showIcon message={review.error} style={{ marginBottom: 12 }} data-testid="review-error" />}
      <Card size="small">
        {queue.data.length === 0 ? (
          <Empty description={t('nothingToReview')} />
        ) : (
          <Table<ValueRecord>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 1200 }}
            dataSource={queue.data}
            columns={[
              {
                title: t('indicator'),
                key: 'ind',
                width: 220,
                render: (_, v) => (
                  <Link to={`/plans/${plan}/indicators/${enc(v.indicatorId)}?year=${v.year}`}>
                    {targets.label(v.indicatorId)}
                    {targets.get(v.indicatorId)?.task && (
                      <Tag color="blue" style={{ marginLeft: 6 }}>
                        {t('nav_tasks')}
                      </Tag>
                    )}
                  </Link>
                ),
              },
              { title: t('year'), dataIndex: 'year', width: 64 },
              { title: t('kind'), dataIndex: 'kind', width: 100, render: (k: string) => word(OBSERVATION_KIND, k, lang) },
              {
                title: t('value'),
                key: 'value',
                width: 120,
                align: 'right',
                render: (_, v) => (
                  <strong data-testid={`review-value-${v.id}`}>
                    {fmtNum(v.value, lang)} {v.unit ?? unitOf(v.indicatorId)}
                  </strong>
                ),
              },
              { title: t('scope'), key: 'scope', width: 110, render: (_, v) => (v.scope ? <ScopeTag scope={v.scope} /> : '—') },
              { title: t('source'), key: 'source', width: 220, render: (_, v) => (v.source ? <SourceLink source={v.source} /> : '—') },
              {
                title: t('flags'),
                key: 'flags',
                width: 220,
                render: (_, v) =>
                  v.flags.length ? (
                    <Space direction="vertical" size={2}>
                      {v.flags.map((f, i) => (
                        <Tooltip key={i} title={f.message}>
                          <Tag color={f.severity === 'error' ? 'red' : 'orange'} style={{ whiteSpace: 'normal' }}>
                            {f.message}
                          </Tag>
                        </Tooltip>
                      ))}
                      {v.explanation && (
                        <span className="pw-subtitle">
                          {t('explanationLabel')}：{v.explanation}
                        </span>
                      )}
                    </Space>
                  ) : (
                    '—'
                  ),
              },
              {
                title: t('submittedBy'),
                key: 'by',
                width: 170,
                render: (_, v) => (
                  <span>
                    {v.submittedBy ?? '—'}（{unitName(v.reporterUnitId)}）<div className="pw-subtitle">{fmtTime(v.submittedAt)}</div>
                  </span>
                ),
              },
              {
                title: '',
                key: 'actions',
                width: 190,
                fixed: 'right',
                render: (_, v) => (
                  <ReviewButtons id={v.id} testId={`${v.indicatorId}-${v.year}`} review={review} onReturn={() => setReturning(v)} />
                ),
              },
            ]}
          />
        )}
      </Card>
      <ReturnDialog
        id={returning?.id ?? null}
        title={returning ? `${t('return')}：${name(returning.indicatorId)}（${returning.year}）` : ''}
        review={review}
        onClose={() => setReturning(null)}
      />
    </div>
  );
}
