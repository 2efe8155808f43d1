/** Parts of annual-plan/index.tsx: AnnualTable, AnnualList. */
import { type ReactNode } from 'react';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { enc } from '../../api';
import { SourcePopover, StatusTag } from '../../components/common';
import { TargetCell } from '../../components/figures';
import { fmtPct, targetText, withUnit } from '../../format';
import { fill, useLang, useT } from '../../i18n';
import { Link } from '../../router';
import type { IndicatorResult } from '../../types';
import { type Edit, type Row, YearTarget } from './editor';

/** The year's actual value in the terms of its target: 「增长4.3%」 for a growth target, the level otherwise. */
export function ActualCell({ r }: { r: IndicatorResult }): ReactNode {
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
export function ResultCell({ r }: { r: IndicatorResult }): ReactNode {
  const a = r.annual;
  if (!a) return <span className="pw-muted">—</span>;
  return (
    <div className="pw-annual-result" data-testid={`annual-result-${r.indicatorId}`}>
      <StatusTag code={a.verdict} mode="final" label={a.verdictLabel} />
      <div className="pw-subtitle">{a.explanation}</div>
    </div>
  );
}

export function NameLink({ r, plan, year }: { r: IndicatorResult; plan: string; year: number }): ReactNode {
  return <Link to={`/plans/${plan}/indicators/${enc(r.indicatorId)}?year=${year}`}>{r.name}</Link>;
}

export function AnnualTable({
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
            width: { zh: 80, en: 96 }[lang],
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
      width: { zh: 240, en: 260 }[lang],
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
export function AnnualList({
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
