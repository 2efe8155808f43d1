/**
 * 镇街数值: towns × indicators. Each cell is the town's own figure of the year (or its latest up to
 * the year) and where it stands in review; a town's figure is never the district's.
 */
import type { ReactNode } from 'react';
import { Card, Empty, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { PageProps } from '../../router';
import { useApi } from '../../api';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { fmtNum } from '../../format';
import { useLang, useT, word } from '../../i18n';
import { VALUE_STATUS } from '../../../../src/core/labels';
import { VALUE_STATUS_COLOUR } from '../../status';
import type { TownMatrix } from '../../types';

type Row = TownMatrix['indicators'][number];

export default function Towns({ params, query }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const year = query.get('year');
  const { data, error, reload } = useApi<TownMatrix>(`/api/v1/plans/${params.plan!}/towns${year ? `?year=${year}` : ''}`);
  if (error && !data) return <ErrorView error={error} retry={reload} />;
  if (!data) return <Loading />;
  const cell = (indicatorId: string, unitId: string) =>
    data.cells.filter((c) => c.indicatorId === indicatorId && c.unitId === unitId && c.kind === 'level')[0] ??
    data.cells.find((c) => c.indicatorId === indicatorId && c.unitId === unitId);
  const columns: ColumnsType<Row> = [
    {
      title: t('townsIndicator'),
      key: 'name',
      fixed: 'left',
      width: 220,
      render: (_: unknown, r: Row) => (
        <div>
          <div style={{ whiteSpace: 'normal' }}>{r.name}</div>
          <Tag color={r.addsUp ? 'blue' : 'default'} style={{ marginTop: 4 }}>
            {r.addsUp ? t('townsAddsUp') : t('townsNotAdditive')}
          </Tag>
        </div>
      ),
    },
    ...data.towns.map((town) => ({
      title: town.name,
      key: town.id,
      width: 120,
      render: (_: unknown, r: Row) => {
        const c = cell(r.indicatorId, town.id);
        if (!c) return r.assignedTowns.includes(town.id) ? <span className="pw-subtitle">—</span> : null;
        return (
          <div data-testid={`town-cell-${r.indicatorId}-${town.id}`}>
            <div>
              {fmtNum(c.value, lang)}
              {r.unit}
              {c.year !== data.year ? (
                <span className="pw-subtitle">
                  （{c.year}
                  {t('yearSuffix')}）
                </span>
              ) : null}
            </div>
            <Tag color={VALUE_STATUS_COLOUR[c.status]}>{word(VALUE_STATUS, c.status, lang)}</Tag>
          </div>
        );
      },
    })),
  ];
  return (
    <div data-testid="towns">
      <PageTitle>
        {t('townsTitle')}（{data.year}
        {t('yearSuffix')}）
      </PageTitle>
      <div className="pw-subtitle" style={{ marginTop: -8, marginBottom: 12 }}>
        {t('townsHint')}
      </div>
      <Card size="small">
        {data.indicators.length === 0 ? (
          <Empty description={t('townsNoValues')} />
        ) : (
          <Table<Row>
            rowKey="indicatorId"
            size="small"
            pagination={false}
            scroll={{ x: 220 + data.towns.length * 120 }}
            columns={columns}
            dataSource={data.indicators}
          />
        )}
      </Card>
    </div>
  );
}
