/**
 * One major project as of a month: its facts and the plan sections and 专栏 it comes from, the
 * lifecycle with the current stage, milestones (overdue in red), investment plan against the
 * approved monthly figures, warnings, coordination issues and the monthly reports with their
 * workflow. The responsible unit's reporter (and administrators) report a month here;
 * administrators approve or return reports, resolve issues and edit the project.
 */
import { useEffect, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { CheckOutlined, EditOutlined, MinusCircleOutlined, PlusOutlined, WarningFilled } from '@ant-design/icons';
import { MarkLineComponent } from 'echarts/components';
import type { PageProps } from '../../router';
import { apiSend, enc, useApi } from '../../api';
import { Chart, registerCharts, type ChartOption } from '../../charts/Chart';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { fmtNum, fmtShare } from '../../format';
import { useLang, useT } from '../../i18n';
import { Link, navigate } from '../../router';
import { can, useSession } from '../../session';
import { PROJECT_CATEGORY, PROJECT_STAGE, PROJECT_STAGES, VALUE_STATUS, bi } from '../../status';
import { BEHIND_COLOR, asOfMonth, behindLevel, latestMonth, money, thisMonth, unitNamer } from '../../projects';
import { MonthSelect } from '../../components/MonthSelect';
import type { Chapter, Column, Milestone, PlanSummary, ProjectDetail, ProjectIssue, ProjectReport, Unit } from '../../types';
import ProjectEditor from '../../components/ProjectEditor';
import { useAction } from '../../action';
import { WarningList } from '../../components/ProjectWarnings';
import { ReturnDialog, ReviewButtons, useReview } from '../../components/Review';

registerCharts([MarkLineComponent]);

export default function ProjectPage({ params, query }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const session = useSession();
  const id = params.id!;
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const units = useApi<Unit[]>('/api/v1/units');
  const urlAsOf = query.get('asOf');
  // The default month depends on the project's plan: the first answer tells which plan it is.
  const first = useApi<ProjectDetail>(urlAsOf ? null : `/api/v1/projects/${enc(id)}`);
  const meta = plans.data?.find((p) => p.id === (first.data?.project.planId ?? ''));
  const asOf = urlAsOf ?? (first.data && plans.data ? asOfMonth(null, meta) : null);
  const detail = useApi<ProjectDetail>(asOf ? `/api/v1/projects/${enc(id)}?asOf=${enc(asOf)}` : null);
  const planId = detail.data?.project.planId;
  const planMeta = plans.data?.find((x) => x.id === planId) ?? meta;
  const text = useApi<{ chapters: Chapter[]; columns: Column[] }>(planId ? `/api/v1/plans/${enc(planId)}/text` : null);
  const unitName = unitNamer(units.data);
  const [editing, setEditing] = useState(false);

  const error = detail.error ?? first.error;
  if (error && !detail.data) return <ErrorView error={error} retry={detail.reload} />;
  if (!detail.data || !asOf) return <Loading />;
  const d = detail.data;
  const p = d.project;
  const zh = lang === 'zh';
  const label = (w: { zh: string; en: string } | undefined, fallback: string): string => (w ? (zh ? w.zh : `${w.zh} ${w.en}`) : fallback);
  const canReport = can(session, 'project.report', d);
  const canReview = can(session, 'project.review', d);
  const canEdit = can(session, 'project.manage', d);
  const setAsOf = (m: string): void => navigate(`/projects/${enc(id)}?asOf=${m}`, { replace: true });
  const inv = d.investment;
  const level = behindLevel(inv.gapPoints);

  return (
    <div data-testid="project-page" data-project={p.id} aria-busy={detail.loading}>
      <PageTitle
        extra={
          <>
            <label htmlFor="project-asof" className="pw-subtitle">
              {t('asOf')}
            </label>
            <MonthSelect
              id="project-asof"
              ariaLabel={t('asOf')}
              value={asOf}
              from={planMeta ? `${planMeta.baseYear + 1}-01` : '2016-01'}
              to={latestMonth(planMeta)}
              onChange={(m) => m && setAsOf(m)}
            />
            <Link to={`/plans/${p.planId}/projects?asOf=${asOf}`}>{zh ? '返回项目列表' : 'All projects'}</Link>
          </>
        }
      >
        {p.name}
      </PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{label(PROJECT_CATEGORY[p.category], p.category)}</Tag>
        <Tag color="blue">{label(PROJECT_STAGE[p.stage], p.stage)}</Tag>
        {p.origin === 'plan' && <Tag color="geekblue">{zh ? '规划专栏项目' : 'Named in the plan'}</Tag>}
        {d.warnings.length > 0 && (
          <span style={{ color: '#cf1322' }}>
            <WarningFilled /> {zh ? `${d.warnings.length}项预警` : `${d.warnings.length} warnings`}
          </span>
        )}
        <span className="pw-subtitle">
          {t('projectId')}：{p.id}
        </span>
        {canEdit && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-project">
            {t('editProject')}
          </Button>
        )}
      </Space>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={9}>
          <Card size="small" title={`${inv.year}${zh ? '年' : ''} ${t('projectInvestment')}`} style={{ height: '100%' }}>
            <div
              data-testid="project-investment"
              data-behind={level}
              style={{ fontSize: 18, fontWeight: 600, color: inv.planned === null ? '#8c8c8c' : (BEHIND_COLOR[level] ?? '#1f1f1f') }}
            >
              {inv.text}
            </div>
            <div className="pw-headline-meta" style={{ marginTop: 6 }}>
              {inv.planned !== null && (
                <div>
                  {zh ? '年度计划投资' : 'Yearly plan'} {money(inv.planned, lang)} · {zh ? '已完成' : 'completed'}{' '}
                  {money(inv.completed, lang)}
                </div>
              )}
              <div>
                {t('timeShare')} {fmtShare(inv.timeShare)}（{zh ? `截至${asOf}` : `as of ${asOf}`}）
              </div>
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={
              <span>
                <WarningFilled style={{ color: d.warnings.length ? '#cf1322' : '#bfbfbf' }} /> {t('projectWarnings')}（{d.warnings.length}）
              </span>
            }
            style={{ height: '100%' }}
          >
            <WarningList warnings={d.warnings} asOf={asOf} withProject={false} />
          </Card>
        </Col>
      </Row>

      <Card size="small" style={{ marginTop: 12 }} title={zh ? '项目概况' : 'Facts'}>
        <Facts d={d} text={text.data} unitName={unitName} />
      </Card>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={11}>
          <Card size="small" title={t('lifecycle')} style={{ height: '100%' }}>
            <Lifecycle stage={p.stage} />
            <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
              {t('milestones')}
            </Typography.Title>
            <Milestones milestones={p.milestones} asOf={asOf} />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card size="small" title={`${t('investmentChart')}（${inv.year}${zh ? '年' : ''}）`} style={{ height: '100%' }}>
            <InvestmentChart d={d} asOf={asOf} />
          </Card>
        </Col>
      </Row>

      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={`${t('issues')}（${zh ? `未解决${d.issues.filter((i) => i.status === 'open').length}，共${d.issues.length}` : `${d.issues.filter((i) => i.status === 'open').length} open of ${d.issues.length}`}）`}
      >
        <Issues issues={d.issues} canResolve={canReview} asOf={asOf} reload={detail.reload} />
      </Card>

      <Card size="small" style={{ marginTop: 12 }} title={t('monthlyReports')}>
        <Reports d={d} canReview={canReview} reload={detail.reload} />
      </Card>

      {canReport && (
        <Card size="small" style={{ marginTop: 12 }} title={t('reportMonth')} data-testid="report-form">
          <ReportForm d={d} asOf={asOf} meta={planMeta} reload={detail.reload} />
        </Card>
      )}

      {editing && (
        <ProjectEditor
          plan={p.planId}
          meta={planMeta}
          units={units.data}
          project={p}
          onClose={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            detail.reload();
          }}
        />
      )}
    </div>
  );
}

/** 谋划 → 前期 → 开工 → 在建 → 竣工 → 投产/运营, the stages passed ticked and the current one highlighted. */
function Lifecycle({ stage }: { stage: string }): ReactNode {
  const lang = useLang();
  const at = PROJECT_STAGES.indexOf(stage as (typeof PROJECT_STAGES)[number]);
  return (
    <ol className="pw-lifecycle" data-testid="lifecycle" data-stage={stage}>
      {PROJECT_STAGES.map((s, i) => {
        const state = i < at ? 'done' : i === at ? 'current' : 'todo';
        return (
          <li key={s} className={`pw-stage pw-stage-${state}`} data-stage={s} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="pw-stage-dot">{i < at ? <CheckOutlined /> : i + 1}</span>
            <span className="pw-stage-name">{lang === 'zh' ? PROJECT_STAGE[s]!.zh : PROJECT_STAGE[s]!.en}</span>
          </li>
        );
      })}
    </ol>
  );
}

function Facts({
  d,
  text,
  unitName,
}: {
  d: ProjectDetail;
  text: { chapters: Chapter[]; columns: Column[] } | undefined;
  unitName: (id: string | null) => string;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const zh = lang === 'zh';
  const p = d.project;
  const sections = new Map((text?.chapters ?? []).flatMap((c) => c.sections.map((s) => [s.id, { chapter: c, section: s }] as const)));
  const column = text?.columns.find((c) => c.id === p.columnId);
  const item = column?.items.find((i) => i.id === p.columnItemId);
  const r = p.requirements;
  const needs = [
    r.landMu !== null && `${zh ? '用地' : 'land'} ${fmtNum(r.landMu, lang)} ${zh ? '亩' : 'mu'}`,
    r.energyTce !== null && `${zh ? '用能' : 'energy'} ${fmtNum(r.energyTce, lang)} ${zh ? '吨标煤' : 'tce'}`,
    r.fundingGap !== null && `${zh ? '资金缺口' : 'funding gap'} ${money(r.fundingGap, lang)}`,
  ].filter(Boolean);
  const plans = Object.entries(p.annualPlan).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, xl: 3 }}
      data-testid="project-facts"
      items={[
        { key: 'category', label: t('category'), children: zh ? PROJECT_CATEGORY[p.category]?.zh : PROJECT_CATEGORY[p.category]?.en },
        { key: 'owner', label: t('ownerUnit'), children: p.ownerUnit ?? '—' },
        { key: 'unit', label: t('responsibleUnit'), children: unitName(p.responsibleUnitId) },
        { key: 'town', label: t('townCol'), children: p.townId ? unitName(p.townId) : '—' },
        { key: 'total', label: t('totalInvestment'), children: p.totalInvestment === null ? '—' : fmtNum(p.totalInvestment, lang) },
        {
          key: 'dates',
          label: `${t('plannedStart')} / ${t('plannedFinish')}`,
          children: `${p.plannedStart ?? '—'} / ${p.plannedFinish ?? '—'}`,
        },
        {
          key: 'plan',
          label: zh ? '年度投资计划' : 'Yearly investment plan',
          children: plans.length ? plans.map(([y, v]) => `${y}${zh ? '年 ' : ': '}${money(v, lang)}`).join('；') : '—',
        },
        {
          key: 'needs',
          label: t('requirements'),
          span: 2,
          children: (
            <>
              {needs.length ? needs.join('，') : zh ? '未填报' : 'not stated'}
              {needs.length > 0 && (
                <Tag color={r.secured ? 'green' : 'orange'} style={{ marginLeft: 8 }}>
                  {r.secured ? (zh ? '已落实' : 'secured') : zh ? '未落实' : 'not secured'}
                </Tag>
              )}
            </>
          ),
        },
        { key: 'quantities', label: t('quantities'), span: 3, children: p.quantities || '—' },
        ...(p.description ? [{ key: 'description', label: t('description'), span: 3, children: p.description }] : []),
        {
          key: 'sections',
          label: t('sections'),
          span: 3,
          children: (
            <Space direction="vertical" size={2} data-testid="project-sections">
              {p.sectionIds.length === 0 && !column && '—'}
              {p.sectionIds.map((s) => {
                const found = sections.get(s);
                return (
                  <Link key={s} to={`/plans/${p.planId}/text#sec-${s}`}>
                    {found ? `${found.chapter.title} · ${found.section.title}` : `${zh ? '第' : '§'}${s}${zh ? '节' : ''}`}
                  </Link>
                );
              })}
              {column && (
                <Link to={`/plans/${p.planId}/text#sec-${column.sectionId}`} data-testid="project-column">
                  {/^专栏/.test(column.title) ? column.title : `${zh ? '专栏' : 'Box '}${column.no} ${column.title}`}
                  {item ? ` · ${item.name}` : ''}
                </Link>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function Milestones({ milestones, asOf }: { milestones: Milestone[]; asOf: string }): ReactNode {
  const lang = useLang();
  const zh = lang === 'zh';
  if (!milestones.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={zh ? '未设节点' : 'No milestones'} />;
  const state = (m: Milestone): 'done' | 'overdue' | 'due' => (m.doneOn ? 'done' : m.due.slice(0, 7) < asOf ? 'overdue' : 'due');
  return (
    <ul className="pw-milestones" data-testid="milestones">
      {[...milestones]
        .sort((a, b) => a.due.localeCompare(b.due))
        .map((m) => {
          const s = state(m);
          return (
            <li key={m.id} data-state={s} className={`pw-milestone pw-milestone-${s}`}>
              <span className="pw-milestone-due">{m.due}</span>
              <span className="pw-milestone-name">{m.name}</span>
              {s === 'done' && <Tag color="green">{zh ? `已完成 ${m.doneOn}` : `done ${m.doneOn}`}</Tag>}
              {s === 'overdue' && (
                <Tag color="red" icon={<WarningFilled />}>
                  {zh ? '逾期未完成' : 'overdue'}
                </Tag>
              )}
              {s === 'due' && <Tag>{zh ? '未到期' : 'upcoming'}</Tag>}
            </li>
          );
        })}
    </ul>
  );
}

function InvestmentChart({ d, asOf }: { d: ProjectDetail; asOf: string }): ReactNode {
  const lang = useLang();
  const zh = lang === 'zh';
  const inv = d.investment;
  const option = useMemo<ChartOption>(() => {
    const year = inv.year;
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const approved = new Map(d.reports.filter((r) => r.status === 'approved').map((r) => [r.period, r.investment]));
    const pending = new Map(d.reports.filter((r) => r.status !== 'approved').map((r) => [r.period, r.investment]));
    let sum = 0;
    const cumulative = months.map((m) => {
      if (m > asOf) return null;
      sum += approved.get(m) ?? 0;
      return Number(sum.toFixed(4));
    });
    const planned = inv.planned;
    const series: unknown[] = [
      {
        name: zh ? '当月完成（已审核）' : 'Month (approved)',
        type: 'bar',
        barMaxWidth: 22,
        data: months.map((m) => approved.get(m) ?? null),
        itemStyle: { color: '#4096ff' },
        label: { show: true, position: 'top', fontSize: 10, formatter: (p: { value: number }) => (p.value ? fmtNum(p.value, lang) : '') },
      },
    ];
    if ([...pending.keys()].some((m) => m.startsWith(`${year}-`)))
      series.push({
        name: zh ? '当月完成（待审核）' : 'Month (not yet approved)',
        type: 'bar',
        barMaxWidth: 22,
        barGap: '-100%',
        z: 1,
        data: months.map((m) => (approved.has(m) ? null : (pending.get(m) ?? null))),
        itemStyle: { color: 'rgba(64,150,255,0.25)', borderColor: '#4096ff', borderType: 'dashed' },
      });
    series.push({
      name: zh ? '累计完成' : 'Cumulative',
      type: 'line',
      data: cumulative,
      symbolSize: 6,
      lineStyle: { width: 2.5, color: '#1f4e9c' },
      itemStyle: { color: '#1f4e9c' },
      ...(planned
        ? {
            markLine: {
              symbol: 'none',
              silent: true,
              label: { formatter: `${zh ? '年度计划' : 'Yearly plan'} ${fmtNum(planned, lang)}`, position: 'insideEndTop', fontSize: 11 },
              lineStyle: { color: '#c62828', type: 'solid', width: 1.5 },
              data: [{ yAxis: planned }],
            },
          }
        : {}),
    });
    if (planned)
      series.push({
        name: zh ? '时序进度（计划×月份/12）' : 'Time share of the plan',
        type: 'line',
        data: months.map((_, i) => Number(((planned * (i + 1)) / 12).toFixed(4))),
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 1.5, color: '#8c8c8c' },
        itemStyle: { color: '#8c8c8c' },
      });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : money(v, lang)) },
      legend: { bottom: 0, itemWidth: 16, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 16, top: 28, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: months.map((m) => (zh ? `${Number(m.slice(5))}月` : m.slice(5))) },
      yAxis: {
        type: 'value',
        name: zh ? '亿元' : '100m yuan',
        nameTextStyle: { align: 'left' },
        // Room above the yearly plan's line for its label.
        max: planned ? (v: { max: number }) => niceCeil(Math.max(v.max, planned) * 1.12) : undefined,
      },
      series,
    };
  }, [d, inv, asOf, lang, zh]);
  return (
    <Chart
      option={option}
      height={300}
      testId="investment"
      ariaLabel={`${d.project.name}：${zh ? '年度投资计划与每月完成、累计完成的柱线图' : 'monthly and cumulative investment against the yearly plan'}（${inv.year}）。${inv.text}`}
    />
  );
}

/** 5.6 → 6, 0.56 → 0.6, 56 → 60: an axis top that is a round number. */
function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(x));
  return Math.ceil(x / step) * step;
}

function Issues({
  issues,
  canResolve,
  asOf,
  reload,
}: {
  issues: ProjectIssue[];
  canResolve: boolean;
  asOf: string;
  reload(): void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const zh = lang === 'zh';
  const resolving = useAction(
    async (i: ProjectIssue) => {
      await apiSend('POST', `/api/v1/project-issues/${enc(i.id)}/resolve`, { period: asOf < i.openedIn ? i.openedIn : asOf });
      void message.success(t('issueResolved'));
      reload();
    },
    { key: (i) => i.id },
  );
  if (!issues.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={zh ? '暂无需协调问题' : 'No coordination issue'} />;
  return (
    <>
      {resolving.error && <Alert type="error" showIcon message={resolving.error} style={{ marginBottom: 8 }} />}
      <Table<ProjectIssue>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={issues}
        data-testid="issues"
        scroll={{ x: 700 }}
        columns={[
          { title: t('issueTitle'), dataIndex: 'title' },
          { title: t('responsibleUnit'), dataIndex: 'ownerUnit', width: 200, render: (u: string | null) => u ?? '—' },
          { title: zh ? '提出月份' : 'Raised', dataIndex: 'openedIn', width: 100 },
          {
            title: t('status'),
            key: 'status',
            width: 150,
            render: (_, i) =>
              i.status === 'open' ? (
                <Tag color="orange">{t('issueOpen')}</Tag>
              ) : (
                <Tag color="green">
                  {t('issueResolved')} {i.resolvedIn}
                </Tag>
              ),
          },
          ...(canResolve
            ? [
                {
                  title: '',
                  key: 'act',
                  width: 120,
                  render: (_: unknown, i: ProjectIssue) =>
                    i.status === 'open' ? (
                      <Popconfirm
                        title={
                          zh
                            ? `记为${asOf < i.openedIn ? i.openedIn : asOf}已解决？`
                            : `Resolved in ${asOf < i.openedIn ? i.openedIn : asOf}?`
                        }
                        onConfirm={() => void resolving.run(i)}
                      >
                        <Button size="small" loading={resolving.running === i.id} data-testid={`resolve-${i.id}`}>
                          {t('resolve')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

function Reports({ d, canReview, reload }: { d: ProjectDetail; canReview: boolean; reload(): void }): ReactNode {
  const t = useT();
  const lang = useLang();
  const zh = lang === 'zh';
  const [returning, setReturning] = useState<ProjectReport | null>(null);
  const review = useReview((id) => `/api/v1/project-reports/${enc(id)}`, reload);
  const milestoneName = (id: string): string => d.project.milestones.find((m) => m.id === id)?.name ?? id;

  if (!d.reports.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={zh ? '尚无月度报告' : 'No monthly report yet'} />;
  const rows = [...d.reports].sort((a, b) => b.period.localeCompare(a.period));
  return (
    <>
      {review.error && <Alert type="error" showIcon message={review.error} style={{ marginBottom: 8 }} data-testid="report-review-error" />}
      <Table<ProjectReport>
        rowKey="id"
        size="small"
        pagination={{ pageSize: 12, hideOnSinglePage: true }}
        dataSource={rows}
        data-testid="reports"
        scroll={{ x: 1000 }}
        onRow={(r) => ({ 'data-period': r.period, 'data-status': r.status }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('period'), dataIndex: 'period', width: 86 },
          {
            title: t('investmentMonth'),
            dataIndex: 'investment',
            width: 130,
            align: 'right',
            render: (v: number) => fmtNum(v, lang),
          },
          {
            title: t('stage'),
            dataIndex: 'stage',
            width: 90,
            render: (s: string | null) => (s ? (zh ? PROJECT_STAGE[s]?.zh : PROJECT_STAGE[s]?.en) : '—'),
          },
          {
            title: t('milestonesDone'),
            dataIndex: 'milestonesDone',
            width: 160,
            render: (ms: string[]) => (ms.length ? ms.map(milestoneName).join('、') : '—'),
          },
          {
            title: t('note'),
            key: 'note',
            render: (_, r) => [r.note, r.returnReason && `${t('reason')}：${r.returnReason}`].filter(Boolean).join('；') || '—',
          },
          {
            title: t('workflow'),
            dataIndex: 'status',
            width: 96,
            render: (s: string) => <Tag color={VALUE_STATUS[s]?.color}>{bi(VALUE_STATUS[s], lang, s)}</Tag>,
          },
          {
            title: `${t('submittedBy')} / ${t('reviewer')}`,
            key: 'who',
            width: 130,
            render: (_, r) => `${r.submittedBy ?? '—'} / ${r.reviewedBy ?? '—'}`,
          },
          ...(canReview
            ? [
                {
                  title: '',
                  key: 'act',
                  width: 150,
                  render: (_: unknown, r: ProjectReport) =>
                    r.status === 'submitted' ? (
                      <ReviewButtons id={r.id} testId={`report-${r.period}`} review={review} onReturn={() => setReturning(r)} />
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <ReturnDialog
        id={returning?.id ?? null}
        title={`${t('return')}：${returning?.period ?? ''}`}
        review={review}
        onClose={() => setReturning(null)}
      />
    </>
  );
}

interface ReportValues {
  period: string;
  investment?: number | null;
  stage?: string;
  milestonesDone?: string[];
  note?: string;
  issues?: { title?: string; ownerUnit?: string }[];
}

function ReportForm({
  d,
  asOf,
  meta,
  reload,
}: {
  d: ProjectDetail;
  asOf: string;
  meta: PlanSummary | undefined;
  reload(): void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const zh = lang === 'zh';
  const [form] = Form.useForm<ReportValues>();
  const period = Form.useWatch('period', form);
  // Months of the plan's period up to this one (a month not yet over can be reported as it stands).
  const last = thisMonth() > asOf ? thisMonth() : asOf;
  const first = meta ? `${meta.baseYear + 1}-01` : `${Number(asOf.slice(0, 4)) - 5}-01`;
  const existing = d.reports.find((r) => r.period === period);
  const open = d.project.milestones.filter((m) => !m.doneOn || existing?.milestonesDone.includes(m.id));

  // The stage a new month starts from. After every approved month it is the project's (which an
  // administrator may have set back on purpose), or the stage of an earlier month still waiting for
  // review if that is further on, so the next month does not contradict it. Before an approved
  // month it is the stage reported before it, or none (then the month states no stage).
  const rank = (s: string): number => PROJECT_STAGES.indexOf(s as (typeof PROJECT_STAGES)[number]);
  const reportedBefore = [...d.reports]
    .filter((r) => r.stage && (!period || r.period < period))
    .sort((a, b) => b.period.localeCompare(a.period))[0];
  const approvedAfter = d.reports.some((r) => r.stage && r.status === 'approved' && !!period && r.period > period);
  const previousStage = approvedAfter
    ? (reportedBefore?.stage ?? undefined)
    : reportedBefore?.stage && reportedBefore.status !== 'approved' && rank(reportedBefore.stage) > rank(d.project.stage)
      ? reportedBefore.stage
      : d.project.stage;
  // A month already reported: its figures fill the form, to be corrected and sent again.
  useEffect(() => {
    form.setFieldsValue({
      investment: existing?.investment ?? null,
      stage: existing?.stage ?? previousStage,
      milestonesDone: existing?.milestonesDone ?? [],
      note: existing?.note ?? '',
    });
  }, [existing, previousStage, form]);

  // A form that does not validate rejects with no Error: its fields are marked, no message (useAction).
  const sending = useAction(
    async (submit: boolean) => {
      const v = await form.validateFields();
      await apiSend<ProjectReport>('POST', `/api/v1/projects/${enc(d.project.id)}/reports`, {
        period: v.period,
        investment: v.investment,
        stage: v.stage ?? null,
        milestonesDone: v.milestonesDone ?? [],
        note: v.note?.trim() || null,
        issues: (v.issues ?? [])
          .filter((i) => i.title?.trim())
          .map((i) => ({ title: i.title!.trim(), ownerUnit: i.ownerUnit?.trim() || null })),
        submit,
      });
      void message.success(submit ? t('submittedOk') : t('saved'));
      form.setFieldsValue({ issues: [] });
      reload();
    },
    { key: (submit) => (submit ? 'submit' : 'save') },
  );
  const { busy, running, error } = sending;

  const locked = existing?.status === 'approved' || existing?.status === 'submitted';
  return (
    <Form<ReportValues> form={form} name="report" layout="vertical" initialValues={{ period: asOf, issues: [] }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="report-error" />}
      {existing && (
        <Alert
          type={locked ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-existing"
          message={
            zh
              ? `${existing.period}已有报告（${VALUE_STATUS[existing.status]?.zh ?? existing.status}）${
                  existing.status === 'approved' ? '，已审核通过并锁定' : existing.status === 'submitted' ? '，待审核' : '，可修改后再提交'
                }`
              : `${existing.period} already reported (${VALUE_STATUS[existing.status]?.en ?? existing.status})`
          }
        />
      )}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item label={t('period')} name="period" rules={[{ required: true, message: t('period') }]}>
            <MonthSelect from={first} to={last} width="100%" ariaLabel={t('period')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            label={t('investmentMonth')}
            name="investment"
            rules={[{ required: true, message: zh ? '请填写本月完成投资（亿元）' : 'Investment this month (100m yuan)' }]}
          >
            <InputNumber min={0} step={0.1} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('stage')} name="stage">
            <Select options={PROJECT_STAGES.map((s) => ({ value: s, label: zh ? PROJECT_STAGE[s]!.zh : PROJECT_STAGE[s]!.en }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          {open.length > 0 && (
            <Form.Item label={t('milestonesDone')} name="milestonesDone">
              <Checkbox.Group options={open.map((m) => ({ value: m.id, label: `${m.name}（${m.due}）` }))} />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Form.Item label={t('note')} name="note">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
      <Form.List name="issues">
        {(fields, { add, remove }) => (
          <div style={{ marginBottom: 12 }}>
            <div className="pw-subtitle" style={{ marginBottom: 6 }}>
              {t('newIssues')}
            </div>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }} wrap>
                <Form.Item
                  name={[f.name, 'title']}
                  rules={[{ required: true, whitespace: true, message: t('issueTitle') }]}
                  style={{ marginBottom: 6 }}
                >
                  <Input aria-label={t('issueTitle')} placeholder={t('issueTitle')} style={{ width: 360 }} maxLength={500} />
                </Form.Item>
                <Form.Item name={[f.name, 'ownerUnit']} style={{ marginBottom: 6 }}>
                  <Input aria-label={t('responsibleUnit')} placeholder={t('responsibleUnit')} style={{ width: 220 }} maxLength={200} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={zh ? '删除' : 'Remove'} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()} data-testid="add-issue">
              {t('addIssue')}
            </Button>
          </div>
        )}
      </Form.List>
      <Space>
        <Button onClick={() => void sending.run(false)} loading={running === 'save'} disabled={locked || busy} data-testid="save-report">
          {t('saveDraft')}
        </Button>
        <Button
          type="primary"
          onClick={() => void sending.run(true)}
          loading={running === 'submit'}
          disabled={locked || busy}
          data-testid="submit-report"
        >
          {t('submit')}
        </Button>
      </Space>
    </Form>
  );
}
