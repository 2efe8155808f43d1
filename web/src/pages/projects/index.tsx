/**
 * 重大项目全流程监测: the plan's major projects as of a month — the monitoring summary (warnings,
 * roll-ups by category, town and department, stages, the five-dimension assessment with each score's
 * formula and inputs) above the filterable, paged list with each project's investment against the
 * time share. Administrators register new projects here.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, WarningFilled } from '@ant-design/icons';
import { RadarChart } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { registerCharts } from '../../charts/Chart';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { fmtNum } from '../../format';
import { fill, useLang, useT, word } from '../../i18n';
import { Link, navigate } from '../../router';
import { can, useSession } from '../../session';
import { PROJECT_CATEGORY, PROJECT_STAGE } from '../../../../src/core/labels';
import { PROJECT_STAGES } from '../../status';
import { BEHIND_COLOR, asOfMonth, behindLevel, departmentsOf, latestMonth, townsOf, unitNamer } from '../../projects';
import { MonthSelect } from '../../components/MonthSelect';
import type { PlanSummary, ProjectList as ProjectListData, ProjectListItem, ProjectMonitoring, Unit } from '../../types';
import ProjectEditor from '../../components/ProjectEditor';
import { MonitoringSummary } from './monitoring';

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
    { title: t('category'), key: 'category', width: 84, render: (_, p) => word(PROJECT_CATEGORY, p.category, lang) },
    {
      title: t('stage'),
      key: 'stage',
      width: 78,
      render: (_, p) => <Tag color={p.stage === 'planning' ? 'default' : 'blue'}>{word(PROJECT_STAGE, p.stage, lang)}</Tag>,
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
              ...Object.entries(PROJECT_CATEGORY).map(([k, w]) => ({ value: k, label: w[lang] })),
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
              ...PROJECT_STAGES.map((k) => ({ value: k, label: word(PROJECT_STAGE, k, lang) })),
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
            showTotal: (n) => fill(t('projectsTotalOf'), { n }),
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
