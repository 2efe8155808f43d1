/**
 * One indicator: its history against the base, the target, the yearly-plan targets, the schedule
 * path and the forecast; the figures and the rule behind its status in words; every value with its
 * source, scope and workflow state; the audit trail; the plan sections and task targets it belongs to.
 */
import { useEffect, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Row, Select, Space, Tag, Typography } from 'antd';
import { EditOutlined, WarningFilled } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import { registerCharts } from '../../charts/Chart';
import { AssignUnits } from '../../components/AssignUnits';
import { OfficialVerdict } from '../../components/OfficialVerdict';
import { ErrorView, Loading, PageTitle, ScopeTag, SourceLink, SourcePopover, StatusTag } from '../../components/common';
import { LatestCell } from '../../components/figures';
import { fmtNum, fmtPct, fmtShare, targetText, withUnit } from '../../format';
import { besideWord, useLang, useT, word } from '../../i18n';
import { setNavHint } from '../../nav';
import { Link, navigate } from '../../router';
import { can, useSession } from '../../session';
import { ATTRIBUTE, DIRECTION, LEVEL_METHOD, SDG_BAND, UNSD_BAND } from '../../../../src/core/labels';
import { useTargets } from '../../targets';
import type { IndicatorDetail, PlanSummary, Series, Unit } from '../../types';
import { CumulativeChart, HistoryChart } from './charts';
import { AuditTrail, ValuesTable } from './history';

registerCharts([ScatterChart, MarkLineComponent]);

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
  const yr = t('yearSuffix');
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
        {r.attribute && <Tag color={r.attribute === '约束性' ? 'red' : 'default'}>{besideWord(ATTRIBUTE, r.attribute, lang)}</Tag>}
        {ind && <Tag>{word(DIRECTION, ind.direction, lang)}</Tag>}
        <StatusTag code={code} mode={r.mode} warning={r.warning} label={r.shownLabel} />
        {r.warning && (
          <span style={{ color: '#cf1322' }}>
            <WarningFilled /> {t('bindingLaggingWarning')}
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
                message={t('otherScopeValues')}
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
                {yr}，{word(LEVEL_METHOD, f.latest.method, lang)}）
              </SourcePopover>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={`${t('target')}（${f.targetYear}）`}>
            {targetText(r.targetWritten || undefined, r.unit)}
            {f.stretch !== undefined && !r.targetWritten.includes('力争')
              ? `（${t('stretchShort')} ${withUnit(f.stretch, r.unit, lang)}）`
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
                {r.unit === '%' ? `${fmtNum(f.requiredChange, lang)} ${t('pointsUnit')}` : withUnit(f.requiredChange, r.unit, lang)}
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
              R = {fmtNum(f.sdgRatio, lang)}，{word(SDG_BAND, f.sdgBand, lang)}
              {f.unsdBand ? `；UNSD：${word(UNSD_BAND, f.unsdBand, lang)}` : ''}
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
          <AuditTrail
            audit={d.audit}
            names={{
              unit: (u) => units.data?.find((x) => x.id === u)?.name,
              indicator: (i) => targets.get(i)?.name,
              plan: (p) => plans.data?.find((x) => x.id === p)?.shortTitle,
            }}
          />
        </Card>
      )}
    </div>
  );
}
