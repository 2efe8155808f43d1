/** The unit's open supervision orders, first in its inbox, most urgent first. */
import type { ReactNode } from 'react';
import { Card, Empty, List } from 'antd';
import { enc, useApi } from '../../api';
import { useLang, useT } from '../../i18n';
import { Link } from '../../router';
import { useCan } from '../../session';
import { DeadlineTag, ORDER_LEVEL, ORDER_STATE, word } from './parts';
import type { OrderList } from './types';

const URGENCY: Record<string, number> = { red: 0, yellow: 1, blue: 2, none: 3 };

export function InboxOrders({ plan }: { plan: string }): ReactNode {
  const t = useT();
  const lang = useLang();
  const may = useCan('supervision.read');
  const list = useApi<OrderList>(may ? `/api/v1/plans/${enc(plan)}/supervision-orders?state=open` : null);
  if (!may) return null;
  const items = [...(list.data?.items ?? [])].sort(
    (a, b) => URGENCY[a.colour]! - URGENCY[b.colour]! || a.deadline.localeCompare(b.deadline),
  );
  return (
    <Card size="small" title={t('supMyOrders')} style={{ marginBottom: 12 }} data-testid="inbox-orders">
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(o) => (
            <List.Item
              actions={[
                <Link key="open" to={`/plans/${plan}/supervision`}>
                  {t('supReply')}
                </Link>,
              ]}
              data-order={o.id}
            >
              <span>
                <DeadlineTag colour={o.colour} state={o.state} rule={o.colourRule} lang={lang} />
                {word(ORDER_LEVEL, o.level, lang)} · {o.subjectName} · {t('supDeadline')} {o.deadline} · {word(ORDER_STATE, o.state, lang)}
              </span>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supNoOrders')} />
      )}
    </Card>
  );
}
