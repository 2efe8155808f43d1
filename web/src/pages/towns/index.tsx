/**
 * 镇街数值: towns × indicators. Each cell is the town's own figure of the year (or its latest up to
 * the year) and where it stands in review; a town's figure is never the district's.
 */
import type { ReactNode } from 'react';
import { Card, Empty, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { PageProps } from '../../router';
import { useApi } from '../../api';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { fmtNum } from '../../format';
import { useLang, useT } from '../../i18n';
import { VALUE_STATUS, bi } from '../../status';
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
        const s = VALUE_STATUS[c.status];
        return (
          <div data-testid={`town-cell-${r.indicatorId}-${town.id}`}>
            <div>
              {fmtNum(c.value, lang)}
              {r.unit}
              {c.year !== data.year ? (
                <span className="pw-subtitle">
                  （{c.year}
                  {lang === 'zh' ? '年' : ''}）
                </span>
              ) : null}
            </div>
            <Tooltip title={lang === 'en' && s ? s.zh : undefined}>
              <Tag color={s?.color}>{s ? bi(s, lang, c.status) : c.status}</Tag>
            </Tooltip>
          </div>
        );
      },
    })),
  ];
  return (
    <div data-testid="towns">
      <PageTitle>
        {t('townsTitle')}（{data.year}
        {lang === 'zh' ? '年' : ''}）
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
