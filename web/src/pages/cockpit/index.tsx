/**
 * 驾驶舱: the plan's state for a year at a glance — counts by status, binding indicators that lag
 * first, status by category, the headline figures with their trends, and the 三区 with their towns.
 */
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { Card, Col, Empty, Row, Select, Tag, Typography } from 'antd';
import { AimOutlined, EnvironmentOutlined, WarningFilled } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { Chart, type ChartOption } from '../../charts/Chart';
import { ErrorView, Loading, ModeSwitch, PageTitle, SourcePopover, StatusTag } from '../../components/common';
import { StatusChips } from '../../components/StatusChips';
import { withUnit } from '../../format';
import { beside, DICT, fill, useLang, useT, WORDS_BESIDE, type Lang } from '../../i18n';
import { ATTRIBUTE } from '../../../../src/core/labels';
import { cockpitUrl } from './url';
import { Link, navigate } from '../../router';
import { useCan } from '../../session';
import { STATUS_CHART, STATUS_ORDER, VERDICT_CHART, VERDICT_ORDER, labelOf, wordOf } from '../../status';
import type { Cockpit as CockpitData, IndicatorSummary } from '../../types';
import { HeadlineCard, ProjectsSection, ZoneGrid } from './cards';

const LAGGING = new Set(['lagging', 'seriouslyLagging']);

// The 督办 card's table (Ant Design's Table) is loaded only for those who may see it, off the first draw.
const CockpitSupervision = lazy(() => import('../supervision/unit-counts').then((m) => ({ default: m.CockpitSupervision })));

export default function Cockpit({ params, query }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const year = query.get('year');
  const final = query.get('final') === 'true';
  const { data, error, loading, reload } = useApi<CockpitData>(cockpitUrl(params.plan, year, final));
  const maySupervise = useCan('supervision.read');

  if (error && !data) return <ErrorView error={error} retry={reload} />;
  if (!data) return <Loading />;
  const planId = data.plan.id;
  const { main, measured } = data.indicatorCount;
  // Sub-rows are measured on their own: the tiles count measured items, the plan counts rows.
  const count = fill(t('mainIndicatorsOf'), { n: main }) + (main !== measured ? fill(t('measuredItemsOf'), { n: measured }) : '');
  const setYear = (y: number): void => navigate(`/plans/${planId}?year=${y}`);
  const setFinal = (f: boolean): void => navigate(`/plans/${planId}?year=${data.year}${f ? '&final=true' : ''}`);
  const ended = data.year === data.plan.targetYear;

  return (
    <div data-testid="cockpit" aria-busy={loading}>
      <PageTitle
        extra={
          <>
            {(ended || final) && <ModeSwitch final={final} onChange={setFinal} />}
            <label htmlFor="cockpit-year" className="pw-subtitle">
              {t('year')}
            </label>
            <Select
              id="cockpit-year"
              aria-label={t('year')}
              value={data.year}
              onChange={setYear}
              style={{ width: { zh: 150, en: 160 }[lang] }}
              options={data.years.map((y) => ({
                value: y,
                label: `${y}${t('yearSuffix')}${y === data.latestYear ? t('latestSuffix') : ''}`,
              }))}
            />
          </>
        }
      >
        {data.plan.shortTitle} · {t('cockpitTitle')}
      </PageTitle>
      <div className="pw-subtitle" style={{ marginTop: -8, marginBottom: 12 }}>
        {data.plan.region} · {data.plan.period}
        {t('yearSuffix')} · {t('latestYear')} {data.latestYear} · <span data-testid="cockpit-count">{count}</span>
      </div>

      <Card
        title={
          data.mode === 'final'
            ? `${t('modeFinal')}（${data.plan.period}${t('yearSuffix')}）`
            : `${t('statusCounts')}（${data.year}${t('yearSuffix')}）`
        }
        size="small"
        style={{ marginBottom: 12 }}
      >
        <StatusCounts data={data} />
      </Card>

      <TaskTargetsCard data={data} />
      {maySupervise && (
        <Suspense fallback={null}>
          <CockpitSupervision plan={data.plan.id} />
        </Suspense>
      )}

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={11}>
          <Card
            title={t('attention')}
            size="small"
            extra={<span className="pw-subtitle pw-hide-phone">{t('attentionHint')}</span>}
            style={{ height: '100%' }}
          >
            <Attention data={data} />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card title={t('byCategory')} size="small" style={{ height: '100%' }}>
            <CategoryChart data={data} />
          </Card>
        </Col>
      </Row>

      <Typography.Title level={4} style={{ margin: '18px 0 10px' }}>
        {t('headline')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        {data.headline.map((h) => (
          <Col key={h.key} xs={24} sm={12} xl={6}>
            <HeadlineCard h={h} data={data} />
          </Col>
        ))}
      </Row>

      <ProjectsSection data={data} />

      {data.zones.length > 0 && (
        <Card
          title={
            <span>
              <EnvironmentOutlined /> {t('spatial')}
            </span>
          }
          extra={<span className="pw-subtitle pw-hide-phone">{t('spatialHint')}</span>}
          size="small"
          style={{ marginTop: 12 }}
        >
          <ZoneGrid data={data} />
        </Card>
      )}
    </div>
  );
}

function StatusCounts({ data }: { data: CockpitData }): ReactNode {
  const lang = useLang();
  const t = useT();
  const order: readonly string[] = data.mode === 'final' ? VERDICT_ORDER : STATUS_ORDER;
  const codes = order.filter((c) => (data.counts[c] ?? 0) > 0 || !['notEvaluable', 'assigned', 'expectedCompleted'].includes(c));
  return (
    <div className="pw-count-grid" data-testid="status-counts">
      {codes.map((code) => {
        const w = wordOf(code, data.mode);
        const n = data.counts[code] ?? 0;
        return (
          <Link
            key={code}
            to={`/plans/${data.plan.id}/indicators?year=${data.year}&status=${code}${data.mode === 'final' ? '&final=true' : ''}`}
            className="pw-count"
            data-status={code}
            data-count={n}
            style={{ color: w.color, background: w.bg, borderColor: w.border }}
            aria-label={`${w.zh} ${n}${t('indicatorsUnit')}`}
          >
            <div className="pw-count-n">{n}</div>
            <div className="pw-count-label">{w.zh}</div>
            {WORDS_BESIDE[lang] && <div className="pw-count-en">{w.en}</div>}
          </Link>
        );
      })}
    </div>
  );
}

/** 任务目标进展: the task targets of the plan text by status, a link to their page. */
function TaskTargetsCard({ data }: { data: CockpitData }): ReactNode {
  const t = useT();
  const lang = useLang();
  const tt = data.taskTargets;
  if (!tt.total) return null;
  const order: readonly string[] = data.mode === 'final' ? VERDICT_ORDER : STATUS_ORDER;
  const colours = data.mode === 'final' ? VERDICT_CHART : STATUS_CHART;
  const page = `/plans/${data.plan.id}/task-targets?year=${data.year}${data.mode === 'final' ? '&final=true' : ''}`;
  const present = order.filter((c) => (tt.counts[c] ?? 0) > 0);
  const summary = fill(t('tasksSummary'), { n: tt.total, m: tt.total - tt.noData });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="cockpit-tasks"
      title={
        <Link to={page} data-testid="cockpit-tasks-link">
          <AimOutlined /> {t('taskProgress')}
        </Link>
      }
      extra={
        <Link to={page} className="pw-hide-phone">
          {t('viewTasks')}
        </Link>
      }
    >
      <div className="pw-cockpit-tasks">
        <div
          className="pw-stack-bar"
          role="img"
          aria-label={`${summary}：${present.map((c) => `${labelOf(c, lang, data.mode)} ${tt.counts[c]}`).join('，')}`}
        >
          {present.map((c) => (
            <span key={c} style={{ flex: tt.counts[c], background: colours[c] }} />
          ))}
        </div>
        <div className="pw-task-summary" style={{ margin: 0 }}>
          <span className="pw-subtitle" data-testid="cockpit-tasks-summary">
            {summary}
            {t('colon')}
          </span>
          <StatusChips counts={tt.counts} mode={data.mode} to={(c) => `${page}&status=${c}`} testId="cockpit-task-counts" />
        </div>
      </div>
    </Card>
  );
}

function latestText(i: IndicatorSummary, lang: Lang): string {
  if (!i.latest) return '';
  return `${i.latest.year}${DICT[lang].yearSuffix}：${withUnit(i.latest.value, i.unit, lang)}${i.latest.method === 'chained' ? DICT[lang].estimatedSuffix : ''}`;
}

function Attention({ data }: { data: CockpitData }): ReactNode {
  const t = useT();
  const lang = useLang();
  const code = (i: IndicatorSummary): string | undefined => (data.mode === 'final' ? i.verdict : i.status);
  const warnings = data.indicators.filter((i) => i.warning);
  const others = data.indicators.filter((i) => !i.warning && (LAGGING.has(i.status ?? '') || i.verdict === 'notCompleted'));
  const list = [...warnings, ...others];
  return (
    <div data-testid="attention">
      {warnings.length === 0 && (
        <div className="pw-subtitle" style={{ marginBottom: 8 }}>
          {t('noWarnings')}
        </div>
      )}
      {list.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noLagging')} />
      ) : (
        <ul className="pw-attention">
          {list.map((i) => (
            <li key={i.indicatorId} className={i.warning ? 'pw-warn' : undefined} data-warning={i.warning ? 'true' : 'false'}>
              {i.warning && <WarningFilled style={{ color: '#cf1322' }} aria-label={t('warning')} />}
              <span className="pw-att-name">
                <Link to={`/plans/${data.plan.id}/indicators/${enc(i.indicatorId)}?year=${data.year}`}>
                  {i.no}. {i.name}
                </Link>
                {i.attribute === '约束性' && (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {beside(ATTRIBUTE.约束性, lang)}
                  </Tag>
                )}
              </span>
              <span className="pw-att-value">
                <SourcePopover observations={i.latestObservations}>{latestText(i, lang)}</SourcePopover>
              </span>
              <StatusTag code={code(i)} mode={data.mode} warning={i.warning} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function CategoryChart({ data }: { data: CockpitData }): ReactNode {
  const t = useT();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => {
    const order: readonly string[] = data.mode === 'final' ? VERDICT_ORDER : STATUS_ORDER;
    const colours = data.mode === 'final' ? VERDICT_CHART : STATUS_CHART;
    const cats = [...data.byCategory].reverse();
    const present = order.filter((code) => data.byCategory.some((c) => (c.counts[code] ?? 0) > 0));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 16, top: present.length > 5 ? 52 : 30, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, name: t('itemsAxis'), nameGap: 4 },
      yAxis: { type: 'category', data: cats.map((c) => c.category), axisTick: { show: false } },
      series: present.map((code) => ({
        name: labelOf(code, lang, data.mode),
        type: 'bar',
        stack: 'status',
        barMaxWidth: 22,
        itemStyle: { color: colours[code] },
        label: { show: true, fontSize: 10, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
        data: cats.map((c) => c.counts[code] ?? 0),
      })),
    };
  }, [data, lang]);
  return <Chart option={option} height={330} ariaLabel={`${t('byCategoryAria')}（${data.year}）`} testId="category" />;
}
