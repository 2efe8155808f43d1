/**
 * 下级汇总: the roll-up of a parent plan's child plans (rows) × its indicators (columns), each cell
 * the child's status, latest approved value and source as the child reported it. Lagging binding
 * indicators lead (the server orders them); filters (lagging, weaker targets, binding) are kept in
 * the URL. Sums appear only where the server gives one, labelled as the children's sum; a weaker
 * target (衔接) and another 口径 are marked in the cell. Admins and leaders see each value's approval
 * state; an admin returns a value with a reason. Demo matrices say 示例数据 above everything.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Checkbox, Empty, Input, Modal, Popover, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { patchQuery } from '../../router';
import { useAction } from '../../action';
import { apiSend, enc, useApi } from '../../api';
import { download } from '../../download';
import { ErrorView, Loading, PageTitle, StatusTag } from '../../components/common';
import { besideWord, useLang, useT } from '../../i18n';
import { ATTRIBUTE } from '../../../../src/core/labels';
import { can, useSession } from '../../session';
import type { Rollup, RollupCell } from '../../types';
import { Relations } from './relations';

type Row = Rollup['rows'][number];

function Cell({ cell, onReturn }: { cell: RollupCell | null; onReturn?: (id: string) => void }): ReactNode {
  const t = useT();
  if (!cell) return <span className="pw-muted">{t('rollupNoCell')}</span>;
  const pending = cell.latest && cell.latest.status !== 'approved' ? cell.latest : null;
  const detail = (
    <div style={{ maxWidth: 320 }}>
      <div>
        {cell.name}：{cell.target}
      </div>
      {cell.value?.source && <div>来源：{cell.value.source.title}</div>}
      {cell.scopeNote && <div>{cell.scopeNote}</div>}
      <div>{cell.alignment.note}</div>
      {cell.latest?.returnReason && <div>{cell.latest.returnReason}</div>}
    </div>
  );
  return (
    <Popover content={detail}>
      <div data-testid="rollup-cell" data-status={cell.status ?? 'dataMissing'} data-alignment={cell.alignment.state}>
        <StatusTag code={cell.status} warning={cell.warning} label={cell.statusLabel} />
        <div>
          {cell.value ? (
            <span>
              {cell.value.value}
              <span className="pw-muted">（{cell.value.year}）</span>
            </span>
          ) : (
            <span className="pw-muted">{t('rollupNoValue')}</span>
          )}
        </div>
        <Space size={2} wrap>
          {cell.alignment.state === 'weaker' && <Tag color="orange">{t('rollupWeaker')}</Tag>}
          {!cell.scopeMatch && <Tag color="purple">{t('rollupScope')}</Tag>}
          {pending && (
            <Tag color={pending.status === 'returned' ? 'red' : 'blue'}>
              {pending.status === 'returned' ? t('rollupReturned') : t('rollupPending')} {pending.value}（{pending.year}）
            </Tag>
          )}
          {onReturn && cell.latest && cell.latest.status !== 'returned' && cell.latest.status !== 'draft' && (
            <Button size="small" type="link" data-testid="rollup-return" onClick={() => onReturn(cell.latest!.id)}>
              {t('rollupReturn')}
            </Button>
          )}
        </Space>
      </div>
    </Popover>
  );
}

export default function RollupPage({ plan, query }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const session = useSession();
  const { message } = App.useApp();
  const year = query.get('year');
  const url = `/api/v1/plans/${enc(plan)}/children/evaluation${year ? `?year=${enc(year)}` : ''}`;
  const { data, error, loading, reload } = useApi<Rollup>(url);
  const lagging = query.get('lagging') === '1';
  const weaker = query.get('weaker') === '1';
  const binding = query.get('binding') === '1';
  const [returning, setReturning] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const back = useAction(async (id: string, why: string) => {
    await apiSend('POST', `/api/v1/plans/${enc(plan)}/children/values/${enc(id)}/return`, { reason: why });
    void message.success(t('rollupReturned2'));
    setReturning(null);
    setReason('');
    reload();
  });
  const mayReturn = can(session, 'value.returnFromAbove');
  const filter = (patch: Record<string, string | null>) => patchQuery(`/plans/${plan}/rollup`, query, patch);

  const shown = useMemo(() => {
    if (!data) return { columns: [], rows: [] as Row[] };
    const columns = data.columns.filter((c) => (!binding || c.attribute === '约束性') && (!weaker || c.weaker > 0));
    const rows = data.rows.filter(
      (r) =>
        (!lagging || columns.some((c) => ['lagging', 'seriouslyLagging'].includes(r.cells[c.indicatorId]?.status ?? ''))) &&
        (!weaker || columns.some((c) => r.cells[c.indicatorId]?.alignment.state === 'weaker')),
    );
    return { columns, rows };
  }, [data, lagging, weaker, binding]);

  if (error && !data) return <ErrorView error={error} retry={reload} />;
  if (!data) return <Loading />;

  const columns: ColumnsType<Row> = [
    {
      title: t('rollupChild'),
      dataIndex: 'title',
      fixed: 'left',
      width: 140,
      sorter: (a, b) => a.title.localeCompare(b.title, 'zh'),
      render: (title: string, r) => (
        <span>
          {title}
          {r.laggingBinding > 0 && (
            <Tag color="red" style={{ marginLeft: 4 }}>
              {r.laggingBinding}
            </Tag>
          )}
        </span>
      ),
    },
    ...shown.columns.map((c) => ({
      key: c.indicatorId,
      title: (
        <span data-testid="rollup-col" data-id={c.indicatorId}>
          {c.no}. {c.name}
          {c.unit ? `（${c.unit}）` : ''}
          {c.attribute === '约束性' && <Tag style={{ marginLeft: 4 }}>{besideWord(ATTRIBUTE, c.attribute, lang)}</Tag>}
          <div className="pw-muted">
            {t('target')} {c.target}
          </div>
        </span>
      ),
      width: 170,
      sorter: (a: Row, b: Row) => (a.cells[c.indicatorId]?.value?.value ?? -Infinity) - (b.cells[c.indicatorId]?.value?.value ?? -Infinity),
      render: (_: unknown, r: Row) => <Cell cell={r.cells[c.indicatorId] ?? null} onReturn={mayReturn ? setReturning : undefined} />,
    })),
  ];

  return (
    <div data-testid="rollup-page">
      <PageTitle
        extra={
          <Button
            icon={<DownloadOutlined />}
            data-testid="rollup-export"
            onClick={() =>
              void download(`/api/v1/plans/${enc(plan)}/children/evaluation.xlsx${year ? `?year=${enc(year)}` : ''}`, {
                fallbackName: `${plan}-children.xlsx`,
              })
            }
          >
            {t('rollupExport')}
          </Button>
        }
      >
        {t('rollupTitle')}（{data.year}
        {t('yearSuffix')}）
      </PageTitle>
      {data.demo && <Alert type="warning" showIcon data-testid="rollup-demo" message={t('rollupDemo')} style={{ marginBottom: 12 }} />}
      <p className="pw-muted">{t('rollupHint')}</p>
      <Relations plan={plan} />
      {data.rows.length === 0 ? (
        <Empty description={t('rollupNoChildren')} />
      ) : (
        <Card size="small">
          <Space style={{ marginBottom: 8 }} wrap>
            <Checkbox checked={lagging} onChange={(e) => filter({ lagging: e.target.checked ? '1' : null })} data-testid="filter-lagging">
              {t('rollupFilterLagging')}
            </Checkbox>
            <Checkbox checked={weaker} onChange={(e) => filter({ weaker: e.target.checked ? '1' : null })} data-testid="filter-weaker">
              {t('rollupFilterWeaker')}
            </Checkbox>
            <Checkbox checked={binding} onChange={(e) => filter({ binding: e.target.checked ? '1' : null })}>
              {t('rollupFilterBinding')}
            </Checkbox>
          </Space>
          <Table<Row>
            data-testid="rollup-table"
            rowKey="planId"
            size="small"
            pagination={false}
            loading={loading}
            scroll={{ x: 'max-content' }}
            columns={columns}
            dataSource={shown.rows}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('rollupSum')}</Table.Summary.Cell>
                {shown.columns.map((c, i) => (
                  <Table.Summary.Cell index={i + 1} key={c.indicatorId}>
                    <span data-testid="rollup-sum" data-id={c.indicatorId}>
                      {c.sum ? `${c.sum.value}（${c.sum.year}）` : <span className="pw-muted">{c.sumRefused}</span>}
                    </span>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )}
          />
        </Card>
      )}
      <Modal
        open={returning !== null}
        title={t('rollupReturn')}
        okButtonProps={{ disabled: !reason.trim(), loading: back.busy, id: 'rollup-return-ok' }}
        onOk={() => returning && void back.run(returning, reason)}
        onCancel={() => setReturning(null)}
      >
        <Input.TextArea
          aria-label={t('rollupReturnReason')}
          placeholder={t('rollupReturnReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="rollup-return-reason"
        />
        {back.error && <Alert type="error" message={back.error} style={{ marginTop: 8 }} />}
      </Modal>
    </div>
  );
}
