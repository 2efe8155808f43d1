/** Orders and overdue orders per unit (outcomes only), for the 督办 page and the cockpit. */
import type { ReactNode } from 'react';
import { Card, Table, Tag } from 'antd';
import { enc, useApi } from '../../api';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useCan } from '../../session';
import type { UnitCounts } from './types';

export function UnitCountsTable({
  counts,
  compact = false,
  extra,
}: {
  counts: UnitCounts;
  compact?: boolean;
  extra?: ReactNode;
}): ReactNode {
  const t = useT();
  return (
    <Card size="small" title={t('supOrdersByUnit')} extra={extra} style={{ marginBottom: 12 }} data-testid="sup-unit-counts">
      <Table
        size="small"
        rowKey="unitId"
        pagination={compact ? { pageSize: 5, size: 'small' } : false}
        dataSource={counts.units}
        columns={[
          { title: t('supUnit'), dataIndex: 'unitName' },
          { title: t('supOrders'), dataIndex: 'orders', width: 80 },
          { title: t('supOpen'), dataIndex: 'open', width: 70 },
          { title: t('supOverdue'), dataIndex: 'overdue', width: 70, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
          ...(compact
            ? []
            : [
                { title: t('supClosed'), dataIndex: 'closed', width: 80 },
                { title: t('supClosedOnTime'), dataIndex: 'closedOnTime', width: 90 },
              ]),
        ]}
      />
    </Card>
  );
}

/** The cockpit's 督办 card: warnings by colour and each unit's orders and overdue orders; shown to those who read the ledger. */
export function CockpitSupervision({ plan }: { plan: string }): ReactNode {
  const t = useT();
  const may = useCan('supervision.read');
  const counts = useApi<UnitCounts>(may ? `/api/v1/plans/${enc(plan)}/supervision/units` : null);
  if (!may || !counts.data) return null;
  const w = counts.data.warnings;
  return (
    <div data-testid="cockpit-supervision">
      <UnitCountsTable
        counts={counts.data}
        compact
        extra={
          <Link to={`/plans/${plan}/supervision?tab=warnings`}>
            {t('supWarningCounts')} <Tag color="red">{w.red}</Tag>
            <Tag color="gold">{w.yellow}</Tag>
          </Link>
        }
      />
    </div>
  );
}
