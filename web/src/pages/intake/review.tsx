/**
 * The review of one draft: flags first (each with the paragraph or cell it came from, to accept or
 * reject), then every part of the draft item by item beside its source; edit an item, add an
 * indicator row, task target or project the reader missed (add-item.tsx), discard the draft
 * (discard.tsx); publish once no flag is open — the new plan then opens on its cockpit.
 * Each step is saved at once with the version seen, so another administrator can resume it.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { useAction } from '../../action';
import { apiSend, useApi } from '../../api';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { useLang, useT } from '../../i18n';
import { navigate } from '../../router';
import { PROJECT_CATEGORY } from '../../../../src/core/labels';
import { AddMissed, type AddablePart } from './add-item';
import { DiscardDraft } from './discard';
import { PART, type Flag, type Reviewable, type StoredDraft } from './types';

type Part = 'meta' | 'chapters' | 'columns' | 'indicators' | 'taskTargets' | 'projects' | 'orgUnits';

const EDITABLE: Record<string, string[]> = {
  indicators: ['category', 'name', 'unit', 'base', 'target', 'attribute'],
  taskTargets: ['sectionId', 'name', 'unit', 'target', 'quote'],
  columns: ['title', 'name', 'text'],
  chapters: ['title'],
  projects: ['name', 'category'],
  orgUnits: ['name', 'kind'],
  meta: ['title', 'shortTitle', 'region', 'level', 'baseYear', 'targetYear'],
};
const NUMERIC = new Set(['base', 'baseYear', 'targetYear']);

function Source({ item }: { item: Reviewable }): ReactNode {
  return (
    <div className="pw-intake-source" data-testid="intake-source" style={{ maxWidth: 320, minWidth: 200 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {item.source.where}
      </Typography.Text>
      <div style={{ whiteSpace: 'pre-wrap' }}>
        {item.source.text.length > 160 ? `${item.source.text.slice(0, 160)}…` : item.source.text}
      </div>
    </div>
  );
}

function State({ item }: { item: Reviewable }): ReactNode {
  const t = useT();
  if (item.review?.state === 'accepted') return <Tag color="green">{t('intakeAccepted')}</Tag>;
  if (item.review?.state === 'rejected') return <Tag>{t('intakeRejected')}</Tag>;
  return item.flags?.length ? (
    <Tooltip title={item.flags.join('；')}>
      <Tag color="orange">待核 {item.flags.length}</Tag>
    </Tooltip>
  ) : null;
}

export default function Review({ id }: { id: string }): ReactNode {
  const t = useT();
  const lang = useLang();
  const loaded = useApi<StoredDraft>(`/api/v1/plan-drafts/${id}`);
  const [d, setD] = useState<StoredDraft | undefined>();
  const [editing, setEditing] = useState<{ part: Part; item: Reviewable & Record<string, unknown> } | null>(null);
  const [adding, setAdding] = useState<AddablePart | null>(null);
  const [form] = Form.useForm();
  useEffect(() => setD(loaded.data), [loaded.data]);

  const step = useAction(
    async (action: Record<string, unknown>) => {
      const next = await apiSend<StoredDraft>('POST', `/api/v1/plan-drafts/${id}/review`, { version: d!.version, action });
      setD(next);
    },
    { key: (a) => `${String(a.op)}|${String(a.part)}|${String(a.id ?? '')}` },
  );
  const publish = useAction(async () => {
    const r = await apiSend<{ planId: string }>('POST', `/api/v1/plan-drafts/${id}/publish`, { version: d!.version });
    navigate(`/plans/${r.planId}`);
  });

  if (loaded.error && !d) return <ErrorView error={loaded.error} retry={loaded.reload} />;
  if (!d) return <Loading />;
  const draft = d.draft;
  const open = d.openFlags;
  const closed = d.status !== 'open';

  const actions = (part: Part, item: Reviewable): ReactNode =>
    closed ? null : (
      <Space size={4}>
        {item.review ? (
          <Button size="small" icon={<UndoOutlined />} onClick={() => void step.run({ op: 'reopen', part, id: item.id })}>
            {t('intakeReopen')}
          </Button>
        ) : (
          <>
            <Button
              size="small"
              type="primary"
              icon={<CheckOutlined />}
              data-testid="intake-accept"
              loading={step.running === `accept|${part}|${item.id}`}
              onClick={() => void step.run({ op: 'accept', part, id: item.id })}
            >
              {t('intakeAccept')}
            </Button>
            {part !== 'meta' ? (
              <Button
                size="small"
                danger
                icon={<DeleteOutlined />}
                data-testid="intake-reject"
                onClick={() => void step.run({ op: 'reject', part, id: item.id })}
              >
                {t('intakeReject')}
              </Button>
            ) : null}
          </>
        )}
        <Button
          size="small"
          icon={<EditOutlined />}
          data-testid="intake-edit"
          onClick={() => {
            setEditing({ part, item: item as Reviewable & Record<string, unknown> });
            form.setFieldsValue(Object.fromEntries(EDITABLE[part]!.map((k) => [k, (item as unknown as Record<string, unknown>)[k]])));
          }}
        >
          {t('intakeEdit')}
        </Button>
      </Space>
    );

  const itemOf = (f: Flag): Reviewable | undefined => {
    const all: Reviewable[] = [
      draft.meta as unknown as Reviewable,
      ...draft.chapters.flatMap((c) => [c, ...c.sections]),
      ...draft.columns.flatMap((c) => [c, ...c.items]),
      ...draft.indicators,
      ...draft.taskTargets,
      ...draft.projects,
      ...draft.orgUnits,
    ];
    return all.find((x) => x.id === f.id);
  };
  const labelOf = (x: Reviewable & Record<string, unknown>): string => String(x.name ?? x.title ?? x.id);

  const flagsCard = (
    <Card
      title={
        <Space>
          {t('intakeFlags')}
          <Badge
            count={open.length}
            showZero
            color={open.length ? 'orange' : 'green'}
            data-testid="intake-open-count"
            data-count={open.length}
          />
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      {open.length === 0 ? (
        <Alert type="success" showIcon message={t('intakeNoFlags')} data-testid="intake-no-flags" />
      ) : (
        <Table<Flag & { key: string }>
          data-testid="intake-flags"
          size="small"
          pagination={{ pageSize: 8, showSizeChanger: false }}
          dataSource={open.map((f, k) => ({ ...f, key: `${f.part}|${f.id}|${k}` }))}
          columns={[
            {
              title: t('intakeItem'),
              width: '22%',
              render: (_: unknown, f) => {
                const it = itemOf(f);
                return (
                  <span>
                    <Tag>{f.part in PART ? t(PART[f.part as keyof typeof PART]) : f.part}</Tag>
                    {f.id} {it ? labelOf(it as Reviewable & Record<string, unknown>) : ''}
                  </span>
                );
              },
            },
            { title: '待核原因', dataIndex: 'reason', width: '33%' },
            { title: t('intakeSource'), width: '28%', render: (_: unknown, f) => (itemOf(f) ? <Source item={itemOf(f)!} /> : f.where) },
            { title: '', width: '17%', render: (_: unknown, f) => (itemOf(f) ? actions(f.part as Part, itemOf(f)!) : null) },
          ]}
        />
      )}
    </Card>
  );

  const side = <T extends Reviewable>(
    part: Part,
    rows: T[],
    cols: { title: string; min?: number; render: (x: T) => ReactNode }[],
  ): ReactNode => (
    <Table<T>
      data-testid={`intake-${part}`}
      rowKey="id"
      size="small"
      pagination={{ pageSize: 20, showSizeChanger: false }}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      rowClassName={(x) => (x.review?.state === 'rejected' ? 'pw-intake-rejected' : '')}
      columns={[
        ...cols.map((c) => ({
          title: c.title,
          render: (_: unknown, x: T) => <div style={{ minWidth: c.min ?? 40, maxWidth: 280 }}>{c.render(x)}</div>,
        })),
        { title: t('intakeSource'), render: (_: unknown, x: T) => <Source item={x} /> },
        { title: '', render: (_: unknown, x: T) => <State item={x} /> },
        { title: '', render: (_: unknown, x: T) => <div style={{ minWidth: 230 }}>{actions(part, x)}</div> },
      ]}
    />
  );

  const TESTID: Record<AddablePart, string> = {
    indicators: 'intake-add-indicator',
    taskTargets: 'intake-add-target',
    projects: 'intake-add-project',
  };
  const LABEL = { indicators: 'intakeAddIndicator', taskTargets: 'intakeAddTarget', projects: 'intakeAddProject' } as const;
  const addButton = (part: AddablePart): ReactNode =>
    closed ? null : (
      <Button icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setAdding(part)} data-testid={TESTID[part]}>
        {t(LABEL[part])}
      </Button>
    );
  const withAdd = <T extends Reviewable>(part: AddablePart, rows: T[], cols: Parameters<typeof side<T>>[2]): ReactNode => (
    <>
      {addButton(part)}
      {side(part, rows, cols)}
    </>
  );

  return (
    <div data-testid="intake-review" data-version={d.version}>
      <PageTitle
        extra={
          <>
            <a href={`/api/v1/plan-drafts/${id}/document`}>{t('intakeDocument')}</a>
            {d.status === 'published' ? (
              <Button onClick={() => navigate(`/plans/${d.planId}`)}>{t('intakeViewPlan')}</Button>
            ) : closed ? null : (
              <Button
                type="primary"
                icon={<SendOutlined />}
                disabled={open.length > 0}
                title={open.length ? t('intakePublishBlocked') : undefined}
                loading={publish.busy}
                onClick={() => void publish.run()}
                data-testid="intake-publish"
              >
                {t('intakePublish')}
              </Button>
            )}
            {closed ? null : <DiscardDraft d={d} />}
          </>
        }
      >
        {draft.meta.title}
      </PageTitle>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('intakePlanId')}>{d.planId}</Descriptions.Item>
        <Descriptions.Item label={t('file')}>{d.fileName}</Descriptions.Item>
        <Descriptions.Item label="地区 / 层级">{`${draft.meta.region} · ${draft.meta.level}`}</Descriptions.Item>
        <Descriptions.Item label="规划期">{`${draft.meta.baseYear}—${draft.meta.targetYear}${draft.meta.visionYear ? `（远景 ${draft.meta.visionYear}）` : ''}`}</Descriptions.Item>
        <Descriptions.Item label={t('intakeVersion')}>{d.version}</Descriptions.Item>
        <Descriptions.Item
          label={t('intakeUpdatedBy')}
        >{`${d.updatedBy ?? ''} ${d.updatedAt.slice(0, 16).replace('T', ' ')}`}</Descriptions.Item>
      </Descriptions>
      {step.error || publish.error ? (
        <Alert type="error" showIcon message={step.error ?? publish.error} style={{ marginBottom: 16 }} data-testid="intake-error" />
      ) : null}
      {closed ? (
        <Alert
          type={d.status === 'published' ? 'success' : 'warning'}
          showIcon
          message={t(d.status === 'published' ? 'intakePublished' : 'intakeDiscarded')}
          style={{ marginBottom: 16 }}
          data-testid={`intake-${d.status}`}
        />
      ) : (
        flagsCard
      )}
      <Tabs
        items={[
          {
            key: 'indicators',
            label: `${t('intakeIndicators')} ${draft.indicators.length}`,
            children: withAdd('indicators', draft.indicators, [
              { title: '序号', render: (x) => x.id },
              { title: '类别', min: 64, render: (x) => x.category },
              { title: '指标', min: 200, render: (x) => x.name },
              { title: '单位', render: (x) => x.unit },
              { title: '基期', render: (x) => x.baseWritten ?? x.base ?? '—' },
              { title: '目标', min: 90, render: (x) => x.target },
              { title: '属性', min: 52, render: (x) => x.attribute },
            ]),
          },
          {
            key: 'taskTargets',
            label: `${t('intakeTaskTargets')} ${draft.taskTargets.length}`,
            children: (
              <>
                {addButton('taskTargets')}
                {side('taskTargets', draft.taskTargets, [
                  { title: '节', render: (x) => x.sectionId },
                  { title: '任务', min: 200, render: (x) => x.name },
                  { title: '目标', render: (x) => `${x.target} ${x.unit}` },
                ])}
                {draft.unread.length ? (
                  <Card size="small" title={t('intakeUnread')} style={{ marginTop: 12 }} data-testid="intake-unread">
                    {draft.unread.map((u, k) => (
                      <div key={k}>
                        {u.sectionId}「{u.quote}」<Typography.Text type="secondary">{u.where}</Typography.Text>
                      </div>
                    ))}
                  </Card>
                ) : null}
              </>
            ),
          },
          {
            key: 'columns',
            label: `${t('intakeColumns')} ${draft.columns.length}`,
            children: side('columns', draft.columns, [
              { title: '专栏', render: (x) => `专栏${x.no}` },
              { title: '标题', min: 200, render: (x) => x.title },
              { title: '节', render: (x) => x.sectionId },
              { title: '条目', render: (x) => x.items.map((i) => i.name).join('、') },
            ]),
          },
          {
            key: 'chapters',
            label: `${t('intakeChapters')} ${draft.chapters.length}`,
            children: side('chapters', draft.chapters, [
              { title: '章', render: (x) => x.no },
              { title: '标题', render: (x) => x.title },
              { title: '节', render: (x) => x.sections.map((s) => `${s.id} ${s.title}`).join('；') },
            ]),
          },
          {
            key: 'projects',
            label: `${t('intakeProjects')} ${draft.projects.length}`,
            children: withAdd('projects', draft.projects, [
              { title: '项目', render: (x) => x.name },
              { title: '类别', render: (x) => PROJECT_CATEGORY[x.category]?.[lang] ?? x.category },
              {
                title: '专栏',
                render: (x) => {
                  const c = draft.columns.find((k) => k.id === x.columnId);
                  return c ? `专栏${c.no}` : '';
                },
              },
            ]),
          },
          {
            key: 'orgUnits',
            label: `${t('intakeOrgUnits')} ${draft.orgUnits.length}`,
            children: side('orgUnits', draft.orgUnits, [
              { title: '名称', render: (x) => x.name },
              { title: '类型', render: (x) => x.kind },
              { title: '上级', render: (x) => draft.orgUnits.find((o) => o.id === x.parentId)?.name ?? '' },
            ]),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={editing ? `${t('intakeEdit')} ${editing.item.id}` : ''}
        okText={t('intakeSave')}
        onCancel={() => setEditing(null)}
        onOk={() =>
          void form.validateFields().then(async (v: Record<string, unknown>) => {
            const fields = Object.fromEntries(
              Object.entries(v).map(([k, x]) => [k, NUMERIC.has(k) && x !== '' && x !== undefined ? Number(x) : x]),
            );
            if (await step.run({ op: 'edit', part: editing!.part, id: editing!.item.id, fields })) setEditing(null);
          })
        }
      >
        <Form form={form} layout="vertical">
          {(editing ? EDITABLE[editing.part]! : []).map((k) => (
            <Form.Item key={k} name={k} label={k}>
              <Input id={`intake-field-${k}`} />
            </Form.Item>
          ))}
        </Form>
        {step.error ? <Alert type="error" message={step.error} /> : null}
      </Modal>
      <AddMissed part={adding} draft={draft} planId={d.planId} step={step} onClose={() => setAdding(null)} />
    </div>
  );
}
