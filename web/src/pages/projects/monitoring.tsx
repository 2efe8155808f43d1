/** Parts of projects/index.tsx: MonitoringSummary. */
import { useMemo, type ReactNode } from 'react';
import { Card, Col, Row, Table, Tabs, Tag } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import { Chart, type ChartOption } from '../../charts/Chart';
import { fmtNum, fmtShare } from '../../format';
import { DICT, fill, useLang, useT, word, type Lang } from '../../i18n';
import { DIMENSION_INPUT, PROJECT_CATEGORY, PROJECT_STAGE } from '../../../../src/core/labels';
import { PROJECT_STAGES } from '../../status';
import { BEHIND_COLOR, behindLevel, money } from '../../projects';
import type { DimensionScore, ProjectMonitoring, RollupRow } from '../../types';
import { WarningList } from '../../components/ProjectWarnings';

export function MonitoringSummary({
  m,
  unitName,
  asOf,
}: {
  m: ProjectMonitoring;
  unitName: (id: string) => string;
  asOf: string;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const inv = m.investment;
  const level = behindLevel(inv.gapPoints);
  const named = (r: RollupRow): string => (r.key === '未指定' ? t('notSpecified') : unitName(r.key));
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
                    fill(t(inv.gapPoints >= 0 ? 'aheadOfTimeShareOf' : 'behindTimeShareOf'), { p: Math.abs(inv.gapPoints).toFixed(1) })}
                </div>
              </div>
            ) : (
              <div className="pw-headline-meta">{t('noInvestmentPlan')}</div>
            )}
            <div className="pw-headline-meta" style={{ marginTop: 8 }}>
              {fill(t('projectsWithWarningsOf'), { n: m.projects, w: new Set(m.warnings.map((w) => w.projectId)).size })}
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
                  children: <RollupTable rows={m.byCategory} title={t('category')} name={(r) => word(PROJECT_CATEGORY, r.key, lang)} />,
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

export function RollupTable({ rows, title, name }: { rows: RollupRow[]; title: string; name: (r: RollupRow) => string }): ReactNode {
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

export function StageChart({ byStage }: { byStage: Record<string, number> }): ReactNode {
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
        data: stages.map((s) => word(PROJECT_STAGE, s, lang)),
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
      ariaLabel={`${t('stageDistribution')}：${PROJECT_STAGES.map((s) => `${word(PROJECT_STAGE, s, lang)} ${byStage[s] ?? 0}`).join(t('listSep'))}`}
      testId="stages"
    />
  );
}

/** How each input of a dimension's score is written (its words: DIMENSION_INPUT in src/core/labels.ts). */
const INPUT_KIND: Record<string, 'money' | 'share' | 'count'> = {
  planned: 'money',
  completed: 'money',
  timeShare: 'share',
  industryPlanned: 'money',
  secured: 'count',
  withNeeds: 'count',
  reserve: 'money',
  onTime: 'count',
  due: 'count',
};

export function inputText(key: string, v: number, lang: Lang): string {
  const kind = INPUT_KIND[key];
  if (!kind) return `${key} = ${fmtNum(v, lang)}`;
  const value = kind === 'money' ? money(v, lang) : kind === 'share' ? fmtShare(v) : fill(DICT[lang].countOf, { n: fmtNum(v, lang) });
  return `${word(DIMENSION_INPUT, key, lang)} ${value}`;
}

export function Dimensions({ dims }: { dims: DimensionScore[] }): ReactNode {
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
