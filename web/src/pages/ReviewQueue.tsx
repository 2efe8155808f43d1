/** 审核队列: submitted values with their source, scope and flags; approve, or return with a reason. */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Empty, Input, Modal, Space, Table, Tag, Tooltip } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import type { PageProps } from '../App';
import { apiSend, enc, useApi } from '../api';
import { ErrorView, Loading, PageTitle, ScopeTag, SourceLink } from '../components/common';
import { fmtNum, fmtTime } from '../format';
import { useLang, useT } from '../i18n';
import { Link } from '../router';
import { KIND, bi } from '../status';
import { useTargets } from '../targets';
import type { Unit, ValueRecord } from '../types';

export default function ReviewQueue({ params }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const plan = params.plan!;
  const queue = useApi<ValueRecord[]>(`/api/v1/plans/${enc(plan)}/review-queue`);
  const targets = useTargets(plan);
  const units = useApi<Unit[]>('/api/v1/units');
  const [returning, setReturning] = useState<ValueRecord | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const act = async (v: ValueRecord, action: 'approve' | 'return', why?: string): Promise<boolean> => {
    setBusy(v.id);
    setError(null);
    try {
      await apiSend('POST', `/api/v1/values/${enc(v.id)}/${action}`, why ? { reason: why } : {});
      void message.success(action === 'approve' ? t('approved') : t('returnedOk'));
      queue.reload();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(null);
    }
  };

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
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="review-error" />}
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
              { title: t('kind'), dataIndex: 'kind', width: 100, render: (k: string) => bi(KIND[k], lang, k) },
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
                          <Tag color={f.severity === 'error' ? 'red' : 'orange'}>{f.code}</Tag>
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
                  <Space>
                    <Button
                      type="primary"
                      size="small"
                      icon={<CheckOutlined />}
                      loading={busy === v.id}
                      onClick={() => void act(v, 'approve')}
                      data-testid={`approve-${v.indicatorId}-${v.year}`}
                    >
                      {t('approve')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      icon={<RollbackOutlined />}
                      onClick={() => {
                        setReturning(v);
                        setReason('');
                        setReasonError(false);
                      }}
                      data-testid={`return-${v.indicatorId}-${v.year}`}
                    >
                      {t('return')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Modal
        open={!!returning}
        title={returning ? `${t('return')}：${name(returning.indicatorId)}（${returning.year}）` : ''}
        okText={t('return')}
        cancelText={t('cancel')}
        okButtonProps={{ danger: true, loading: !!busy }}
        onCancel={() => setReturning(null)}
        onOk={() => {
          if (!reason.trim()) {
            setReasonError(true);
            return;
          }
          void act(returning!, 'return', reason.trim()).then((ok) => ok && setReturning(null));
        }}
      >
        <label htmlFor="return-reason">{t('returnReason')}</label>
        <Input.TextArea
          id="return-reason"
          value={reason}
          status={reasonError ? 'error' : undefined}
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim()) setReasonError(false);
          }}
          autoSize={{ minRows: 3 }}
        />
        {reasonError && <div style={{ color: '#cf1322', marginTop: 4 }}>{t('reasonNeeded')}</div>}
      </Modal>
    </div>
  );
}
