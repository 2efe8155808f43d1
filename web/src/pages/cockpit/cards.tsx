/** Parts of cockpit/index.tsx: HeadlineCard, ZoneGrid, ProjectsSection. */
import { useMemo, type ReactNode } from 'react';
import { Card, Col, Row, Space, Tag, Tooltip } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { enc, useApi } from '../../api';
import { Chart, type ChartOption } from '../../charts/Chart';
import { SourceNote, StatusTag } from '../../components/common';
import { fmtPct, targetText, withUnit } from '../../format';
import { fill, useLang, useT, word, WORDS_BESIDE } from '../../i18n';
import { Link } from '../../router';
import { PROJECT_CATEGORY, PROJECT_STAGE } from '../../../../src/core/labels';
import type { Cockpit as CockpitData, Headline, ProjectMonitoring } from '../../types';

export function HeadlineCard({ h, data }: { h: Headline; data: CockpitData }): ReactNode {
  const t = useT();
  const lang = useLang();
  const { baseYear, targetYear } = data.plan;
  const option = useMemo<ChartOption>(() => {
    const years: number[] = [];
    for (let y = baseYear; y <= targetYear; y++) years.push(y);
    const byYear = new Map(h.series.map((p) => [p.year, p.value]));
    const path =
      h.base !== null && h.target !== null
        ? years.map((y) => Number((h.base! + ((h.target! - h.base!) * (y - baseYear)) / (targetYear - baseYear)).toFixed(4)))
        : [];
    return {
      grid: { left: 4, right: 8, top: 8, bottom: 4, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : withUnit(v, h.unit, lang)) },
      xAxis: { type: 'category', data: years.map(String), axisLabel: { fontSize: 10 }, axisTick: { show: false } },
      yAxis: { type: 'value', scale: true, splitNumber: 2, axisLabel: { fontSize: 10 } },
      series: [
        {
          name: t('actual'),
          type: 'line',
          data: years.map((y) => byYear.get(y) ?? null),
          connectNulls: true,
          symbolSize: 5,
          lineStyle: { width: 2, color: '#1f4e9c' },
          itemStyle: { color: '#1f4e9c' },
        },
        ...(path.length
          ? [
              {
                name: t('schedulePath'),
                type: 'line',
                data: path,
                symbol: 'none',
                lineStyle: { type: 'dashed', width: 1, color: '#999' },
                itemStyle: { color: '#999' },
              },
            ]
          : []),
      ],
    };
  }, [h, baseYear, targetYear, lang, t]);

  const code = data.mode === 'final' ? h.verdict : h.status;
  // The headline is the figure as published, on its own scope; progress is measured on the base's
  // scope, which may be an estimate (推算): both are shown, each saying what it is.
  const published = h.published && (!h.latest || h.published.year >= h.latest.year) ? h.published : null;
  const headlineShown = published ?? h.latest;
  const measuredOn = published && h.latest && (h.latest.value !== published.value || h.latest.year !== published.year) ? h.latest : null;
  return (
    <Card
      size="small"
      style={{ height: '100%', borderColor: h.warning ? '#ffa39e' : undefined }}
      data-testid={`headline-${h.key}`}
      title={
        <Link to={`/plans/${data.plan.id}/indicators/${enc(h.indicatorId)}?year=${data.year}`} title={h.name}>
          {h.name}
        </Link>
      }
      extra={WORDS_BESIDE[lang] ? undefined : <StatusTag code={code} mode={data.mode} warning={h.warning} />}
    >
      {WORDS_BESIDE[lang] && (
        <div style={{ marginBottom: 4 }}>
          <StatusTag code={code} mode={data.mode} warning={h.warning} />
        </div>
      )}
      {headlineShown ? (
        <div className="pw-headline-value" data-testid={`headline-figure-${h.key}`}>
          {withUnit(headlineShown.value, '', lang)}
          <span className="pw-headline-unit">
            {h.unit} · {headlineShown.year}
            {t('yearSuffix')}
            {published ? t('publishedSuffix') : ''}
            {published?.scope ? `（${published.scope}）` : ''}
          </span>
          {!published && h.latest?.method === 'chained' && (
            <Tooltip title={h.latest.explanation}>
              <Tag color="orange" style={{ marginLeft: 6, verticalAlign: 'middle' }} tabIndex={0}>
                {t('estimated')}
              </Tag>
            </Tooltip>
          )}
        </div>
      ) : (
        <div className="pw-headline-value" style={{ color: '#999', fontSize: 18 }}>
          {t('noData')}
        </div>
      )}
      <Chart
        option={option}
        height={110}
        ariaLabel={`${h.name}${t('trendSuffix')}（${baseYear}—${targetYear}）`}
        testId={`trend-${h.key}`}
      />
      <div className="pw-headline-meta">
        {measuredOn && (
          <div data-testid={`measured-on-${h.key}`}>
            <Tooltip title={measuredOn.explanation}>
              <span tabIndex={0}>
                {fill(t('measuredOnOf'), { y: measuredOn.year, v: withUnit(measuredOn.value, h.unit, lang) })}
                {measuredOn.method === 'chained' ? t('estimatedSuffix') : ''}
              </span>
            </Tooltip>
          </div>
        )}
        <div>
          {t('target')}（{targetYear}）：{targetText(h.targetWritten, h.unit)}
          {h.growthTargetWritten ? `，${t('growthTarget')} ${h.growthTargetWritten}` : ''}
        </div>
        {h.key === 'gdp' && h.requiredGrowthPct !== null && (
          <div data-testid="gdp-required-growth">
            <strong>
              {t('requiredGrowth')} {fmtPct(h.requiredGrowthPct)}
            </strong>
            {h.realisedGrowthPct !== null ? `（${t('realisedGrowth')} ${fmtPct(h.realisedGrowthPct)}）` : ''}
          </div>
        )}
        {h.annual && (
          <div>
            {h.annual.year}
            {t('annualTarget')}：{h.annual.target}（{h.annual.verdictLabel}）
          </div>
        )}
        {h.key !== 'gdp' && h.explanation && (
          // Two lines by CSS, the whole sentence on hover: Ant Design's measured ellipsis forced a
          // layout of the page for each card on the first draw.
          <Tooltip title={h.explanation}>
            <div className="pw-clamp-2">{h.explanation}</div>
          </Tooltip>
        )}
        <SourceNote observations={h.latestObservations} compact />
      </div>
    </Card>
  );
}

export function ZoneGrid({ data }: { data: CockpitData }): ReactNode {
  const t = useT();
  const kindLabel = (k: string): string => (k === 'town' ? t('town') : k === 'street' ? t('street') : k === 'platform' ? t('platform') : k);
  return (
    <div className="pw-zone-grid" data-testid="zones">
      {data.zones.map((z) => (
        <section key={z.id} className="pw-zone" aria-label={z.name}>
          <h4>{z.name}</h4>
          {z.description && (
            <Tooltip title={z.description} overlayStyle={{ maxWidth: 480 }}>
              <p className="pw-zone-desc" tabIndex={0}>
                {z.description}
              </p>
            </Tooltip>
          )}
          <Space direction="vertical" style={{ width: '100%' }} size={6}>
            <div className="pw-town-grid">
              {z.units.map((u) => (
                <div key={u.id} className="pw-town">
                  <span>{u.name}</span>
                  <small>{kindLabel(u.kind)}</small>
                </div>
              ))}
            </div>
          </Space>
        </section>
      ))}
    </div>
  );
}

/** 重大项目: shown only when the plan has projects (the registry of its 专栏 and their progress). */
export function ProjectsSection({ data }: { data: CockpitData }): ReactNode {
  const t = useT();
  const lang = useLang();
  const { data: m } = useApi<ProjectMonitoring>(`/api/v1/plans/${enc(data.plan.id)}/projects/monitoring?asOf=${data.year}-12`);
  if (!m || m.projects === 0) return null;
  const inv = m.investment;
  return (
    <Card
      size="small"
      style={{ marginTop: 12 }}
      data-testid="projects"
      title={
        <Link to={`/plans/${data.plan.id}/projects?asOf=${m.asOf}`} data-testid="projects-link">
          <ApartmentOutlined /> {t('projects')}（{m.projects}）
        </Link>
      }
      extra={
        <Space size={10}>
          <span className="pw-subtitle">{m.asOf}</span>
          <Link to={`/plans/${data.plan.id}/projects?asOf=${m.asOf}`}>{t('allProjectsLink')}</Link>
        </Space>
      }
    >
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <div className="pw-subtitle">{t('projectInvestment')}</div>
          {(inv.planned ?? 0) > 0 ? (
            <div>
              <span className="pw-headline-value" style={{ fontSize: 22 }}>
                {inv.rate === null ? '—' : `${Number((inv.rate * 100).toFixed(1))}%`}
              </span>
              <div className="pw-headline-meta">
                {withUnit(inv.completed, t('unitYi'), lang)} / {withUnit(inv.planned, t('unitYi'), lang)} · {t('timeShare')}{' '}
                {Number((inv.timeShare * 100).toFixed(0))}%
              </div>
            </div>
          ) : (
            <div className="pw-headline-meta">{t('noInvestmentPlan')}</div>
          )}
        </Col>
        <Col xs={24} md={8}>
          <div className="pw-subtitle">{t('projectCategories')}</div>
          <Space size={[4, 4]} wrap>
            {m.byCategory.map((c) => (
              <Tag key={c.key}>
                {word(PROJECT_CATEGORY, c.key, lang)} {c.projects}
              </Tag>
            ))}
          </Space>
          <div className="pw-subtitle" style={{ marginTop: 6 }}>
            {t('stage')}
          </div>
          <Space size={[4, 4]} wrap>
            {Object.entries(m.byStage).map(([k, n]) => (
              <Tag key={k} color="blue">
                {word(PROJECT_STAGE, k, lang)} {n}
              </Tag>
            ))}
          </Space>
        </Col>
        <Col xs={24} md={8}>
          <div className="pw-subtitle">{t('projectWarnings')}</div>
          {m.warnings.length ? (
            <ul style={{ paddingLeft: 18, margin: 0, fontSize: 13 }}>
              {m.warnings.slice(0, 5).map((w, i) => (
                <li key={i}>
                  <Link to={`/projects/${enc(w.projectId)}?asOf=${m.asOf}`}>
                    <strong>{w.projectName}</strong>
                  </Link>
                  ：{w.message}
                </li>
              ))}
              {m.warnings.length > 5 && <li>…（{m.warnings.length}）</li>}
            </ul>
          ) : (
            <div className="pw-headline-meta">{t('noProjectWarnings')}</div>
          )}
        </Col>
      </Row>
    </Card>
  );
}
