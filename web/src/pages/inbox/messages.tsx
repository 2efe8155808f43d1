/**
 * The unit's in-app messages (the outbox's inbox channel): each step of its orders and the daily
 * reminder, newest first, unread ones marked and counted; a message is marked read as it is
 * opened, or all at once.
 */
import { useState, type ReactNode } from 'react';
import { Badge, Button, Card, Empty, List, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { NotificationOut } from '../../../../src/server/routes/notifications.js';
import { useAction } from '../../action';
import { apiSend, enc, useApi } from '../../api';
import { fmtTime } from '../../format';
import { useT } from '../../i18n';
import { Link } from '../../router';
import { useCan, useSession } from '../../session';

type Message = z.output<typeof NotificationOut>;

export function InboxMessages({ plan }: { plan: string }): ReactNode {
  const t = useT();
  const session = useSession();
  // Messages are addressed to units: a user without a unit has none (admins read the outbox).
  const may = useCan('notification.read') && !!session.user?.unitId;
  const list = useApi<Message[]>(may ? '/api/v1/notifications?channel=inbox&limit=100' : null);
  const [open, setOpen] = useState<string | null>(null);
  const read = useAction(async (id: string) => {
    await apiSend('POST', `/api/v1/notifications/${enc(id)}/read`, {});
    list.reload();
  });
  const readAll = useAction(async () => {
    await apiSend('POST', '/api/v1/notifications/read-all', {});
    list.reload();
  });
  if (!may) return null;
  const items = list.data ?? [];
  const unread = items.filter((m) => !m.readAt).length;
  const toggle = (m: Message): void => {
    setOpen(open === m.id ? null : m.id);
    if (!m.readAt) void read.run(m.id);
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="inbox-messages"
      title={
        <Badge count={unread} offset={[12, 0]} data-testid="inbox-unread">
          {t('msgTitle')}
        </Badge>
      }
      extra={
        unread > 0 ? (
          <Button
            size="small"
            icon={<CheckOutlined />}
            loading={readAll.busy}
            onClick={() => void readAll.run()}
            data-testid="inbox-read-all"
          >
            {t('msgMarkAllRead')}
          </Button>
        ) : null
      }
    >
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
          renderItem={(m) => (
            <List.Item
              data-message={m.id}
              data-read={m.readAt ? 'true' : 'false'}
              actions={[
                ...(m.orderId
                  ? [
                      <Link key="o" to={`/plans/${plan}/supervision`}>
                        {t('msgOpenOrder')}
                      </Link>,
                    ]
                  : []),
              ]}
            >
              <div style={{ width: '100%', cursor: 'pointer' }} onClick={() => toggle(m)} data-testid="inbox-message">
                {m.readAt ? <Tag>{t('msgRead')}</Tag> : <Tag color="blue">{t('msgUnread')}</Tag>}
                <Typography.Text strong={!m.readAt}>{m.subject}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                  {fmtTime(m.createdAt)}
                </Typography.Text>
                {open === m.id && (
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0 0' }} data-testid="inbox-message-body">
                    {m.body}
                  </Typography.Paragraph>
                )}
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('msgNone')} />
      )}
    </Card>
  );
}
