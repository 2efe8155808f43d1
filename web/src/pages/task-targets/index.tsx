/**
 * 任务目标: the quantitative targets of the plan's prose (新建新能源汽车充电桩[1847]个 …), grouped by
 * the chapter and section that state them, with the year's progress, time share, completion and
 * status, filterable by status (kept in the URL). Each links to its page, the indicator page.
 */
import { useMemo, type ReactNode } from 'react';
import { Button, Card, Empty, Grid, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle, PeriodControls, periodOf, StatusTag } from '../../components/common';
import { CompletionCell, LatestCell, TargetCell } from '../../components/figures';
import { StatusChips } from '../../components/StatusChips';
import { chapterNo, fmtShare, targetText } from '../../format';
import { fill, useLang, useT } from '../../i18n';
import { Link, patchQuery } from '../../router';
import { STATUS_ORDER, VERDICT_ORDER, labelOf } from '../../status';
import type { Chapter, Column, Evaluation, IndicatorResult, PlanSummary, TaskTarget } from '../../types';

interface Item {
  r: IndicatorResult;
  tt: TaskTarget | undefined;
  code: string;
}

interface Group {
  /** The section's id, or '' for targets whose section the text does not hold. */
  id: string;
  chapter: string;
  title: string;
  items: Item[];
}

type Row = ({ kind: 'group' } & Group) | ({ kind: 'item' } & Item);

export default function TaskTargets({ params, query }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const plan = params.plan!;
  const year = query.get('year');
  const status = query.get('status') ?? '';
  const final = query.get('final') === 'true';
  const evalQuery = [year && `year=${enc(year)}`, final && 'final=true'].filter(Boolean).join('&');
  const evaluation = useApi<Evaluation>(`/api/v1/plans/${enc(plan)}/task-targets/evaluation${evalQuery ? `?${evalQuery}` : ''}`);
  const tasks = useApi<TaskTarget[]>(`/api/v1/plans/${enc(plan)}/task-targets`);
  const text = useApi<{ chapters: Chapter[]; columns: Column[] }>(`/api/v1/plans/${enc(plan)}/text`);
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const meta = plans.data?.find((p) => p.id === plan);
  const phone = !Grid.useBreakpoint().md;

  const e = evaluation.data;
  const mode = e?.mode ?? 'progress';
  const order: readonly string[] = mode === 'final' ? VERDICT_ORDER : STATUS_ORDER;

  const items = useMemo<Item[]>(() => {
    const byId = new Map((tasks.data ?? []).map((x) => [x.id, x]));
    return (e?.results ?? []).map((r) => ({
      r,
      tt: byId.get(r.indicatorId),
      code: (mode === 'final' ? r.verdict : r.status) ?? 'dataMissing',
    }));
  }, [e, tasks.data, mode]);

  const shown = items.filter((x) => !status || x.code === status);
  const groups = groupBySection(shown, text.data?.chapters ?? [], lang, t('otherSections'));

  const setQuery = (patch: Record<string, string | number | null>): void => patchQuery(`/plans/${plan}/task-targets`, query, patch);

  if (evaluation.error && !e) return <ErrorView error={evaluation.error} retry={evaluation.reload} />;
  // The sections come with the list and the text: without them every target would fall under 「其他」.
  if (!e || (!tasks.data && !tasks.error) || (!text.data && !text.error)) return <Loading />;

  const { targetYear, years } = periodOf(meta, e.results[0]?.figures);
  const yr = t('yearSuffix');
  const columns = text.data?.columns ?? [];
  const noData = e.counts.dataMissing ?? 0;
  const link = (code: string): string => `/plans/${plan}/task-targets?year=${e.year}&status=${code}${final ? '&final=true' : ''}`;

  return (
    <div data-testid="task-targets">
      <PageTitle
        extra={
          <>
            <PeriodControls year={e.year} years={years} targetYear={targetYear} final={final} setQuery={setQuery} />
          </>
        }
      >
        {t('tasksTitle')}（{mode === 'final' ? t('modeFinal') : `${e.year}${yr}`}）
      </PageTitle>
      <div className="pw-task-summary" data-testid="task-summary">
        <span>
          {fill(t('tasksSummary'), { n: e.results.length, m: e.results.length - noData })}
          {t('colon')}
        </span>
        <StatusChips counts={e.counts} mode={mode} to={link} testId="task-counts" />
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('filterStatus')}
            placeholder={t('filterStatus')}
            value={status || undefined}
            allowClear
            onChange={(v?: string) => setQuery({ status: v ?? null })}
            style={{ width: { zh: 170, en: 260 }[lang] }}
            options={order.map((c) => ({ value: c, label: `${labelOf(c, lang, mode)}（${e.counts[c] ?? 0}）` }))}
            id="task-status-filter"
            showSearch
            optionFilterProp="label"
          />
          {status && <Button onClick={() => setQuery({ status: null })}>{t('resetFilters')}</Button>}
          <span className="pw-subtitle" data-testid="task-row-count">
            {shown.length} / {items.length} {t('rows')}
          </span>
        </Space>
        {groups.length === 0 ? (
          <Empty description={t('noTasks')} />
        ) : phone ? (
          <TaskList plan={plan} groups={groups} columns={columns} mode={mode} />
        ) : (
          <TaskTable plan={plan} groups={groups} columns={columns} mode={mode} targetYear={targetYear} loading={evaluation.loading} />
        )}
      </Card>
    </div>
  );
}

/** The targets under their sections, in the order of the plan's text. */
function groupBySection(items: Item[], chapters: Chapter[], lang: 'zh' | 'en', other: string): Group[] {
  const out: Group[] = [];
  const placed = new Set<string>();
  for (const c of chapters)
    for (const s of c.sections) {
      const mine = items.filter((x) => x.tt?.sectionId === s.id);
      if (!mine.length) continue;
      for (const x of mine) placed.add(x.r.indicatorId);
      out.push({ id: s.id, chapter: `${chapterNo(c.no, lang)} ${c.title}`, title: s.title, items: mine });
    }
  const rest = items.filter((x) => !placed.has(x.r.indicatorId));
  if (rest.length) out.push({ id: '', chapter: '', title: other, items: rest });
  return out;
}

function GroupHeading({ plan, g }: { plan: string; g: Group }): ReactNode {
  return (
    <div className="pw-task-group" data-section={g.id}>
      {g.id ? (
        <Link to={`/plans/${plan}/text#sec-${g.id}`} className="pw-task-group-title">
          {g.title}
        </Link>
      ) : (
        <span className="pw-task-group-title">{g.title}</span>
      )}
      {g.chapter && <span className="pw-subtitle">{g.chapter}</span>}
      <span className="pw-subtitle pw-task-group-n">{g.items.length}</span>
    </div>
  );
}

function NameCell({ plan, x, columns, year }: { plan: string; x: Item; columns: Column[]; year: number }): ReactNode {
  const t = useT();
  const col = x.tt?.columnId ? columns.find((c) => c.id === x.tt!.columnId) : undefined;
  return (
    <span>
      <Link
        to={`/plans/${plan}/indicators/${enc(x.r.indicatorId)}?year=${year}`}
        title={x.tt?.quote}
        data-testid={`task-${x.r.indicatorId}`}
      >
        {x.r.name}
      </Link>
      {col && (
        <Tag className="pw-task-col" title={col.title}>
          {fill(t('columnNoOf'), { n: col.no })}
        </Tag>
      )}
    </span>
  );
}

function TaskTable({
  plan,
  groups,
  columns,
  mode,
  targetYear,
  loading,
}: {
  plan: string;
  groups: Group[];
  columns: Column[];
  mode: 'progress' | 'final';
  targetYear: number;
  loading: boolean;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const rows: Row[] = groups.flatMap((g) => [{ kind: 'group' as const, ...g }, ...g.items.map((x) => ({ kind: 'item' as const, ...x }))]);
  const span = 6;
  const inGroup = (row: Row): { colSpan: number } | object => (row.kind === 'group' ? { colSpan: 0 } : {});
  const cols: ColumnsType<Row> = [
    {
      title: t('taskTarget'),
      key: 'name',
      onCell: (row) => (row.kind === 'group' ? { colSpan: span, className: 'pw-task-group-cell' } : {}),
      render: (_, row) =>
        row.kind === 'group' ? <GroupHeading plan={plan} g={row} /> : <NameCell plan={plan} x={row} columns={columns} year={row.r.year} />,
    },
    {
      title: `${targetYear}${t('targetCol')}`,
      key: 'target',
      width: 150,
      onCell: inGroup,
      render: (_, row) => (row.kind === 'item' ? <TargetCell r={row.r} /> : null),
    },
    {
      title: t('latestProgress'),
      key: 'latest',
      width: 190,
      align: 'right',
      onCell: inGroup,
      render: (_, row) =>
        row.kind === 'item' ? (
          <span className="pw-nowrap">
            <LatestCell r={row.r} unit />
          </span>
        ) : null,
    },
    {
      title: t('timeShare'),
      key: 'timeShare',
      width: { zh: 84, en: 108 }[lang],
      align: 'right',
      onCell: inGroup,
      render: (_, row) => (row.kind === 'item' ? fmtShare(row.r.figures.timeShare) : null),
    },
    {
      title: t('completion'),
      key: 'completion',
      width: { zh: 84, en: 108 }[lang],
      align: 'right',
      onCell: inGroup,
      render: (_, row) => (row.kind === 'item' ? <CompletionCell r={row.r} /> : null),
    },
    {
      title: mode === 'final' ? t('verdict') : t('status'),
      key: 'status',
      width: { zh: 118, en: 190 }[lang],
      onCell: inGroup,
      render: (_, row) => (row.kind === 'item' ? <StatusTag code={row.code} mode={mode} label={row.r.shownLabel} /> : null),
    },
  ];
  return (
    <Table<Row>
      className="pw-table-nowrap-head pw-task-table"
      rowKey={(row) => (row.kind === 'group' ? `§${row.id}` : row.r.indicatorId)}
      rowClassName={(row) => (row.kind === 'group' ? 'pw-task-group-row' : '')}
      columns={cols}
      dataSource={rows}
      size="small"
      pagination={false}
      sticky={{ offsetHeader: 56 }}
      loading={loading}
      data-testid="task-table"
    />
  );
}

/** At a phone's width: one block per target, its status beside its name, its figures below. */
function TaskList({
  plan,
  groups,
  columns,
  mode,
}: {
  plan: string;
  groups: Group[];
  columns: Column[];
  mode: 'progress' | 'final';
}): ReactNode {
  const t = useT();
  return (
    <div className="pw-task-list" data-testid="task-list">
      {groups.map((g) => (
        <section key={g.id || 'other'} aria-label={g.title}>
          <GroupHeading plan={plan} g={g} />
          <ul>
            {g.items.map((x) => (
              <li key={x.r.indicatorId} data-row-key={x.r.indicatorId}>
                <div className="pw-task-list-head">
                  <NameCell plan={plan} x={x} columns={columns} year={x.r.year} />
                  <StatusTag code={x.code} mode={mode} label={x.r.shownLabel} />
                </div>
                <div className="pw-task-list-figures">
                  <span>
                    {t('target')} {targetText(x.r.targetWritten || undefined, x.r.unit)}
                    {x.r.targetKind === 'cumulative' ? `（${t('overPeriod')}）` : ''}
                  </span>
                  <span>
                    {t('latestProgress')} <LatestCell r={x.r} unit />
                  </span>
                  <span>
                    {t('completion')} <CompletionCell r={x.r} /> · {t('timeShare')} {fmtShare(x.r.figures.timeShare)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
