/**
 * One indicator: its history against the base, the target, the yearly-plan targets, the schedule
 * path and the forecast; the figures and the rule behind its status in words; every value with its
 * source, scope and workflow state; the audit trail; the plan sections and task targets it belongs to.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Row, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, WarningFilled } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { Chart, registerCharts, type ChartOption } from '../../charts/Chart';
import { AssignUnits } from '../../components/AssignUnits';
import { OfficialVerdict } from '../../components/OfficialVerdict';
import { ErrorView, Loading, PageTitle, ScopeTag, SourceLink, SourcePopover, StatusTag } from '../../components/common';
import { LatestCell } from '../../components/figures';
import { fmtNum, fmtPct, fmtShare, fmtTime, targetText, withUnit } from '../../format';
import { useLang, useT } from '../../i18n';
import { setNavHint } from '../../nav';
import { Link, navigate } from '../../router';
import { can, useSession } from '../../session';
import { KIND, METHOD, VALUE_STATUS, bi } from '../../status';
import { useTargets } from '../../targets';
import type { AuditEntry, IndicatorDetail, Observation, PlanSummary, Series, Unit, ValueRecord } from '../../types';

registerCharts([ScatterChart, MarkLineComponent]);

const SDG: Record<string, { zh: string; en: string }> = {
  onTrack: { zh: '进展顺利', en: 'On track' },
  accelerate: { zh: '需加快推进', en: 'Acceleration needed' },
  limited: { zh: '进展有限', en: 'Limited progress' },
  deterioration: { zh: '出现倒退', en: 'Deterioration' },
};
const UNSD: Record<string, { zh: string; en: string }> = {
  onTrack: { zh: '有望实现', en: 'On track' },
  fair: { zh: '需加快', en: 'Fair progress' },
  stagnation: { zh: '停滞或倒退', en: 'Stagnation or regression' },
};

const MARKS = '\u0000marks';

/** 「增长7.5%左右」 → 7.5 (a growth target); 「93以上」 → a level. */
function parseAnnual(target: string): { growth?: number; level?: number } {
  const g = /(增长|增速|提高)\s*(-?\d+(?:\.\d+)?)\s*%/.exec(target);
  if (g) return { growth: Number(g[2]) };
  const l = /^\s*(-?\d+(?:\.\d+)?)/.exec(target);
  if (l) return { level: Number(l[1]) };
  return {};
}

export default function IndicatorPage({ params, query }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const session = useSession();
  const plan = params.plan!;
  const id = params.id!;
  const year = query.get('year');
  const yq = year ? `?year=${enc(year)}` : '';
  const detail = useApi<IndicatorDetail>(`/api/v1/plans/${enc(plan)}/indicators/${enc(id)}${yq}`);
  const series = useApi<Series>(`/api/v1/plans/${enc(plan)}/indicators/${enc(id)}/series${yq}`);
  const targets = useTargets(plan);
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const units = useApi<Unit[]>('/api/v1/units');

  // A task target's page belongs under 任务目标 in the menu, though its path is an indicator's.
  const isTask = !!targets.get(id)?.task;
  useEffect(() => {
    if (!isTask) return;
    setNavHint({ path: location.pathname, key: 'tasks' });
    return () => setNavHint(null);
  }, [isTask, plan, id]);

  if (detail.error && !detail.data) return <ErrorView error={detail.error} retry={detail.reload} />;

  // Until the lists say whether the id is an indicator or a task target (both are shown here).
  if (!detail.data || (!targets.ready && !targets.error)) return <Loading />;
  const d = detail.data;
  const r = d.result;
  const f = r.figures;
  const target = targets.get(id);
  const ind = target?.indicator;
  const task = target?.taskTarget;
  const cumulative = r.targetKind === 'cumulative';
  const meta = plans.data?.find((p) => p.id === plan);
  const years: number[] = [];
  for (let y = f.baseYear + 1; y <= f.targetYear; y++) years.push(y);
  const unitName = (u: string): string => units.data?.find((x) => x.id === u)?.name ?? u;
  const code = r.mode === 'final' ? r.verdict : r.status;
  const yr = lang === 'zh' ? '年' : '';
  // A share's level target asks for points, not a growth rate of the share.
  const showGrowth = r.unit !== '%' || r.targetKind === 'growth' || r.targetKind === 'relational';
  const others = d.taskTargets.filter((x) => x.id !== id);
  const canEnter = can(session, 'value.submit', d);

  return (
    <div data-testid="indicator-page" data-indicator={id}>
      <PageTitle
        extra={
          <>
            <Select
              aria-label={t('year')}
              value={r.year}
              onChange={(y: number) => navigate(`/plans/${plan}/indicators/${enc(id)}?year=${y}`, { replace: true })}
              style={{ width: 110 }}
              options={years.map((y) => ({ value: y, label: `${y}${yr}` }))}
            />
            {!task && (
              <Button onClick={() => navigate(`/plans/${plan}/indicators/${enc(id)}/periods`)} data-testid="periods-link">
                {t('periodsLink')}
              </Button>
            )}
            {canEnter && (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/plans/${plan}/entry?indicator=${enc(id)}&year=${r.year}`)}
                data-testid="enter-value"
              >
                {t('enterValue')}
              </Button>
            )}
          </>
        }
      >
        {task ? r.name : `${r.indicatorId}. ${r.name}`}
      </PageTitle>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{r.category}</Tag>
        {r.attribute && <Tag color={r.attribute === '约束性' ? 'red' : 'default'}>{r.attribute}</Tag>}
        {ind && <Tag>{ind.directionLabel}</Tag>}
        <StatusTag code={code} mode={r.mode} warning={r.warning} label={r.shownLabel} />
        {r.warning && (
          <span style={{ color: '#cf1322' }}>
            <WarningFilled /> {lang === 'zh' ? '约束性指标滞后，列为预警' : '约束性 binding indicator lagging: warning'}
          </span>
        )}
        {meta && <span className="pw-subtitle">{meta.shortTitle}</span>}
      </Space>

      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('history')}>
            {cumulative ? <CumulativeChart d={d} /> : series.data ? <HistoryChart d={d} s={series.data} /> : <Loading />}
            {series.data && series.data.incomparable.length > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                message={
                  lang === 'zh' ? '口径不同、未与基期比较的数值（图中灰点）' : 'Values on another scope, not compared with the base (grey)'
                }
                description={series.data.incomparable.map((o, i) => (
                  <div key={i}>
                    {o.year}
                    {yr}：{withUnit(o.value, r.unit, lang)} <ScopeTag scope={o.scope} /> {o.source && <SourceLink source={o.source} />}
                  </div>
                ))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={`${t('rule')} · ${t('explanation')}`} data-testid="explanation">
            <div className="pw-explain">{r.explanation}</div>
            <Typography.Paragraph style={{ margin: '8px 0' }}>
              <strong>{t('rule')}：</strong>
              <code data-testid="rule">{r.rule.text}</code>
            </Typography.Paragraph>
            {r.officialVerdict && (
              <Alert
                type="info"
                style={{ marginBottom: 8 }}
                data-testid="official-shown"
                message={`${t('officialVerdict')}：${r.officialVerdict.label}`}
                description={[r.officialVerdict.reason, r.officialVerdict.source].filter(Boolean).join(' — ')}
              />
            )}
            {can(session, 'verdict.set', d) && (
              <div style={{ marginBottom: 8 }}>
                <OfficialVerdict plan={plan} targetId={id} current={r.officialVerdict} onSaved={detail.reload} />
              </div>
            )}
            {r.notes.length > 0 && (
              <>
                <strong>{t('notes')}：</strong>
                <ul style={{ paddingLeft: 18, margin: '4px 0 8px' }} data-testid="notes">
                  {r.notes.map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                </ul>
              </>
            )}
            {r.annual && (
              <div>
                <strong>
                  {r.annual.year}
                  {yr}
                  {t('annualResult')}：
                </strong>
                {r.annual.target} → {r.annual.verdictLabel}。{r.annual.explanation}
              </div>
            )}
          </Card>
        </Col>
      </Row>

      <Card size="small" style={{ marginTop: 12 }}>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} contentStyle={{ minWidth: 110 }}>
          {!cumulative && (
            <Descriptions.Item label={`${t('baseValue')}（${f.baseYear}）`}>
              {ind?.baseWritten ?? (f.base === null ? '—' : withUnit(f.base, r.unit, lang))}
              {ind?.baseScope ? <ScopeTag scope={ind.baseScope} /> : null}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('latestValue')}>
            {cumulative ? (
              <LatestCell r={r} unit />
            ) : f.latest ? (
              <SourcePopover observations={r.observations.filter((o) => o.year === f.latest!.year)}>
                {withUnit(f.latest.value, r.unit, lang)}（{f.latest.year}
                {yr}，{bi(METHOD[f.latest.method], lang, f.latest.method)}）
              </SourcePopover>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={`${t('target')}（${f.targetYear}）`}>
            {targetText(r.targetWritten || undefined, r.unit)}
            {f.stretch !== undefined && !r.targetWritten.includes('力争')
              ? `（${lang === 'zh' ? '力争' : 'stretch'} ${withUnit(f.stretch, r.unit, lang)}）`
              : ''}
          </Descriptions.Item>
          {r.growthTargetWritten && <Descriptions.Item label={t('growthTarget')}>{r.growthTargetWritten}</Descriptions.Item>}
          <Descriptions.Item label={t('timeShare')}>{fmtShare(f.timeShare)}</Descriptions.Item>
          <Descriptions.Item label={t('completion')}>
            {f.completion !== undefined ? fmtShare(f.completion) : f.growthRatio !== undefined ? `q = ${fmtShare(f.growthRatio)}` : '—'}
          </Descriptions.Item>
          {f.requiredGrowthPct !== undefined && showGrowth && (
            <Descriptions.Item label={t('requiredGrowth')}>
              <strong data-testid="required-growth">{fmtPct(f.requiredGrowthPct)}</strong>
            </Descriptions.Item>
          )}
          {f.requiredChange !== undefined && (
            <Descriptions.Item label={cumulative ? t('requiredPerYear') : t('requiredChange')}>
              <span style={{ fontWeight: showGrowth ? 400 : 600 }}>
                {r.unit === '%'
                  ? `${fmtNum(f.requiredChange, lang)} ${lang === 'zh' ? '个百分点' : 'points'}`
                  : withUnit(f.requiredChange, r.unit, lang)}
              </span>
            </Descriptions.Item>
          )}
          {f.realisedGrowthPct !== undefined && showGrowth && (
            <Descriptions.Item label={t('realisedGrowth')}>{fmtPct(f.realisedGrowthPct)}</Descriptions.Item>
          )}
          {f.forecast && (
            <Descriptions.Item label={`${t('forecast')}（${f.targetYear}）`}>
              {withUnit(f.forecast.value, r.unit, lang)}
              <div className="pw-subtitle">{f.forecast.basis}</div>
            </Descriptions.Item>
          )}
          {f.anticipatedCompletion !== undefined && (
            <Descriptions.Item label={t('anticipated')}>{fmtShare(f.anticipatedCompletion)}</Descriptions.Item>
          )}
          {f.sdgBand && (
            <Descriptions.Item label={t('sdg')}>
              R = {fmtNum(f.sdgRatio, lang)}，{bi(SDG[f.sdgBand], lang, f.sdgBand)}
              {f.unsdBand ? `；UNSD：${bi(UNSD[f.unsdBand], lang, f.unsdBand)}` : ''}
            </Descriptions.Item>
          )}
          {ind?.leadDepartment && <Descriptions.Item label={t('lead')}>{ind.leadDepartment}</Descriptions.Item>}
          {(d.assignedUnits.length > 0 || can(session, 'assignment.manage', d)) && (
            <Descriptions.Item label={t('assignedUnits')}>
              <span data-testid="assigned-units">
                {d.assignedUnits.length ? d.assignedUnits.map(unitName).join('、') : t('noAssignment')}
              </span>
              {can(session, 'assignment.manage', d) && (
                <div style={{ marginTop: 4 }}>
                  <AssignUnits plan={plan} targetType={task ? 'task' : 'indicator'} targetId={id} onSaved={detail.reload} />
                </div>
              )}
            </Descriptions.Item>
          )}
          {ind?.note && <Descriptions.Item label={t('note')}>{ind.note}</Descriptions.Item>}
          {task && (
            <Descriptions.Item label={t('planQuote')} span={{ xs: 1, sm: 2, lg: 3 }}>
              「{task.quote}」
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card size="small" title={t('values')} style={{ marginTop: 12 }}>
        <ValuesTable values={d.values} unit={r.unit} />
      </Card>

      <Row gutter={[12, 12]} style={{ marginTop: 0 }}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('sections')} style={{ marginTop: 12 }}>
            {d.sections.length ? (
              <List
                size="small"
                dataSource={d.sections}
                renderItem={(s) => (
                  <List.Item>
                    <Link to={`/plans/${plan}/text#sec-${s.id}`}>
                      {s.chapterTitle} · {s.title}
                    </Link>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={task ? t('otherTasks') : t('taskTargets')} style={{ marginTop: 12 }}>
            {others.length ? (
              <List
                size="small"
                dataSource={others}
                renderItem={(tt) => (
                  <List.Item>
                    <Link to={`/plans/${plan}/indicators/${enc(tt.id)}?year=${r.year}`}>{tt.name}</Link>
                    <Tag>{targetText(tt.target, tt.unit)}</Tag>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>

      {d.audit && (
        <Card size="small" title={t('audit')} style={{ marginTop: 12 }} data-testid="audit">
          <AuditTrail audit={d.audit} />
        </Card>
      )}
    </div>
  );
}

function HistoryChart({ d, s }: { d: IndicatorDetail; s: Series }): ReactNode {
  const t = useT();
  const lang = useLang();
  const r = d.result;
  const f = r.figures;
  const option = useMemo<ChartOption>(() => {
    const years: number[] = [];
    for (let y = f.baseYear; y <= f.targetYear; y++) years.push(y);
    const idx = (y: number): number => years.indexOf(y);
    const at = (pairs: [number, number][]): (number | null)[] => {
      const out: (number | null)[] = years.map(() => null);
      for (const [y, v] of pairs) if (idx(y) >= 0) out[idx(y)] = Number(v.toFixed(6));
      return out;
    };
    const annual = d.annualTargets.map((a) => ({ year: a.year, ...parseAnnual(a.target), text: a.target }));
    const growthTargets = annual.filter((a) => a.growth !== undefined);
    const levelTargets = annual.filter((a) => a.level !== undefined);
    const growthYears = s.growth.filter((g) => g.year > f.baseYear);
    const hasGrowthAxis = growthYears.length > 0 || growthTargets.length > 0 || f.targetGrowthPct !== undefined;
    const base = f.base ?? s.base;
    const target = f.target ?? s.target ?? undefined;
    const hasLevels = s.levels.length > 0 || target !== undefined;
    const growthAxis = hasLevels ? 1 : 0;
    const u = r.unit;
    const series: unknown[] = [];
    if (hasLevels) {
      series.push({
        name: t('actual'),
        type: 'line',
        data: years.map((y) => {
          const p = s.levels.find((l) => l.year === y);
          if (!p) return null;
          const chained = p.method === 'chained' || p.method === 'fromAverage';
          return {
            value: Number(p.value.toFixed(6)),
            symbol: chained ? 'emptyCircle' : 'circle',
            itemStyle: chained ? { color: '#fa8c16' } : undefined,
          };
        }),
        connectNulls: true,
        symbolSize: 8,
        z: 5,
        lineStyle: { width: 2.5, color: '#1f4e9c' },
        itemStyle: { color: '#1f4e9c' },
      });
      if (base !== null && base !== undefined)
        series.push({
          name: t('basePoint'),
          type: 'scatter',
          data: at([[f.baseYear, base]]),
          symbol: 'rect',
          symbolSize: 10,
          itemStyle: { color: '#595959' },
        });
      if (target !== undefined) {
        series.push({
          name: t('targetPoint'),
          type: 'scatter',
          data: at([[f.targetYear, target]]),
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#c62828' },
          label: { show: true, position: 'left', formatter: `${t('target')} ${withUnit(target, u, lang)}`, fontSize: 11 },
        });
        if (base !== null && base !== undefined) {
          const b = base;
          const tg = target;
          series.push({
            name: t('schedulePath'),
            type: 'line',
            data: years.map((y) => Number((b + ((tg - b) * (y - f.baseYear)) / (f.targetYear - f.baseYear)).toFixed(6))),
            symbol: 'none',
            lineStyle: { type: 'dashed', width: 1.5, color: '#8c8c8c' },
            itemStyle: { color: '#8c8c8c' },
          });
        }
      }
      if (f.forecast && f.latest && f.latest.year < f.targetYear) {
        series.push({
          name: t('forecastLine'),
          type: 'line',
          data: at([
            [f.latest.year, f.latest.value],
            [f.targetYear, f.forecast.value],
          ]),
          connectNulls: true,
          symbol: 'triangle',
          symbolSize: 9,
          lineStyle: { type: 'dotted', width: 2, color: '#722ed1' },
          itemStyle: { color: '#722ed1' },
        });
      }
      if (levelTargets.length)
        series.push({
          name: t('yearlyTarget'),
          type: 'scatter',
          data: at(levelTargets.map((a) => [a.year, a.level!])),
          symbol: 'pin',
          symbolSize: 18,
          itemStyle: { color: '#d48806' },
        });
      if (s.incomparable.length)
        series.push({
          name: lang === 'zh' ? '口径不同' : 'other scope',
          type: 'scatter',
          data: at(s.incomparable.filter((o) => o.kind === 'level').map((o) => [o.year, o.value])),
          symbolSize: 8,
          itemStyle: { color: '#bfbfbf' },
        });
    }
    if (hasGrowthAxis) {
      if (growthYears.length)
        series.push({
          name: t('yearlyGrowth'),
          type: 'bar',
          yAxisIndex: growthAxis,
          barMaxWidth: 18,
          data: at(growthYears.map((g) => [g.year, g.value])),
          itemStyle: { color: 'rgba(64,150,255,0.45)' },
          label: { show: true, position: 'top', fontSize: 10, formatter: (p: { value: number }) => `${fmtNum(p.value, lang)}%` },
        });
      if (growthTargets.length)
        series.push({
          name: `${t('yearlyTarget')}（%）`,
          type: 'scatter',
          yAxisIndex: growthAxis,
          data: at(growthTargets.map((a) => [a.year, a.growth!])),
          symbol: 'pin',
          symbolSize: 18,
          itemStyle: { color: '#d48806' },
        });
      const marks: unknown[] = [];
      if (f.requiredGrowthPct !== undefined && !hasLevels)
        marks.push({ yAxis: Number(f.requiredGrowthPct.toFixed(2)), name: t('requiredGrowth') });
      if (f.targetGrowthPct !== undefined)
        marks.push({ yAxis: f.targetGrowthPct, name: t('growthTarget'), lineStyle: { color: '#c62828' } });
      if (f.requiredGrowthPct !== undefined && hasLevels)
        marks.push({ yAxis: Number(f.requiredGrowthPct.toFixed(2)), name: t('requiredGrowth'), lineStyle: { color: '#722ed1' } });
      if (marks.length)
        series.push({
          // Holds the labelled mark lines only: not a legend entry.
          name: MARKS,
          type: 'line',
          yAxisIndex: growthAxis,
          data: [],
          markLine: {
            symbol: 'none',
            label: { formatter: '{b} {c}%', position: 'insideEndTop', fontSize: 10 },
            lineStyle: { type: 'dashed' },
            data: marks,
          },
        });
    }
    const yAxis: unknown[] = [];
    if (hasLevels) yAxis.push({ type: 'value', scale: true, name: u, nameTextStyle: { align: 'left' } });
    if (hasGrowthAxis) yAxis.push({ type: 'value', name: lang === 'zh' ? '增速 %' : 'growth %', splitLine: { show: !hasLevels } });
    return {
      tooltip: { trigger: 'axis' },
      legend: {
        bottom: 0,
        type: 'scroll',
        itemGap: 8,
        itemWidth: 18,
        itemHeight: 10,
        textStyle: { fontSize: 11 },
        data: (series as { name: string }[]).map((x) => x.name).filter((n) => n !== MARKS),
      },
      grid: { left: 8, right: 8, top: 30, bottom: 34, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: yAxis.length ? yAxis : [{ type: 'value' }],
      series,
    };
  }, [d, s, f, r, t, lang]);
  return <Chart option={option} height={340} ariaLabel={`${r.name}：${t('historyAria')}`} testId="history" />;
}

/**
 * A target over the period (「[1847]」): each year's addition as a bar, the running total as a line,
 * against the target and the schedule path from nothing in the base year to the target at the end.
 */
function CumulativeChart({ d }: { d: IndicatorDetail }): ReactNode {
  const t = useT();
  const lang = useLang();
  const r = d.result;
  const f = r.figures;
  const option = useMemo<ChartOption>(() => {
    const years: number[] = [];
    for (let y = f.baseYear; y <= f.targetYear; y++) years.push(y);
    const added = new Map<number, number>();
    const reported = new Map<number, number>();
    for (const o of r.observations as Observation[]) {
      if (o.year <= f.baseYear || o.year > r.year) continue;
      if (o.kind === 'level') added.set(o.year, o.value);
      else if (o.kind === 'cumulative') reported.set(o.year, o.value);
    }
    let total = 0;
    const running = years.map((y) => {
      if (y === f.baseYear) return 0;
      if (reported.has(y)) total = reported.get(y)!;
      else if (added.has(y)) total += added.get(y)!;
      else return null;
      return Number(total.toFixed(6));
    });
    const target = f.target;
    const u = r.unit;
    const series: unknown[] = [
      {
        name: t('addedThatYear'),
        type: 'bar',
        barMaxWidth: 22,
        data: years.map((y) => (added.has(y) ? Number(added.get(y)!.toFixed(6)) : null)),
        itemStyle: { color: 'rgba(64,150,255,0.45)' },
      },
      {
        name: t('cumulative'),
        type: 'line',
        data: running,
        connectNulls: true,
        symbolSize: 8,
        z: 5,
        lineStyle: { width: 2.5, color: '#1f4e9c' },
        itemStyle: { color: '#1f4e9c' },
      },
    ];
    if (target !== undefined) {
      series.push(
        {
          name: t('schedulePath'),
          type: 'line',
          data: years.map((y) => Number(((target * (y - f.baseYear)) / (f.targetYear - f.baseYear)).toFixed(6))),
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 1.5, color: '#8c8c8c' },
          itemStyle: { color: '#8c8c8c' },
        },
        {
          name: t('targetPoint'),
          type: 'scatter',
          data: years.map((y) => (y === f.targetYear ? target : null)),
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#c62828' },
          label: { show: true, position: 'left', formatter: `${t('target')} ${withUnit(target, u, lang)}`, fontSize: 11 },
        },
      );
    }
    if (f.forecast && f.dataYear !== undefined && f.cumulativeSum !== undefined && f.dataYear < f.targetYear)
      series.push({
        name: t('forecastLine'),
        type: 'line',
        data: years.map((y) => (y === f.dataYear ? f.cumulativeSum! : y === f.targetYear ? Number(f.forecast!.value.toFixed(6)) : null)),
        connectNulls: true,
        symbol: 'triangle',
        symbolSize: 9,
        lineStyle: { type: 'dotted', width: 2, color: '#722ed1' },
        itemStyle: { color: '#722ed1' },
      });
    return {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0, type: 'scroll', itemGap: 8, itemWidth: 18, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 8, top: 30, bottom: 34, containLabel: true },
      xAxis: { type: 'category', data: years.map(String) },
      yAxis: [{ type: 'value', name: u, nameTextStyle: { align: 'left' } }],
      series,
    };
  }, [r, f, t, lang]);
  return <Chart option={option} height={340} ariaLabel={`${r.name}：${t('historyAria')}`} testId="history" />;
}

function ValuesTable({ values, unit }: { values: ValueRecord[]; unit: string }): ReactNode {
  const t = useT();
  const lang = useLang();
  if (!values.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} data-testid="no-values" />;
  return (
    <Table<ValueRecord>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: 900 }}
      dataSource={values}
      data-testid="values-table"
      columns={[
        { title: t('year'), dataIndex: 'year', width: 70 },
        { title: t('kind'), dataIndex: 'kind', width: 110, render: (k: string) => bi(KIND[k], lang, k) },
        {
          title: t('value'),
          key: 'value',
          width: 120,
          align: 'right',
          render: (_, v) => (
            <span data-testid={`value-${v.year}-${v.kind}`}>
              {v.written ?? fmtNum(v.value, lang)}
              {v.kind === 'growth_pct' || v.kind === 'avg_growth_pct' ? '%' : v.unit && v.unit !== unit ? ` ${v.unit}` : ''}
            </span>
          ),
        },
        { title: t('scope'), dataIndex: 'scope', width: 110, render: (s: string | null) => s ?? '—' },
        {
          title: t('source'),
          key: 'source',
          width: 260,
          render: (_, v) => (v.source ? <SourceLink source={v.source} /> : '—'),
        },
        {
          title: t('workflow'),
          key: 'status',
          width: 100,
          render: (_, v) => <Tag color={VALUE_STATUS[v.status]?.color}>{bi(VALUE_STATUS[v.status], lang, v.status)}</Tag>,
        },
        {
          title: t('reviewer'),
          key: 'reviewer',
          width: 150,
          render: (_, v) => (v.reviewedBy ? `${v.reviewedBy} ${fmtTime(v.reviewedAt)}` : '—'),
        },
        {
          title: t('note'),
          key: 'note',
          render: (_, v) =>
            [v.note, v.explanation && `${t('explanationLabel')}：${v.explanation}`, v.returnReason && `${t('reason')}：${v.returnReason}`]
              .filter(Boolean)
              .join('；') || '—',
        },
      ]}
    />
  );
}

function auditText(x: unknown): string {
  if (!x || typeof x !== 'object') return '';
  const o = x as Record<string, unknown>;
  const parts: string[] = [];
  if ('year' in o) parts.push(`${String(o.year)}`);
  if ('value' in o) parts.push(`${String(o.value)}`);
  if ('status' in o) parts.push(`[${String(o.status)}]`);
  if (parts.length) return parts.join(' ');
  return JSON.stringify(o).slice(0, 120);
}

function AuditTrail({ audit }: { audit: AuditEntry[] }): ReactNode {
  const t = useT();
  if (!audit.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noData')} />;
  return (
    <Timeline
      items={audit.map((a) => ({
        key: a.seq,
        children: (
          <div>
            <strong>{a.action}</strong> · {a.username ?? 'system'} · <span className="pw-subtitle">{fmtTime(a.at)}</span>
            <div className="pw-subtitle">
              {a.before ? `${auditText(a.before)} → ` : ''}
              {auditText(a.after)}
              {a.reason ? ` · ${t('reason')}：${a.reason}` : ''}
            </div>
          </div>
        ),
      }))}
    />
  );
}
