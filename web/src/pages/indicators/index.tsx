/**
 * 主要指标表 in the layout of the plan's table 2-1, with the year's values and statuses: sortable,
 * filterable by category, attribute and status (kept in the URL), exportable.
 */
import { useMemo, type ReactNode } from 'react';
import { Button, Card, Grid, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined, WarningFilled } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle, PeriodControls, periodOf, StatusTag } from '../../components/common';
import { CompletionCell, LatestCell, completionOf } from '../../components/figures';
import { fmtNum, fmtShare, targetText } from '../../format';
import { besideWord, useLang, useT } from '../../i18n';
import { ATTRIBUTE } from '../../../../src/core/labels';
import { Link, patchQuery } from '../../router';
import { STATUS_ORDER, VERDICT_ORDER, labelOf } from '../../status';
import type { Evaluation, Indicator, IndicatorResult, PlanSummary } from '../../types';

interface Row {
  r: IndicatorResult;
  ind: Indicator | undefined;
  code: string;
}

export default function IndicatorTable({ params, query }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const plan = params.plan!;
  const year = query.get('year');
  const category = query.get('category') ?? '';
  const attribute = query.get('attribute') ?? '';
  const status = query.get('status') ?? '';
  const final = query.get('final') === 'true';
  const evalQuery = [year && `year=${enc(year)}`, final && 'final=true'].filter(Boolean).join('&');
  const evaluation = useApi<Evaluation>(`/api/v1/plans/${enc(plan)}/evaluation${evalQuery ? `?${evalQuery}` : ''}`);
  const indicators = useApi<Indicator[]>(`/api/v1/plans/${enc(plan)}/indicators`);
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const meta = plans.data?.find((p) => p.id === plan);
  const screens = Grid.useBreakpoint();
  const wide = screens.xl;
  // A phone pins the name, wrapped, and nothing over it; a tablet pins the category and the status.
  const phone = screens.md === false;

  const setQuery = (patch: Record<string, string | number | null>): void => patchQuery(`/plans/${plan}/indicators`, query, patch);

  const e = evaluation.data;
  const mode = e?.mode ?? 'progress';
  const order: readonly string[] = mode === 'final' ? VERDICT_ORDER : STATUS_ORDER;

  const rows = useMemo<Row[]>(() => {
    if (!e) return [];
    const byId = new Map((indicators.data ?? []).map((i) => [i.id, i]));
    const all = e.results.map((r) => ({
      r,
      ind: byId.get(r.indicatorId),
      code: (mode === 'final' ? r.verdict : r.status) ?? 'dataMissing',
    }));
    // Binding indicators that lag lead the table, then the plan's order.
    return [...all.filter((x) => x.r.warning), ...all.filter((x) => !x.r.warning)];
  }, [e, indicators.data, mode]);

  const filtered = rows.filter(
    (x) => (!category || x.r.category === category) && (!attribute || x.r.attribute === attribute) && (!status || x.code === status),
  );

  if (evaluation.error && !e) return <ErrorView error={evaluation.error} retry={evaluation.reload} />;
  if (!e) return <Loading />;

  const { baseYear, targetYear, years } = periodOf(meta, e.results[0]?.figures);
  const categories = [...new Set(rows.map((x) => x.r.category))];
  const yr = t('yearSuffix');

  const columns: ColumnsType<Row> = [
    {
      title: t('category'),
      key: 'category',
      width: 80,
      fixed: wide || phone ? undefined : 'left',
      render: (_, x) => x.r.category,
      sorter: (a, b) => categories.indexOf(a.r.category) - categories.indexOf(b.r.category),
    },
    {
      title: t('no'),
      key: 'no',
      width: 58,
      render: (_, x) => x.r.indicatorId,
      sorter: (a, b) => a.r.no - b.r.no || a.r.indicatorId.localeCompare(b.r.indicatorId),
    },
    {
      title: t('indicator'),
      key: 'name',
      width: phone ? 150 : 220,
      fixed: phone ? 'left' : undefined,
      className: 'pw-wrap-name',
      render: (_, x) => (
        <span>
          {x.r.warning && (
            <Tooltip title={t('bindingLaggingTip')}>
              <WarningFilled style={{ color: '#cf1322', marginRight: 4 }} aria-label={t('warning')} />
            </Tooltip>
          )}
          <Link to={`/plans/${plan}/indicators/${enc(x.r.indicatorId)}?year=${e.year}`} data-testid="indicator-name">
            {x.r.name}
          </Link>
        </span>
      ),
      sorter: (a, b) => a.r.name.localeCompare(b.r.name, 'zh-CN'),
    },
    { title: t('unit'), key: 'unit', width: 76, render: (_, x) => x.r.unit || '—' },
    {
      title: `${baseYear}${t('baseCol')}`,
      key: 'base',
      width: 78,
      align: 'right',
      render: (_, x) => (x.ind?.baseWritten ?? (x.r.figures.base === null ? '—' : fmtNum(x.r.figures.base, lang))) || '—',
    },
    {
      title: t('latestCol'),
      key: 'latest',
      width: 130,
      align: 'right',
      render: (_, x) => (
        <span className="pw-nowrap">
          <LatestCell r={x.r} />
        </span>
      ),
      sorter: (a, b) => (a.r.figures.latest?.year ?? 0) - (b.r.figures.latest?.year ?? 0),
    },
    {
      title: `${targetYear}${t('targetCol')}`,
      key: 'target',
      width: 130,
      render: (_, x) => (
        <span>
          {targetText(x.r.targetWritten || undefined, x.r.unit)}
          {x.r.growthTargetWritten ? (
            <div className="pw-subtitle">
              {t('avgGrowthShort')} {x.r.growthTargetWritten}
            </div>
          ) : null}
        </span>
      ),
    },
    {
      title: t('attribute'),
      key: 'attribute',
      width: 72,
      render: (_, x) =>
        x.r.attribute ? (
          <Tag color={x.r.attribute === '约束性' ? 'red' : 'default'}>{besideWord(ATTRIBUTE, x.r.attribute, lang)}</Tag>
        ) : (
          '—'
        ),
      sorter: (a, b) => (a.r.attribute ?? '').localeCompare(b.r.attribute ?? ''),
    },
    {
      title: t('timeShare'),
      key: 'timeShare',
      width: 80,
      align: 'right',
      render: (_, x) => fmtShare(x.r.figures.timeShare),
      sorter: (a, b) => (a.r.figures.timeShare ?? -1) - (b.r.figures.timeShare ?? -1),
    },
    {
      title: t('completion'),
      key: 'completion',
      width: 80,
      align: 'right',
      render: (_, x) => <CompletionCell r={x.r} />,
      sorter: (a, b) => completionOf(a.r) - completionOf(b.r),
    },
    {
      title: mode === 'final' ? t('verdict') : t('status'),
      key: 'status',
      width: { zh: 122, en: 190 }[lang],
      fixed: wide || phone ? undefined : 'right',
      render: (_, x) => {
        const official = x.r.officialVerdict;
        if (!official || mode !== 'final' || official.verdict === x.code)
          return <StatusTag code={x.code} mode={mode} warning={x.r.warning} label={x.r.shownLabel} />;
        // The official verdict leads; the computed one stays visible beside it.
        return (
          <Tooltip title={[official.reason, official.source].filter(Boolean).join(' — ') || undefined}>
            <span tabIndex={0}>
              <StatusTag code={official.verdict} mode={mode} warning={x.r.warning} label={official.label} />
              <div className="pw-subtitle">
                {t('computedShort')}：{labelOf(x.code, lang, mode)}
              </div>
            </span>
          </Tooltip>
        );
      },
      sorter: (a, b) => order.indexOf(a.code) - order.indexOf(b.code),
    },
  ];

  return (
    <div data-testid="indicator-table">
      <PageTitle
        extra={
          <>
            <PeriodControls year={e.year} years={years} targetYear={targetYear} final={final} setQuery={setQuery} />
            <Button
              icon={<DownloadOutlined />}
              href={`/api/v1/plans/${enc(plan)}/export.xlsx?year=${e.year}${final ? '&final=true' : ''}`}
              data-testid="export"
            >
              {t('export')}
            </Button>
          </>
        }
      >
        {t('tableTitle')}（{mode === 'final' ? t('modeFinal') : `${e.year}${yr}`}）
      </PageTitle>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            aria-label={t('filterCategory')}
            placeholder={t('filterCategory')}
            value={category || undefined}
            allowClear
            onChange={(v?: string) => setQuery({ category: v ?? null })}
            style={{ width: 150 }}
            options={categories.map((c) => ({ value: c, label: c }))}
          />
          <Select
            aria-label={t('filterAttribute')}
            placeholder={t('filterAttribute')}
            value={attribute || undefined}
            allowClear
            onChange={(v?: string) => setQuery({ attribute: v ?? null })}
            style={{ width: 150 }}
            options={['约束性', '预期性'].map((a) => ({ value: a, label: a }))}
          />
          <Select
            aria-label={t('filterStatus')}
            placeholder={t('filterStatus')}
            value={status || undefined}
            allowClear
            onChange={(v?: string) => setQuery({ status: v ?? null })}
            style={{ width: { zh: 170, en: 260 }[lang] }}
            options={order.map((c) => ({ value: c, label: `${labelOf(c, lang, mode)}（${e.counts[c] ?? 0}）` }))}
          />
          {(category || attribute || status) && (
            <Button onClick={() => setQuery({ category: null, attribute: null, status: null })}>{t('resetFilters')}</Button>
          )}
          <span className="pw-subtitle" data-testid="row-count">
            {filtered.length} / {rows.length} {t('rows')}
          </span>
        </Space>
        <Table<Row>
          className="pw-table-nowrap-head"
          rowKey={(x) => x.r.indicatorId}
          columns={phone ? [...columns.filter((c) => c.key === 'name'), ...columns.filter((c) => c.key !== 'name')] : columns}
          dataSource={filtered}
          size="small"
          pagination={false}
          scroll={wide ? undefined : { x: 1150 }}
          tableLayout={wide ? 'auto' : 'fixed'}
          sticky={{ offsetHeader: 56 }}
          loading={evaluation.loading}
          rowClassName={(x) => (x.r.warning ? 'pw-row-warning' : '')}
        />
      </Card>
    </div>
  );
}
