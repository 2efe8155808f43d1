/**
 * 年度计划: the yearly plans of chapter 12 — each year's targets, written in the plan's own notation
 * (「增长7.5%左右」, 「93以上」), judged against that year's actual values. One table of the main
 * indicators, one of the task targets that have a yearly target. An administrator sets or changes a
 * year's target in its row (PUT /api/v1/plans/:plan/annual-targets/:id/:year) with its source; a
 * target the notation parser cannot read is refused and the server's message stays at the row.
 * The year, the rows shown and the verdict filter are kept in the URL.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Empty, Grid, Segmented, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle, PeriodControls, periodOf, StatusTag } from '../../components/common';
import { StatusChips } from '../../components/StatusChips';
import { targetText } from '../../format';
import { fill, useT } from '../../i18n';
import { patchQuery } from '../../router';
import { can, useSession } from '../../session';
import type { AnnualTarget, Evaluation, PlanSummary } from '../../types';
import { type Edit, type Row, TargetEditor } from './editor';
import { AnnualList, AnnualTable } from './table';

/** The verdicts the summary always tells, even at 0 (数据缺失 is always told by StatusChips). */
const TOLD = ['completed', 'basicallyCompleted', 'notCompleted'] as const;

type Show = 'set' | 'all';

/**
 * The year shown when the URL names none: the latest year with approved values or yearly targets,
 * else the current year, within the plan's period.
 */
function defaultYear(e: Evaluation, targets: AnnualTarget[], baseYear: number, targetYear: number): number {
  const inPeriod = (y: number): boolean => y > baseYear && y <= targetYear;
  const years = targets.map((a) => a.year).filter(inPeriod);
  if (e.results.some((r) => r.observations.some((o) => inPeriod(o.year)))) years.push(e.latestYear);
  if (years.length) return Math.max(...years);
  return Math.min(Math.max(new Date().getFullYear(), baseYear + 1), targetYear);
}

export default function AnnualPlan({ params, query }: PageProps): ReactNode {
  const t = useT();
  const session = useSession();
  const admin = can(session, 'annualTarget.set');
  const plan = params.plan!;
  const phone = !Grid.useBreakpoint().md;
  const asked = Number(query.get('year')) || null;
  const verdict = query.get('verdict') ?? '';
  const showParam = query.get('show');
  // The public reads the targets set; an administrator sees every row, to set one.
  const show: Show = showParam === 'all' || showParam === 'set' ? showParam : admin ? 'all' : 'set';

  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const meta = plans.data?.find((p) => p.id === plan);
  const targets = useApi<AnnualTarget[]>(`/api/v1/plans/${enc(plan)}/annual-targets`);
  const latest = useApi<Evaluation>(asked ? null : `/api/v1/plans/${enc(plan)}/evaluation`);
  let year = asked;
  if (!year && latest.data && (targets.data || targets.error) && (plans.data || plans.error)) {
    const p = periodOf(meta, latest.data.results[0]?.figures);
    year = defaultYear(latest.data, targets.data ?? [], p.baseYear, p.targetYear);
  }
  const evaluation = useApi<Evaluation>(year ? `/api/v1/plans/${enc(plan)}/evaluation?year=${year}` : null);
  const tasks = useApi<Evaluation>(year ? `/api/v1/plans/${enc(plan)}/task-targets/evaluation?year=${year}` : null);

  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  // Targets saved here, shown at once while the lists reload.
  const [local, setLocal] = useState<AnnualTarget[]>([]);
  useEffect(() => setLocal([]), [targets.data]);
  useEffect(() => {
    setEditing(null);
    setAdding(null);
  }, [year]);

  const byId = useMemo(() => {
    const m = new Map<string, AnnualTarget>();
    for (const a of [...(targets.data ?? []), ...local]) if (a.year === year) m.set(a.indicatorId, a);
    return m;
  }, [targets.data, local, year]);

  const e = evaluation.data?.year === year ? evaluation.data : undefined;
  const te = tasks.data?.year === year ? tasks.data : undefined;
  const loadError = latest.error ?? evaluation.error;

  if (loadError && !e) return <ErrorView error={loadError} retry={asked ? evaluation.reload : latest.reload} />;
  if (!year || !e) return <Loading />;

  const { targetYear, years } = periodOf(meta, e.results[0]?.figures);
  const yr = t('yearSuffix');
  const setQuery = (patch: Record<string, string | number | null>): void => patchQuery(`/plans/${plan}/annual-plan`, query, patch);

  const edit: Edit = {
    plan,
    year,
    span: years.length,
    admin,
    editing,
    open: (id) => {
      setAdding(null);
      setEditing(id);
    },
    saved: (a) => {
      setLocal((l) => [...l.filter((x) => !(x.indicatorId === a.indicatorId && x.year === a.year)), a]);
      setEditing(null);
      setAdding(null);
      targets.reload();
      evaluation.reload();
      tasks.reload();
    },
  };

  const rows: Row[] = e.results.map((r) => ({ r, at: byId.get(r.indicatorId) }));
  const judged = rows.filter((x) => x.r.annual);
  const counts: Record<string, number> = {};
  for (const x of judged) counts[x.r.annual!.verdict] = (counts[x.r.annual!.verdict] ?? 0) + 1;
  const hasTarget = (x: Row): boolean => !!(x.at || x.r.annual);
  const shown = rows.filter((x) => (verdict ? x.r.annual?.verdict === verdict : show === 'all' || hasTarget(x)));
  const withTarget = rows.filter(hasTarget).length;

  const taskRows: Row[] = (te?.results ?? []).map((r) => ({ r, at: byId.get(r.indicatorId) }));
  const taskShown = taskRows.filter((x) => hasTarget(x) && (!verdict || x.r.annual?.verdict === verdict));
  const taskFree = taskRows.filter((x) => !hasTarget(x));
  const addingRow = adding ? taskRows.find((x) => x.r.indicatorId === adding) : undefined;

  const link = (code: string): string => {
    const q = new URLSearchParams(query);
    q.set('year', String(year));
    q.set('verdict', code);
    return `/plans/${plan}/annual-plan?${q.toString()}`;
  };

  return (
    <div data-testid="annual-plan">
      <PageTitle
        extra={<PeriodControls year={year} years={years} targetYear={targetYear} final={false} setQuery={setQuery} modes={false} />}
      >
        {t('annualTitle')}（{year}
        {yr}）
      </PageTitle>
      <div className="pw-task-summary" data-testid="annual-summary">
        <span>{fill(t(judged.length ? 'annualSummary' : 'annualNone'), { y: year, n: judged.length })}</span>
        {judged.length > 0 && <StatusChips counts={counts} mode="final" to={link} testId="annual-counts" always={TOLD} />}
      </div>
      <p className="pw-subtitle pw-annual-hint">{t('annualHint')}</p>

      <Card size="small" title={t('mainIndicators')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<Show>
            aria-label={t('mainIndicators')}
            value={show}
            onChange={(v) => setQuery({ show: v, verdict: null })}
            options={[
              { value: 'set', label: `${t('showWithTarget')}（${withTarget}）` },
              { value: 'all', label: `${t('showAll')}（${rows.length}）` },
            ]}
            data-testid="annual-show"
          />
          {verdict && (
            <>
              <StatusTag code={verdict} mode="final" />
              <Button onClick={() => setQuery({ verdict: null })} data-testid="annual-clear-filter">
                {t('resetFilters')}
              </Button>
            </>
          )}
          <span className="pw-subtitle" data-testid="annual-row-count">
            {shown.length} / {rows.length} {t('rows')}
          </span>
        </Space>
        {shown.length === 0 ? (
          <Empty description={t('noAnnualTargets')} />
        ) : phone ? (
          <AnnualList rows={shown} edit={edit} targetYear={targetYear} testId="annual-list" grouped />
        ) : (
          <AnnualTable rows={shown} edit={edit} targetYear={targetYear} loading={evaluation.loading} testId="annual-table" main />
        )}
      </Card>

      <Card size="small" title={t('annualTasks')} style={{ marginTop: 12 }} data-testid="annual-tasks">
        {admin && te && (
          <div className="pw-annual-add">
            <Select
              showSearch
              allowClear
              optionFilterProp="label"
              placeholder={
                <>
                  <PlusOutlined /> {t('addAnnualTask')}
                </>
              }
              aria-label={t('addAnnualTask')}
              value={adding ?? undefined}
              onChange={(v?: string) => {
                setEditing(null);
                setAdding(v ?? null);
              }}
              options={taskFree.map((x) => ({ value: x.r.indicatorId, label: x.r.name }))}
              style={{ width: phone ? '100%' : 420, maxWidth: '100%' }}
              id="annual-add-task"
              data-testid="annual-add-task"
            />
            {addingRow && (
              <div className="pw-annual-adding">
                <div>
                  <strong>{addingRow.r.name}</strong>
                  <span className="pw-subtitle">
                    {' '}
                    · {targetYear}
                    {t('targetCol')} {targetText(addingRow.r.targetWritten || undefined, addingRow.r.unit)}
                  </span>
                </div>
                <TargetEditor r={addingRow.r} current={undefined} edit={edit} onCancel={() => setAdding(null)} />
              </div>
            )}
          </div>
        )}
        {!te ? (
          tasks.error ? (
            <ErrorView error={tasks.error} retry={tasks.reload} />
          ) : (
            <Loading />
          )
        ) : taskShown.length === 0 ? (
          <Empty description={t('annualTasksNone')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : phone ? (
          <AnnualList rows={taskShown} edit={edit} targetYear={targetYear} testId="annual-task-list" />
        ) : (
          <AnnualTable rows={taskShown} edit={edit} targetYear={targetYear} loading={tasks.loading} testId="annual-task-table" />
        )}
      </Card>
    </div>
  );
}
