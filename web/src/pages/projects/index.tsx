/**
 * 重大项目全流程监测: the plan's major projects as of a month — the monitoring summary (warnings,
 * roll-ups by category, town and department, stages, the five-dimension assessment with each score's
 * formula and inputs) above the filterable, paged list with each project's investment against the
 * time share. Administrators register new projects here.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Input, Row, Select, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, WarningFilled } from '@ant-design/icons';
import { RadarChart } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { Chart, registerCharts, type ChartOption } from '../../charts/Chart';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { fmtNum, fmtShare } from '../../format';
import { useLang, useT } from '../../i18n';
import { Link, navigate } from '../../router';
import { can, useSession } from '../../session';
import { PROJECT_CATEGORY, PROJECT_STAGE, PROJECT_STAGES } from '../../status';
import { BEHIND_COLOR, asOfMonth, behindLevel, departmentsOf, latestMonth, money, townsOf, unitNamer } from '../../projects';
import { MonthSelect } from '../../components/MonthSelect';
import type {
  DimensionScore,
  PlanSummary,
  ProjectList as ProjectListData,
  ProjectListItem,
  ProjectMonitoring,
  RollupRow,
  Unit,
} from '../../types';
import ProjectEditor from '../../components/ProjectEditor';
import { WarningList } from '../../components/ProjectWarnings';

registerCharts([RadarChart, RadarComponent]);

const PAGE_SIZES = [20, 50, 100];

export default function ProjectList({ params, query }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const session = useSession();
  const plan = params.plan!;
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const units = useApi<Unit[]>('/api/v1/units');
  const meta = plans.data?.find((p) => p.id === plan);
  const urlAsOf = query.get('asOf');
  // Without a month in the URL the default depends on the plan's period: wait for it.
  const ready = !!urlAsOf || !!plans.data;
  const asOf = asOfMonth(urlAsOf, meta);
  const category = query.get('category') ?? '';
  const stage = query.get('stage') ?? '';
  const town = query.get('town') ?? '';
  const unit = query.get('unit') ?? '';
  const q = query.get('q') ?? '';
  const size = PAGE_SIZES.includes(Number(query.get('size'))) ? Number(query.get('size')) : PAGE_SIZES[0]!;
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [search, setSearch] = useState(q);
  const [registering, setRegistering] = useState(false);

  const listQuery = new URLSearchParams({ asOf, offset: String((page - 1) * size), limit: String(size) });
  for (const [k, v] of Object.entries({ category, stage, town, unit, q })) if (v) listQuery.set(k, v);
  const list = useApi<ProjectListData>(ready ? `/api/v1/plans/${enc(plan)}/projects?${listQuery.toString()}` : null);
  const monitoring = useApi<ProjectMonitoring>(ready ? `/api/v1/plans/${enc(plan)}/projects/monitoring?asOf=${enc(asOf)}` : null);
  const unitName = unitNamer(units.data);

  const setQuery = (patch: Record<string, string | number | null>, keepPage = false): void => {
    const next = new URLSearchParams(query);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!keepPage) next.delete('page');
    const s = next.toString();
    navigate(`/plans/${plan}/projects${s ? `?${s}` : ''}`, { replace: true });
  };

  const warningsOf = useMemo(() => {
    const m = new Map<string, number>();
    for (const w of monitoring.data?.warnings ?? []) m.set(w.projectId, (m.get(w.projectId) ?? 0) + 1);
    return m;
  }, [monitoring.data]);

  if (list.error && !list.data) return <ErrorView error={list.error} retry={list.reload} />;
  if (!list.data) return <Loading />;
  const label = (w: { zh: string; en: string } | undefined, fallback: string): string => (w ? (lang === 'zh' ? w.zh : w.en) : fallback);
  const detailLink = (id: string): string => `/projects/${enc(id)}?asOf=${asOf}`;

  const columns: ColumnsType<ProjectListItem> = [
    {
      title: t('projectName'),
      key: 'name',
      width: 210,
      render: (_, p) => (
        <Link to={detailLink(p.id)} data-project={p.id}>
          {p.name}
        </Link>
      ),
    },
    { title: t('category'), key: 'category', width: 84, render: (_, p) => label(PROJECT_CATEGORY[p.category], p.category) },
    {
      title: t('stage'),
      key: 'stage',
      width: 78,
      render: (_, p) => <Tag color={p.stage === 'planning' ? 'default' : 'blue'}>{label(PROJECT_STAGE[p.stage], p.stage)}</Tag>,
    },
    { title: t('townCol'), key: 'town', width: 92, render: (_, p) => (p.townId ? unitName(p.townId) : '—') },
    {
      title: t('responsibleUnit'),
      key: 'unit',
      width: 150,
      ellipsis: { showTitle: true },
      render: (_, p) => unitName(p.responsibleUnitId),
    },
    {
      title: t('annualPlanInv'),
      key: 'planned',
      width: 86,
      align: 'right',
      render: (_, p) => (p.investment.planned === null ? '—' : fmtNum(p.investment.planned, lang)),
    },
    {
      title: t('completedInv'),
      key: 'completed',
      width: 80,
      align: 'right',
      render: (_, p) => fmtNum(p.investment.completed, lang),
    },
    {
      title: t('rateVsSchedule'),
      key: 'rate',
      width: 270,
      render: (_, p) => {
        const level = behindLevel(p.investment.gapPoints);
        return (
          <span
            data-testid={`investment-${p.id}`}
            data-behind={level}
            style={{ color: p.investment.planned === null ? '#8c8c8c' : BEHIND_COLOR[level], fontWeight: level === 'none' ? 400 : 600 }}
          >
            {p.investment.text}
          </span>
        );
      },
    },
    {
      title: t('warning'),
      key: 'warnings',
      width: 64,
      align: 'center',
      render: (_, p) => {
        const n = warningsOf.get(p.id) ?? 0;
        return n ? (
          <Tag color="red" data-testid={`warnings-${p.id}`}>
            <WarningFilled /> {n}
          </Tag>
        ) : (
          <span className="pw-subtitle">—</span>
        );
      },
    },
  ];

  const filtered = !!(category || stage || town || unit || q);

  return (
    <div data-testid="project-list" aria-busy={list.loading || monitoring.loading}>
      <PageTitle
        extra={
          <>
            <label htmlFor="projects-asof" className="pw-subtitle">
              {t('asOf')}
            </label>
            <MonthSelect
              id="projects-asof"
              ariaLabel={t('asOf')}
              value={asOf}
              from={meta ? `${meta.baseYear + 1}-01` : asOf}
              to={latestMonth(meta)}
              onChange={(m) => m && setQuery({ asOf: m }, true)}
            />
            {can(session, 'project.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="register-project">
                {t('registerProject')}
              </Button>
            )}
          </>
        }
      >
        {meta ? `${meta.shortTitle} · ` : ''}
        {t('projectsTitle')}
      </PageTitle>

      {monitoring.error && !monitoring.data && (
        <Alert type="error" showIcon message={monitoring.error.message} style={{ marginBottom: 12 }} />
      )}
      {monitoring.data && <MonitoringSummary m={monitoring.data} unitName={unitName} asOf={asOf} />}

      <Card size="small" style={{ marginTop: 12 }} title={`${t('projects')}（${list.data.total}）`}>
        <Space wrap style={{ marginBottom: 10 }}>
          <Select
            aria-label={t('category')}
            id="projects-category"
            value={category}
            style={{ width: 130 }}
            onChange={(v: string) => setQuery({ category: v })}
            options={[
              { value: '', label: `${t('category')}：${t('all')}` },
              ...Object.entries(PROJECT_CATEGORY).map(([k, w]) => ({ value: k, label: label(w, k) })),
            ]}
          />
          <Select
            aria-label={t('stage')}
            id="projects-stage"
            value={stage}
            style={{ width: 140 }}
            onChange={(v: string) => setQuery({ stage: v })}
            options={[
              { value: '', label: `${t('stage')}：${t('all')}` },
              ...PROJECT_STAGES.map((k) => ({ value: k, label: label(PROJECT_STAGE[k], k) })),
            ]}
          />
          <Select
            aria-label={t('townCol')}
            id="projects-town"
            value={town}
            style={{ width: 160 }}
            showSearch
            optionFilterProp="label"
            onChange={(v: string) => setQuery({ town: v })}
            options={[
              { value: '', label: `${t('townCol')}：${t('all')}` },
              ...townsOf(units.data).map((u) => ({ value: u.id, label: u.name })),
            ]}
          />
          <Select
            aria-label={t('responsibleUnit')}
            id="projects-unit"
            value={unit}
            style={{ width: 220 }}
            showSearch
            optionFilterProp="label"
            onChange={(v: string) => setQuery({ unit: v })}
            options={[
              { value: '', label: `${t('responsibleUnit')}：${t('all')}` },
              ...departmentsOf(units.data).map((u) => ({ value: u.id, label: u.name })),
            ]}
          />
          <Input.Search
            id="projects-search"
            aria-label={t('searchProjects')}
            placeholder={t('searchProjects')}
            allowClear
            value={search}
            style={{ width: 220 }}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setQuery({ q: v.trim() })}
          />
          {filtered && (
            <Button
              onClick={() => {
                setSearch('');
                setQuery({ category: null, stage: null, town: null, unit: null, q: null });
              }}
            >
              {t('resetFilters')}
            </Button>
          )}
        </Space>
        <Table<ProjectListItem>
          rowKey="id"
          size="small"
          data-testid="projects-table"
          loading={list.loading}
          dataSource={list.data.items}
          columns={columns}
          scroll={{ x: 1090 }}
          rowClassName={(p) => ((warningsOf.get(p.id) ?? 0) > 0 ? 'pw-row-warning' : '')}
          pagination={{
            current: page,
            pageSize: size,
            total: list.data.total,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            showTotal: (n) => (lang === 'zh' ? `共 ${n} 个项目` : `${n} projects`),
            onChange: (p, s) => setQuery(s !== size ? { page: null, size: s } : { page: p > 1 ? p : null }, true),
          }}
        />
      </Card>

      {registering && (
        <ProjectEditor
          plan={plan}
          meta={meta}
          units={units.data}
          onClose={() => setRegistering(false)}
          onDone={(id) => navigate(`/projects/${enc(id)}?asOf=${asOf}`)}
        />
      )}
    </div>
  );
}

function MonitoringSummary({ m, unitName, asOf }: { m: ProjectMonitoring; unitName: (id: string) => string; asOf: string }): ReactNode {
  const t = useT();
  const lang = useLang();
  const inv = m.investment;
  const level = behindLevel(inv.gapPoints);
  const named = (r: RollupRow): string => (r.key === '未指定' ? (lang === 'zh' ? '未指定' : 'not specified') : unitName(r.key));
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8} xl={7}>
          <Card size="small" title={`${t('projectInvestment')}（${asOf}）`} style={{ height: '100%' }} data-testid="projects-investment">
            {(inv.planned ?? 0) > 0 ? (
              <div>
                <span className="pw-headline-value" style={{ color: BEHIND_COLOR[level] }}>
                  {fmtShare(inv.rate)}
                </span>
                <span className="pw-headline-unit">
                  {t('timeShare')} {fmtShare(inv.timeShare)}
                </span>
                <div className="pw-headline-meta">
                  {money(inv.completed, lang)} / {money(inv.planned, lang)}
                  {inv.gapPoints !== null &&
                    (lang === 'zh'
                      ? `，${inv.gapPoints >= 0 ? '超' : '落后'}时序进度${Math.abs(inv.gapPoints).toFixed(1)}个百分点`
                      : `, ${Math.abs(inv.gapPoints).toFixed(1)} points ${inv.gapPoints >= 0 ? 'ahead of' : 'behind'} the time share`)}
                </div>
              </div>
            ) : (
              <div className="pw-headline-meta">{t('noInvestmentPlan')}</div>
            )}
            <div className="pw-headline-meta" style={{ marginTop: 8 }}>
              {lang === 'zh'
                ? `共${m.projects}个项目，${new Set(m.warnings.map((w) => w.projectId)).size}个有预警`
                : `${m.projects} projects, ${new Set(m.warnings.map((w) => w.projectId)).size} with warnings`}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={16} xl={17}>
          <Card
            size="small"
            title={
              <span>
                <WarningFilled style={{ color: m.warnings.length ? '#cf1322' : '#bfbfbf' }} /> {t('projectWarnings')}（{m.warnings.length}）
              </span>
            }
            style={{ height: '100%' }}
          >
            <WarningList warnings={m.warnings} asOf={asOf} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('rollups')} style={{ height: '100%' }} data-testid="rollups">
            <Tabs
              size="small"
              items={[
                {
                  key: 'category',
                  label: t('byCategoryTab'),
                  children: (
                    <RollupTable
                      rows={m.byCategory}
                      title={t('category')}
                      name={(r) => (lang === 'zh' ? (r.label ?? r.key) : (PROJECT_CATEGORY[r.key]?.en ?? r.key))}
                    />
                  ),
                },
                { key: 'town', label: t('byTownTab'), children: <RollupTable rows={m.byTown} title={t('townCol')} name={named} /> },
                { key: 'unit', label: t('byUnitTab'), children: <RollupTable rows={m.byUnit} title={t('responsibleUnit')} name={named} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={`${t('stageDistribution')}（${m.projects}）`} style={{ height: '100%' }}>
            <StageChart byStage={m.byStage} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('fiveDimensions')} style={{ marginTop: 12 }} data-testid="dimensions">
        <Dimensions dims={m.dimensions} />
      </Card>
    </>
  );
}

function RollupTable({ rows, title, name }: { rows: RollupRow[]; title: string; name: (r: RollupRow) => string }): ReactNode {
  const t = useT();
  const lang = useLang();
  return (
    <Table<RollupRow>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ y: 230 }}
      columns={[
        { title, key: 'name', render: (_, r) => name(r) },
        { title: t('projectCount'), dataIndex: 'projects', width: 70, align: 'right' },
        {
          title: t('annualPlanInv'),
          key: 'planned',
          width: 110,
          align: 'right',
          render: (_, r) => (r.planned ? fmtNum(r.planned, lang) : '—'),
        },
        { title: t('completedInv'), key: 'completed', width: 100, align: 'right', render: (_, r) => fmtNum(r.completed, lang) },
        { title: t('completionRate'), key: 'rate', width: 80, align: 'right', render: (_, r) => fmtShare(r.rate) },
      ]}
    />
  );
}

function StageChart({ byStage }: { byStage: Record<string, number> }): ReactNode {
  const lang = useLang();
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const stages = [...PROJECT_STAGES].reverse();
    return {
      grid: { left: 4, right: 28, top: 4, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { fontSize: 10 } },
      yAxis: {
        type: 'category',
        data: stages.map((s) => (lang === 'zh' ? PROJECT_STAGE[s]!.zh : PROJECT_STAGE[s]!.en)),
        axisTick: { show: false },
      },
      series: [
        {
          name: t('projectCount'),
          type: 'bar',
          barMaxWidth: 16,
          data: stages.map((s) => byStage[s] ?? 0),
          itemStyle: { color: '#1f4e9c', borderRadius: [0, 3, 3, 0] },
          label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        },
      ],
    };
  }, [byStage, lang, t]);
  return (
    <Chart
      option={option}
      height={250}
      ariaLabel={`${t('stageDistribution')}：${PROJECT_STAGES.map((s) => `${PROJECT_STAGE[s]!.zh} ${byStage[s] ?? 0}`).join('，')}`}
      testId="stages"
    />
  );
}

const INPUT_LABEL: Record<string, { zh: string; en: string; kind: 'money' | 'share' | 'count' }> = {
  planned: { zh: '当年计划投资', en: 'Planned this year', kind: 'money' },
  completed: { zh: '已完成投资', en: 'Completed', kind: 'money' },
  timeShare: { zh: '时序进度', en: 'Time share', kind: 'share' },
  industryPlanned: { zh: '产业项目计划投资', en: 'Industry projects planned', kind: 'money' },
  secured: { zh: '要素保障到位项目', en: 'Projects with factors secured', kind: 'count' },
  withNeeds: { zh: '有要素需求项目', en: 'Projects with factor needs', kind: 'count' },
  reserve: { zh: '谋划、前期项目总投资', en: 'Total of projects in planning or preparation', kind: 'money' },
  onTime: { zh: '按期完成节点', en: 'Milestones done on time', kind: 'count' },
  due: { zh: '到期节点', en: 'Milestones due', kind: 'count' },
};

export function inputText(key: string, v: number, lang: 'zh' | 'en'): string {
  const l = INPUT_LABEL[key];
  if (!l) return `${key} = ${fmtNum(v, lang)}`;
  const value = l.kind === 'money' ? money(v, lang) : l.kind === 'share' ? fmtShare(v) : `${fmtNum(v, lang)}${lang === 'zh' ? '个' : ''}`;
  return `${lang === 'zh' ? l.zh : l.en} ${value}`;
}

function Dimensions({ dims }: { dims: DimensionScore[] }): ReactNode {
  const t = useT();
  const lang = useLang();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: {
        trigger: 'item',
        formatter: () => dims.map((d) => `${d.name}：${d.score === null ? t('noData') : fmtNum(d.score, lang)}`).join('<br/>'),
      },
      radar: {
        radius: '58%',
        axisNameGap: 6,
        center: ['50%', '55%'],
        splitNumber: 4,
        axisName: { color: '#333', fontSize: 12 },
        indicator: dims.map((d) => ({
          name: `${d.name}\n${d.score === null ? t('noData') : fmtNum(d.score, lang)}`,
          max: 100,
        })),
      },
      series: [
        {
          type: 'radar',
          name: t('fiveDimensions'),
          symbolSize: 5,
          areaStyle: { color: 'rgba(31,78,156,0.18)' },
          lineStyle: { color: '#1f4e9c' },
          itemStyle: { color: '#1f4e9c' },
          // A missing score is a gap in the polygon, never a zero.
          data: [{ value: dims.map((d) => (d.score === null ? '-' : d.score)), name: t('score') }],
        },
      ],
    }),
    [dims, lang, t],
  );
  return (
    <Row gutter={[8, 8]}>
      <Col xs={24} md={8}>
        <Chart
          option={option}
          height={260}
          ariaLabel={`${t('fiveDimensions')}：${dims.map((d) => `${d.name} ${d.score === null ? t('noData') : d.score}`).join('，')}`}
          testId="radar"
        />
      </Col>
      <Col xs={24} md={16}>
        <Table<DimensionScore>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={dims}
          data-testid="dimensions-table"
          columns={[
            { title: t('dimension'), dataIndex: 'name', width: 90 },
            {
              title: t('score'),
              key: 'score',
              width: 76,
              render: (_, d) =>
                d.score === null ? (
                  <Tag data-score="null">{t('noData')}</Tag>
                ) : (
                  <strong data-score={d.score}>{fmtNum(d.score, lang)}</strong>
                ),
            },
            {
              title: `${t('formula')} · ${t('inputs')}`,
              key: 'formula',
              render: (_, d) => (
                <div style={{ fontSize: 12, lineHeight: 1.6 }}>
                  <div className="pw-formula">{d.formula}</div>
                  <div className="pw-subtitle" style={{ fontSize: 12 }}>
                    {Object.entries(d.inputs)
                      .map(([k, v]) => inputText(k, v, lang))
                      .join('；')}
                  </div>
                </div>
              ),
            },
          ]}
        />
      </Col>
    </Row>
  );
}
