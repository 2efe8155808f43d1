/**
 * 跨期序列: one indicator across the successive five-year plans its predecessor links join (13th →
 * 14th → 15th), each period's values in its own series, the plans' printed bases as hollow points,
 * and every 口径 break a dashed vertical line: values either side are not comparable.
 */
import type { ReactNode } from 'react';
import { Card, Table } from 'antd';
import { MarkLineComponent } from 'echarts/components';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { Chart, FONT, registerCharts, type ChartOption } from '../../charts/Chart';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { fill, useT } from '../../i18n';
import type { PeriodSeries } from '../../types';

registerCharts([MarkLineComponent]);

export default function PeriodsPage({ plan, params }: PageProps): ReactNode {
  const t = useT();
  const { data, error, reload } = useApi<PeriodSeries>(`/api/v1/plans/${enc(plan)}/indicators/${enc(params.id!)}/periods`);
  if (error && !data) return <ErrorView error={error} retry={reload} />;
  if (!data) return <Loading />;
  const years = [...new Set(data.points.map((p) => p.year))].sort((a, b) => a - b);
  const option: ChartOption = {
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 24, top: 36, bottom: 32 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: data.unit, scale: true },
    series: data.periods.map((p, i) => ({
      name: p.title,
      type: 'line',
      connectNulls: true,
      data: years.map((y) => {
        const pt = data.points.find((x) => x.year === y && x.planId === p.planId);
        return pt ? { value: pt.value, symbol: pt.origin === 'base' ? 'emptyCircle' : 'circle' } : null;
      }),
      ...(i === 0
        ? {
            markLine: {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: '#cf1322' },
              label: { formatter: t('periodsBreak') },
              data: data.breaks.map((b) => ({ xAxis: String(b.year) })),
            },
          }
        : {}),
    })),
  };
  return (
    <div data-testid="periods-page">
      <PageTitle>{fill(t('periodsTitle'), { name: data.name })}</PageTitle>
      <p className="pw-muted">{t('periodsHint')}</p>
      <Card size="small">
        <Chart option={option} height={320} ariaLabel={fill(t('periodsTitle'), { name: data.name })} testId="periods-chart" />
      </Card>
      <Table
        size="small"
        style={{ marginTop: 12 }}
        rowKey="year"
        pagination={false}
        data-testid="periods-breaks"
        dataSource={data.breaks}
        columns={[
          { title: t('periodsBreak'), dataIndex: 'year' },
          { title: '', dataIndex: 'reason' },
        ]}
      />
    </div>
  );
}
