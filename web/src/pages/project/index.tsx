/**
 * One major project as of a month: its facts and the plan sections and 专栏 it comes from, the
 * lifecycle with the current stage, milestones (overdue in red), investment plan against the
 * approved monthly figures, warnings, coordination issues and the monthly reports with their
 * workflow. The responsible unit's reporter (and administrators) report a month here;
 * administrators approve or return reports, resolve issues and edit the project.
 */
import { useState, type ReactNode } from 'react';
import { Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { EditOutlined, WarningFilled } from '@ant-design/icons';
import { MarkLineComponent } from 'echarts/components';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { registerCharts } from '../../charts/Chart';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { fmtShare } from '../../format';
import { fill, useLang, useT, word } from '../../i18n';
import { Link, navigate } from '../../router';
import { can, useSession } from '../../session';
import { PROJECT_CATEGORY, PROJECT_STAGE } from '../../../../src/core/labels';
import { BEHIND_COLOR, asOfMonth, behindLevel, latestMonth, money, unitNamer } from '../../projects';
import { MonthSelect } from '../../components/MonthSelect';
import type { Chapter, Column, PlanSummary, ProjectDetail, Unit } from '../../types';
import ProjectEditor from '../../components/ProjectEditor';
import { WarningList } from '../../components/ProjectWarnings';
import { Facts, Lifecycle, Milestones } from './facts';
import { InvestmentChart } from './investment-chart';
import { Issues, Reports } from './reviews';
import { ReportForm } from './report-form';

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
            <Link to={`/plans/${p.planId}/projects?asOf=${asOf}`}>{t('allProjects')}</Link>
          </>
        }
      >
        {p.name}
      </PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{word(PROJECT_CATEGORY, p.category, lang)}</Tag>
        <Tag color="blue">{word(PROJECT_STAGE, p.stage, lang)}</Tag>
        {p.origin === 'plan' && <Tag color="geekblue">{t('namedInPlan')}</Tag>}
        {d.warnings.length > 0 && (
          <span style={{ color: '#cf1322' }}>
            <WarningFilled /> {fill(t('warningsCountOf'), { n: d.warnings.length })}
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
          <Card size="small" title={`${inv.year}${t('yearSuffix')} ${t('projectInvestment')}`} style={{ height: '100%' }}>
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
                  {t('yearlyPlanShort')} {money(inv.planned, lang)} · {t('completedShort')} {money(inv.completed, lang)}
                </div>
              )}
              <div>
                {t('timeShare')} {fmtShare(inv.timeShare)}（{fill(t('asOfOf'), { m: asOf })}）
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

      <Card size="small" style={{ marginTop: 12 }} title={t('projectFacts')}>
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
          <Card size="small" title={`${t('investmentChart')}（${inv.year}${t('yearSuffix')}）`} style={{ height: '100%' }}>
            <InvestmentChart d={d} asOf={asOf} />
          </Card>
        </Col>
      </Row>

      <Card
        size="small"
        style={{ marginTop: 12 }}
        title={`${t('issues')}（${fill(t('openOfOf'), { open: d.issues.filter((i) => i.status === 'open').length, n: d.issues.length })}）`}
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
