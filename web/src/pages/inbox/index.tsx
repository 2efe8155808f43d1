/**
 * 我的待办: the unit's supervision orders first, then its in-app messages, overdue rounds, returned values with the reason, drafts, submitted values, and the unit's
 * indicators and task targets (任务目标), each listed apart.
 */
import type { ReactNode } from 'react';
import { Badge, Card, Col, Empty, List, Row, Tag } from 'antd';
import type { PageProps } from '../../router';
import { enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { fmtNum, fmtTime } from '../../format';
import { useLang, useT, word } from '../../i18n';
import { Link } from '../../router';
import { OBSERVATION_KIND } from '../../../../src/core/labels';
import { useTargets } from '../../targets';
import type { Inbox as InboxData, ValueRecord } from '../../types';
import { InboxOrders } from '../supervision/inbox-orders';
import { InboxMessages } from './messages';

export default function Inbox({ params }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const plan = params.plan!;
  const inbox = useApi<InboxData>(`/api/v1/plans/${enc(plan)}/inbox`);
  const targets = useTargets(plan);
  if (inbox.error && !inbox.data) return <ErrorView error={inbox.error} retry={inbox.reload} />;
  if (!inbox.data) return <Loading />;
  const d = inbox.data;
  const mine = d.indicators.filter((id) => !targets.get(id)?.task);
  const myTasks = d.indicators.filter((id) => targets.get(id)?.task);
  const entry = (id: string, year?: number, kind?: string): string =>
    `/plans/${plan}/entry?indicator=${enc(id)}${year ? `&year=${year}` : ''}${kind ? `&kind=${enc(kind)}` : ''}`;
  const latestDue = d.due[0]?.year;

  const valueItem = (v: ValueRecord, extra?: ReactNode): ReactNode => (
    <List.Item
      actions={[
        <Link key="edit" to={entry(v.indicatorId, v.year, v.kind)}>
          {t('edit')}
        </Link>,
      ]}
    >
      <List.Item.Meta
        title={
          <span>
            {targets.label(v.indicatorId)} · {v.year}
          </span>
        }
        description={
          <span>
            {word(OBSERVATION_KIND, v.kind, lang)}：{fmtNum(v.value, lang)} {v.unit ?? ''} · {fmtTime(v.updatedAt)}
            {extra}
          </span>
        }
      />
    </List.Item>
  );

  return (
    <div data-testid="inbox">
      <PageTitle>{t('inboxTitle')}</PageTitle>
      <InboxOrders plan={plan} />
      <InboxMessages plan={plan} />
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              <Badge count={d.overdue.length} offset={[12, 0]}>
                {t('overdue')}
              </Badge>
            }
          >
            {d.overdue.length ? (
              <List
                size="small"
                dataSource={d.overdue}
                renderItem={(o) => (
                  <List.Item
                    actions={[
                      <Link key="e" to={entry(o.indicatorId, o.year)}>
                        {t('nav_entry')}
                      </Link>,
                    ]}
                  >
                    <span>
                      <Tag color="red">{o.dueDate}</Tag>
                      {targets.label(o.indicatorId)} · {o.year} · {o.calendarTitle} · {o.state}
                    </span>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={
              <Badge count={d.returned.length} offset={[12, 0]}>
                {t('returned')}
              </Badge>
            }
            data-testid="inbox-returned"
          >
            {d.returned.length ? (
              <List
                size="small"
                dataSource={d.returned}
                renderItem={(v) =>
                  valueItem(
                    v,
                    <div style={{ color: '#ad4e00' }}>
                      {t('reason')}：{v.returnReason}
                    </div>,
                  )
                }
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('drafts')}>
            {d.drafts.length ? (
              <List size="small" dataSource={d.drafts} renderItem={(v) => valueItem(v)} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('submitted')}>
            {d.submitted.length ? (
              <List size="small" dataSource={d.submitted} renderItem={(v) => valueItem(v)} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('due')}>
            {d.due.length ? (
              <List
                size="small"
                dataSource={d.due}
                renderItem={(c) => (
                  <List.Item>
                    <span>
                      <Tag color="blue">{c.dueDate}</Tag>
                      {c.title}（{c.year}）{c.note ? ` · ${c.note}` : ''}
                    </span>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={myTasks.length ? t('myTargets') : t('myIndicators')} data-testid="my-indicators">
            {(mine.length > 0 || myTasks.length === 0) && (
              <div data-testid="my-main-indicators">
                {myTasks.length > 0 && <h6 className="pw-list-group">{t('mainIndicators')}</h6>}
                <TargetList ids={mine} label={targets.label} plan={plan} entry={(id) => entry(id, latestDue)} />
              </div>
            )}
            {myTasks.length > 0 && (
              <div data-testid="my-task-targets">
                <h6 className="pw-list-group">{t('nav_tasks')}</h6>
                <TargetList ids={myTasks} label={targets.label} plan={plan} entry={(id) => entry(id, latestDue)} />
              </div>
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function TargetList({
  ids,
  label,
  plan,
  entry,
}: {
  ids: string[];
  label(id: string): string;
  plan: string;
  entry(id: string): string;
}): ReactNode {
  const t = useT();
  if (!ids.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      size="small"
      dataSource={ids}
      renderItem={(id) => (
        <List.Item
          actions={[
            <Link key="e" to={entry(id)} data-testid={`enter-${id}`}>
              {t('nav_entry')}
            </Link>,
          ]}
        >
          <Link to={`/plans/${plan}/indicators/${enc(id)}`}>{label(id)}</Link>
        </List.Item>
      )}
    />
  );
}
