/**
 * 预警与督办: the warnings computed from the evaluation (filters by colour, kind, unit, town; admins
 * issue an order from any of them), the ledger of orders with their deadline colours, replies and
 * history, the steps each user may take, the counts per unit and the assessment by outcomes.
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Select, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { download } from '../../download';
import { fmtTime } from '../../format';
import { useLang, useT } from '../../i18n';
import type { PageProps } from '../../router';
import { useCan, useSession } from '../../session';
import type { Unit } from '../../types';
import { AttachmentLinks, OrderFiles } from './attachments';
import { AcceptButton, IssueDialog, ReasonDialog, ReplyDialog } from './dialogs';
import { DeadlineTag, ORDER_LEVEL, ORDER_STATE, SUBJECT_TYPE, WARNING_COLOUR, DEADLINE_COLOUR, WarningTag, options, word } from './parts';
import type { Order, OrderDetail, OrderList, UnitCounts, Warnings } from './types';
import { UnitCountsTable } from './unit-counts';
import { auditReason, auditSentence } from '../../../../src/core/audit-words';
import { AssessmentTab } from './assessment-tab';

const qs = (o: Record<string, string | undefined>): string => {
  const p = Object.entries(o).filter(([, v]) => v);
  return p.length ? `?${p.map(([k, v]) => `${k}=${enc(v!)}`).join('&')}` : '';
};

function Filter({
  label,
  value,
  onChange,
  opts,
  id,
}: {
  label: string;
  value?: string;
  onChange(v?: string): void;
  opts: { value: string; label: string }[];
  id: string;
}): ReactNode {
  return (
    <Select
      id={id}
      allowClear
      showSearch
      optionFilterProp="label"
      placeholder={label}
      style={{ minWidth: 140 }}
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={opts}
    />
  );
}

function WarningsTab({ plan, units, onIssued }: { plan: string; units: Map<string, string>; onIssued(): void }): ReactNode {
  const t = useT();
  const lang = useLang();
  const mayIssue = useCan('supervision.issue');
  const [f, setF] = useState<{ colour?: string; kind?: string; unit?: string; town?: string }>({ colour: 'red' });
  const ws = useApi<Warnings>(`/api/v1/plans/${enc(plan)}/warnings${qs(f)}`);
  const unitOpts = [...units].map(([value, label]) => ({ value, label }));
  return (
    <div data-testid="sup-warnings">
      <Space wrap style={{ marginBottom: 12 }}>
        <Filter
          id="sup-f-colour"
          label={t('supColour')}
          value={f.colour}
          onChange={(colour) => setF({ ...f, colour })}
          opts={options(WARNING_COLOUR, lang)}
        />
        <Filter
          id="sup-f-kind"
          label={t('supKind')}
          value={f.kind}
          onChange={(kind) => setF({ ...f, kind })}
          opts={options(SUBJECT_TYPE, lang).filter((o) => o.value !== 'other')}
        />
        <Filter id="sup-f-unit" label={t('supUnit')} value={f.unit} onChange={(unit) => setF({ ...f, unit })} opts={unitOpts} />
        <Filter id="sup-f-town" label={t('supTown')} value={f.town} onChange={(town) => setF({ ...f, town })} opts={unitOpts} />
        {ws.data && (
          <span>
            <Tag color="red">{ws.data.counts.red}</Tag>
            <Tag color="gold">{ws.data.counts.yellow}</Tag>
            <Tag color="green">{ws.data.counts.green}</Tag>
          </span>
        )}
      </Space>
      {ws.error && <ErrorView error={ws.error} retry={ws.reload} />}
      <Table
        size="small"
        rowKey="key"
        loading={ws.loading}
        dataSource={ws.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        onRow={(w) => ({ 'data-key': w.key }) as never}
        columns={[
          { title: t('supColour'), dataIndex: 'colour', width: 100, render: (c: string) => <WarningTag colour={c} lang={lang} /> },
          { title: t('supKind'), dataIndex: 'kind', width: 90, render: (k: string) => word(SUBJECT_TYPE, k, lang) },
          { title: t('supSubject'), dataIndex: 'subjectName' },
          { title: t('supUnit'), dataIndex: 'unitIds', render: (ids: string[]) => ids.map((u) => units.get(u) ?? u).join('、') },
          {
            title: t('supRule'),
            key: 'message',
            render: (_: unknown, w) => (
              <span>
                {w.message}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {w.rule}
                </Typography.Text>
              </span>
            ),
          },
          ...(mayIssue
            ? [
                {
                  title: '',
                  key: 'issue',
                  width: 130,
                  render: (_: unknown, w: Warnings['items'][number]) =>
                    w.colour === 'green' ? null : (
                      <IssueDialog
                        plan={plan}
                        warning={w}
                        testId={`sup-issue-${w.key.replace(/[^A-Za-z0-9_-]/g, '_')}`}
                        onDone={onIssued}
                      />
                    ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

function OrderPanel({ plan, order, onChanged }: { plan: string; order: Order; onChanged(): void }): ReactNode {
  const t = useT();
  const lang = useLang();
  const session = useSession();
  const detail = useApi<OrderDetail>(`/api/v1/plans/${enc(plan)}/supervision-orders/${enc(order.id)}?v=${enc(order.updatedAt)}`);
  const review = useCan('supervision.review');
  const mayReply = useCan('supervision.reply') && session.user?.unitId === order.unitId;
  const open = order.state !== 'closed';
  const done = (): void => {
    detail.reload();
    onChanged();
  };
  return (
    <div data-testid={`sup-order-${order.id}`} style={{ padding: '4px 8px' }}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('supRequirement')}>{order.requirement}</Descriptions.Item>
        <Descriptions.Item label={t('supDeadline')}>
          {order.deadline}
          {order.extended ? `（${order.originalDeadline} → ${order.deadline}：${order.extensionReason}）` : ''} · {order.colourRule}
        </Descriptions.Item>
        {order.warningMessage && <Descriptions.Item label={t('supWarnings')}>{order.warningMessage}</Descriptions.Item>}
        {order.returnReason && <Descriptions.Item label={t('supReturnReason')}>{order.returnReason}</Descriptions.Item>}
      </Descriptions>
      {order.warningCleared && open && (
        <Alert type="success" showIcon message={t('supCleared')} style={{ marginBottom: 8 }} data-testid="sup-cleared" />
      )}
      <Space wrap style={{ marginBottom: 8 }}>
        {open && mayReply && <ReplyDialog plan={plan} order={order} onDone={done} />}
        {open && review && order.state === 'replied' && <AcceptButton plan={plan} order={order} onDone={done} />}
        {open && review && order.state === 'replied' && <ReasonDialog plan={plan} order={order} action="return" onDone={done} />}
        {open && review && !order.extended && <ReasonDialog plan={plan} order={order} action="extend" onDone={done} />}
      </Space>
      <OrderFiles plan={plan} order={order} mayAttach={open && review} onDone={done} />
      <Card size="small" title={t('supReplies')} style={{ marginBottom: 8 }}>
        {order.replies.length ? (
          order.replies.map((r) => (
            <div key={r.id} style={{ marginBottom: 6 }} data-testid="sup-reply-item">
              <Typography.Text type="secondary">
                {fmtTime(r.createdAt)} · {r.repliedBy}
              </Typography.Text>
              <div>
                {t('supMeasures')}：{r.measures}
              </div>
              <div>
                {t('supProgress')}：{r.progress}
                {r.expectedCompletion ? ` · ${t('supExpected')} ${r.expectedCompletion}` : ''}
              </div>
              <AttachmentLinks files={r.attachments} testId="sup-reply-files" />
            </div>
          ))
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </Card>
      <Card size="small" title={t('supHistory')}>
        {detail.data ? (
          <Timeline
            data-testid="sup-history"
            items={detail.data.history.map((h) => ({
              children: (
                <span>
                  {fmtTime(h.at)} · {auditSentence(h, { unit: (u) => (u === order.unitId ? order.unitName : undefined) }, lang)}
                  {auditReason(h, lang)}
                  {h.attachment && (
                    <a href={h.attachment.url} download={h.attachment.fileName}>
                      ：{h.attachment.fileName}
                    </a>
                  )}
                </span>
              ),
            }))}
          />
        ) : (
          <Loading />
        )}
      </Card>
    </div>
  );
}

function LedgerTab({
  plan,
  units,
  version,
  onChanged,
}: {
  plan: string;
  units: Map<string, string>;
  version: number;
  onChanged(): void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const [f, setF] = useState<{ state?: string; colour?: string; level?: string; unit?: string }>({});
  const list = useApi<OrderList>(`/api/v1/plans/${enc(plan)}/supervision-orders${qs({ ...f, v: String(version) })}`);
  const unitOpts = [...units].map(([value, label]) => ({ value, label }));
  return (
    <div data-testid="sup-ledger">
      <Space wrap style={{ marginBottom: 12 }}>
        <Filter
          id="sup-l-state"
          label={t('supState')}
          value={f.state}
          onChange={(state) => setF({ ...f, state })}
          opts={[{ value: 'open', label: t('ordersOpen') }, ...options(ORDER_STATE, lang)]}
        />
        <Filter
          id="sup-l-colour"
          label={t('supColour')}
          value={f.colour}
          onChange={(colour) => setF({ ...f, colour })}
          opts={options(DEADLINE_COLOUR, lang)}
        />
        <Filter
          id="sup-l-level"
          label={t('supLevel')}
          value={f.level}
          onChange={(level) => setF({ ...f, level })}
          opts={options(ORDER_LEVEL, lang)}
        />
        <Filter id="sup-l-unit" label={t('supUnit')} value={f.unit} onChange={(unit) => setF({ ...f, unit })} opts={unitOpts} />
        <Button
          icon={<DownloadOutlined />}
          data-testid="sup-export"
          onClick={() => void download(`/api/v1/plans/${enc(plan)}/supervision-orders.xlsx${qs(f)}`, { fallbackName: 'supervision.xlsx' })}
        >
          {t('supExport')}
        </Button>
      </Space>
      {list.error && <ErrorView error={list.error} retry={list.reload} />}
      <Table
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        expandable={{
          expandedRowRender: (o) => (
            <OrderPanel
              plan={plan}
              order={o}
              onChanged={() => {
                list.reload();
                onChanged();
              }}
            />
          ),
          expandRowByClick: true,
        }}
        onRow={(o) => ({ 'data-order': o.id, 'data-state': o.state }) as never}
        columns={[
          {
            title: t('supColour'),
            key: 'colour',
            width: 100,
            render: (_: unknown, o) => <DeadlineTag colour={o.colour} state={o.state} rule={o.colourRule} lang={lang} />,
          },
          { title: t('supLevel'), dataIndex: 'level', width: 90, render: (l: string) => word(ORDER_LEVEL, l, lang) },
          {
            title: t('supSubject'),
            dataIndex: 'subjectName',
            render: (s: string, o) => (
              <span>
                {s}
                {o.warningCleared && o.state !== 'closed' ? (
                  <Tag color="green" style={{ marginLeft: 6 }}>
                    {t('supCleared')}
                  </Tag>
                ) : null}
              </span>
            ),
          },
          { title: t('supUnit'), dataIndex: 'unitName' },
          { title: t('supDeadline'), dataIndex: 'deadline', width: 110 },
          {
            title: t('supState'),
            dataIndex: 'state',
            width: 90,
            render: (s: string) => <span data-testid="sup-state">{word(ORDER_STATE, s, lang)}</span>,
          },
          { title: t('supReturnedTimes'), dataIndex: 'returns', width: 80 },
        ]}
      />
    </div>
  );
}

export default function Supervision({ params, query }: PageProps): ReactNode {
  const t = useT();
  const plan = params.plan!;
  const unitsApi = useApi<Unit[]>('/api/v1/units');
  const counts = useApi<UnitCounts>(`/api/v1/plans/${enc(plan)}/supervision/units`);
  const mayIssue = useCan('supervision.issue');
  const mayAssess = useCan('assessment.read');
  const [version, setVersion] = useState(0);
  const [tab, setTab] = useState(query.get('tab') ?? 'ledger');
  const units = new Map((unitsApi.data ?? []).map((u) => [u.id, u.name]));
  const changed = (): void => {
    setVersion((v) => v + 1);
    counts.reload();
  };
  return (
    <div data-testid="supervision">
      <PageTitle extra={mayIssue ? <IssueDialog plan={plan} testId="sup-issue-hand" onDone={changed} /> : undefined}>
        {t('supTitle')}
      </PageTitle>
      {counts.data && counts.data.units.length > 0 && <UnitCountsTable counts={counts.data} />}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'warnings', label: t('supWarnings'), children: <WarningsTab plan={plan} units={units} onIssued={changed} /> },
          {
            key: 'ledger',
            label: t('supLedger'),
            children: <LedgerTab plan={plan} units={units} version={version} onChanged={counts.reload} />,
          },
          ...(mayAssess ? [{ key: 'assessment', label: t('supAssessment'), children: <AssessmentTab plan={plan} /> }] : []),
        ]}
      />
    </div>
  );
}
