/**
 * 年度计划: the yearly plans of chapter 12 — each year's targets, written in the plan's own notation
 * (「增长7.5%左右」, 「93以上」), judged against that year's actual values. One table of the main
 * indicators, one of the task targets that have a yearly target. An administrator sets or changes a
 * year's target in its row (PUT /api/v1/plans/:plan/annual-targets/:id/:year) with its source; a
 * target the notation parser cannot read is refused and the server's message stays at the row.
 * The year, the rows shown and the verdict filter are kept in the URL.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { App, Button, Card, Empty, Grid, Input, Segmented, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { useAction } from '../../action';
import { apiSend, enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle, PeriodControls, periodOf, SourceLink, SourcePopover, StatusTag } from '../../components/common';
import { TargetCell } from '../../components/figures';
import { StatusChips } from '../../components/StatusChips';
import { fmtPct, targetText, withUnit } from '../../format';
import { fill, useLang, useT } from '../../i18n';
import { Link, patchQuery } from '../../router';
import { can, useSession } from '../../session';
import type { AnnualTarget, Evaluation, IndicatorResult, PlanSummary } from '../../types';

/** The verdicts the summary always tells, even at 0 (数据缺失 is always told by StatusChips). */
const TOLD = ['completed', 'basicallyCompleted', 'notCompleted'] as const;

interface Row {
  r: IndicatorResult;
  /** The year's target as set, with its source; undefined where the year has none. */
  at: AnnualTarget | undefined;
}

/** What a row needs to be edited in place. */
interface Edit {
  plan: string;
  year: number;
  /** Years in the period, for the placeholder of an amount over the period. */
  span: number;
  admin: boolean;
  /** The id whose editor is open, if any. */
  editing: string | null;
  open(id: string | null): void;
  saved(a: AnnualTarget): void;
}

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
  const lang = useLang();
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
  const yr = lang === 'zh' ? '年' : '';
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

/** The target of a result's year as a reader expects it, from the plan's notation: 「93以上」 → 「93%以上」. */
function YearTarget({ x, edit }: { x: Row; edit: Edit }): ReactNode {
  const t = useT();
  const lang = useLang();
  const id = x.r.indicatorId;
  const written = x.at?.target ?? x.r.annual?.target;
  const open = edit.admin && edit.editing === id;
  // Back to the row's button when its editor closes, so the keyboard stays where it was.
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (open) return <TargetEditor r={x.r} current={x.at} edit={edit} onCancel={() => edit.open(null)} />;
  const action = written ? t('edit') : t('setTarget');
  return (
    <div className="pw-annual-target" data-testid={`annual-target-${id}`}>
      <span className={written ? 'pw-annual-written' : 'pw-muted'} data-testid={`annual-written-${id}`}>
        {written ? targetText(written, x.r.unit) : t('notSet')}
      </span>
      {written && x.r.targetKind === 'cumulative' && (
        <span className="pw-subtitle">{lang === 'zh' ? `（${t('addedThatYear')}）` : `(${t('addedThatYear').toLowerCase()})`}</span>
      )}
      {edit.admin && (
        <Button
          ref={button}
          size="small"
          type="link"
          icon={<EditOutlined />}
          className="pw-annual-edit"
          onClick={() => edit.open(id)}
          aria-label={`${action}${lang === 'zh' ? '' : ' '}${fill(t('annualTargetLabel'), { y: edit.year, name: x.r.name })}`}
          data-testid={`annual-edit-${id}`}
        >
          {action}
        </Button>
      )}
      {x.at?.source && (
        <div className="pw-subtitle pw-annual-source">
          {t('source')}：<SourceLink source={x.at.source} />
        </div>
      )}
    </div>
  );
}

/** A placeholder in the notation the row's yearly target is likely to take. */
function exampleOf(r: IndicatorResult, span: number): string {
  const w = r.targetWritten;
  // Amounts in money and growth rows: yearly plans set their growth.
  if (['growth', 'relational', 'yearlyChange'].includes(r.targetKind) || /元$/.test(r.unit)) return '增长6.5%左右';
  const total = /^\[(\d+(?:\.\d+)?)\]/.exec(w);
  if (total) return `${Math.max(1, Math.round(Number(total[1]) / Math.max(1, span)))}以上`;
  if (r.targetKind === 'level' && /^\d/.test(w)) return w;
  return '93以上';
}

/** The year's target of one row, edited in place: the notation, an optional source, save or cancel. */
function TargetEditor({
  r,
  current,
  edit,
  onCancel,
}: {
  r: IndicatorResult;
  current: AnnualTarget | undefined;
  edit: Edit;
  onCancel(): void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const helpId = useId();
  const id = r.indicatorId;
  const [target, setTarget] = useState(current?.target ?? '');
  const [source, setSource] = useState(current?.source?.title ?? '');
  const saving = useAction(async () => {
    const written = target.trim();
    if (!written) throw new Error(t('annualEmpty'));
    const title = source.trim();
    // An unchanged title keeps the link and quote the source already has.
    const src = !title ? null : current?.source?.title === title ? current.source : { title };
    const saved = await apiSend<AnnualTarget>('PUT', `/api/v1/plans/${enc(edit.plan)}/annual-targets/${enc(id)}/${edit.year}`, {
      target: written,
      source: src,
    });
    void message.success(`${t('annualSaved')}${lang === 'zh' ? '：' : ': '}${r.name} ${saved.target}`);
    edit.saved(saved);
  });
  const { busy, error } = saving;
  const save = saving.run;

  const keys = (ev: KeyboardEvent<HTMLInputElement>): void => {
    // Enter also ends a Chinese input method's composition: that one is not a save.
    if (ev.nativeEvent.isComposing) return;
    if (ev.key === 'Enter') {
      ev.preventDefault();
      void save();
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      onCancel();
    }
  };

  const ex = exampleOf(r, edit.span);
  return (
    <div className="pw-annual-editor" data-testid={`annual-editor-${id}`}>
      <Input
        autoFocus
        size="small"
        value={target}
        maxLength={100}
        onChange={(ev) => setTarget(ev.target.value)}
        onKeyDown={keys}
        placeholder={`${lang === 'zh' ? '如：' : 'e.g. '}${ex}`}
        aria-label={fill(t('annualTargetLabel'), { y: edit.year, name: r.name })}
        aria-describedby={helpId}
        aria-invalid={!!error}
        status={error ? 'error' : undefined}
        data-testid={`annual-input-${id}`}
      />
      <Input
        size="small"
        value={source}
        maxLength={300}
        onChange={(ev) => setSource(ev.target.value)}
        onKeyDown={keys}
        placeholder={fill(t('annualSourceHint'), { y: edit.year })}
        aria-label={fill(t('annualSourceLabel'), { name: r.name })}
        data-testid={`annual-source-${id}`}
      />
      <div id={helpId} className="pw-annual-help">
        {t('annualNotation')}
      </div>
      {error && (
        <div role="alert" className="pw-annual-error" data-testid={`annual-error-${id}`}>
          {error}
        </div>
      )}
      <Space size={6}>
        <Button type="primary" size="small" loading={busy} onClick={() => void save()} data-testid={`annual-save-${id}`}>
          {t('save')}
        </Button>
        <Button size="small" disabled={busy} onClick={onCancel} data-testid={`annual-cancel-${id}`}>
          {t('cancel')}
        </Button>
      </Space>
    </div>
  );
}

/** The year's actual value in the terms of its target: 「增长4.3%」 for a growth target, the level otherwise. */
function ActualCell({ r }: { r: IndicatorResult }): ReactNode {
  const t = useT();
  const lang = useLang();
  const a = r.annual;
  if (!a || a.actual === undefined) return <span className="pw-muted">—</span>;
  const text =
    a.actualKind === 'growth_pct'
      ? `${a.actual < 0 ? t('declineWord') : t('growthWord')}${fmtPct(Math.abs(a.actual))}`
      : withUnit(a.actual, r.unit, lang);
  const obs = r.observations.filter((o) => o.year === a.year && o.kind === a.actualKind);
  return <SourcePopover observations={obs}>{text}</SourcePopover>;
}

/** The year's verdict, its explanation below it. */
function ResultCell({ r }: { r: IndicatorResult }): ReactNode {
  const a = r.annual;
  if (!a) return <span className="pw-muted">—</span>;
  return (
    <div className="pw-annual-result" data-testid={`annual-result-${r.indicatorId}`}>
      <StatusTag code={a.verdict} mode="final" label={a.verdictLabel} />
      <div className="pw-subtitle">{a.explanation}</div>
    </div>
  );
}

function NameLink({ r, plan, year }: { r: IndicatorResult; plan: string; year: number }): ReactNode {
  return <Link to={`/plans/${plan}/indicators/${enc(r.indicatorId)}?year=${year}`}>{r.name}</Link>;
}

function AnnualTable({
  rows,
  edit,
  targetYear,
  loading,
  testId,
  main = false,
}: {
  rows: Row[];
  edit: Edit;
  targetYear: number;
  loading: boolean;
  testId: string;
  /** The main indicators: category (merged over its rows), number and unit columns. */
  main?: boolean;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const y = edit.year;
  const editing = (x: Row): boolean => edit.admin && edit.editing === x.r.indicatorId;
  // Table 2-1 names each category once, over its rows.
  const spans = rows.map((x, i) => {
    if (i > 0 && rows[i - 1]!.r.category === x.r.category) return 0;
    let n = 1;
    while (rows[i + n]?.r.category === x.r.category) n++;
    return n;
  });
  const cols: ColumnsType<Row> = [
    ...(main
      ? ([
          {
            title: t('category'),
            key: 'category',
            width: lang === 'zh' ? 80 : 96,
            onCell: (_, i) => ({ rowSpan: spans[i ?? 0], className: 'pw-annual-category' }),
            render: (_, x) => x.r.category,
          },
          { title: t('no'), key: 'no', width: 52, render: (_, x) => x.r.indicatorId },
        ] satisfies ColumnsType<Row>)
      : []),
    {
      title: main ? t('indicator') : t('taskTarget'),
      key: 'name',
      render: (_, x) => <NameLink r={x.r} plan={edit.plan} year={y} />,
    },
    ...(main ? ([{ title: t('unit'), key: 'unit', width: 64, render: (_, x) => x.r.unit || '—' }] satisfies ColumnsType<Row>) : []),
    { title: `${targetYear}${t('targetCol')}`, key: 'target', width: 120, render: (_, x) => <TargetCell r={x.r} /> },
    {
      title: fill(t('yearTargetCol'), { y }),
      key: 'yearTarget',
      width: 220,
      // The row being edited gives its editor the width of the year's columns.
      onCell: (x) => (editing(x) ? { colSpan: 3 } : {}),
      render: (_, x) => <YearTarget x={x} edit={edit} />,
    },
    {
      title: fill(t('yearActualCol'), { y }),
      key: 'actual',
      width: 110,
      onCell: (x) => (editing(x) ? { colSpan: 0 } : {}),
      render: (_, x) => <ActualCell r={x.r} />,
    },
    {
      title: t('yearResultCol'),
      key: 'result',
      width: lang === 'zh' ? 240 : 260,
      onCell: (x) => (editing(x) ? { colSpan: 0 } : {}),
      render: (_, x) => <ResultCell r={x.r} />,
    },
  ];
  return (
    <Table<Row>
      className="pw-table-nowrap-head pw-annual-table"
      rowKey={(x) => x.r.indicatorId}
      columns={cols}
      dataSource={rows}
      size="small"
      pagination={false}
      scroll={{ x: 960 }}
      sticky={{ offsetHeader: 56 }}
      loading={loading}
      data-testid={testId}
    />
  );
}

/** At a phone's width: one block per row, the verdict beside the name, the figures below. */
function AnnualList({
  rows,
  edit,
  targetYear,
  testId,
  grouped = false,
}: {
  rows: Row[];
  edit: Edit;
  targetYear: number;
  testId: string;
  /** Under category headings, as the main indicators are. */
  grouped?: boolean;
}): ReactNode {
  const t = useT();
  const y = edit.year;
  const groups: { title: string; rows: Row[] }[] = [];
  for (const x of rows) {
    const title = grouped ? x.r.category : '';
    const last = groups.at(-1);
    if (last && last.title === title) last.rows.push(x);
    else groups.push({ title, rows: [x] });
  }
  return (
    <div className="pw-task-list pw-annual-list" data-testid={testId}>
      {groups.map((g, gi) => (
        <section key={`${g.title}-${gi}`} aria-label={g.title || undefined}>
          {g.title && (
            <div className="pw-task-group">
              <span className="pw-task-group-title">{g.title}</span>
              <span className="pw-subtitle pw-task-group-n">{g.rows.length}</span>
            </div>
          )}
          <ul>
            {g.rows.map((x) => (
              <li key={x.r.indicatorId} data-row-key={x.r.indicatorId}>
                <div className="pw-task-list-head">
                  <span>
                    {grouped ? `${x.r.indicatorId}. ` : ''}
                    <NameLink r={x.r} plan={edit.plan} year={y} />
                  </span>
                  {x.r.annual && <StatusTag code={x.r.annual.verdict} mode="final" label={x.r.annual.verdictLabel} />}
                </div>
                <div className="pw-task-list-figures">
                  <span>
                    {targetYear}
                    {t('targetCol')} {targetText(x.r.targetWritten || undefined, x.r.unit)}
                  </span>
                  <div className="pw-annual-list-row">
                    <span className="pw-annual-list-label">{fill(t('yearTargetCol'), { y })}</span>
                    <YearTarget x={x} edit={edit} />
                  </div>
                  {x.r.annual && (
                    <>
                      <span>
                        {fill(t('yearActualCol'), { y })} <ActualCell r={x.r} />
                      </span>
                      <span className="pw-subtitle">{x.r.annual.explanation}</span>
                    </>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
