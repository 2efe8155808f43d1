/** 报送日历 and 逾期未报: the reporting rounds (admins add them) and who has not reported past a due date. */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Table, Tag } from 'antd';
import type { PageProps } from '../../router';
import { apiSend, enc, useApi } from '../../api';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { useLang, useT, word } from '../../i18n';
import { OVERDUE_STATE } from '../../../../src/core/labels';
import { Link } from '../../router';
import { can, useSession } from '../../session';
import { useTargets } from '../../targets';
import type { CalendarEntry, OverdueItem, PlanSummary, Unit } from '../../types';

/** The tag colour of each overdue state (the words: OVERDUE_STATE in src/core/labels.ts). */
const STATE_COLOUR: Record<string, string> = { missing: 'red', draft: 'orange', returned: 'gold' };

export default function ReportingCalendar({ params }: PageProps): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const session = useSession();
  const plan = params.plan!;
  const calendar = useApi<CalendarEntry[]>(`/api/v1/plans/${enc(plan)}/calendar`);
  const overdue = useApi<OverdueItem[]>(`/api/v1/plans/${enc(plan)}/overdue`);
  const targets = useTargets(plan);
  const units = useApi<Unit[]>('/api/v1/units');
  const plans = useApi<PlanSummary[]>('/api/v1/plans');
  const meta = plans.data?.find((p) => p.id === plan);
  const [form] = Form.useForm<{ year: number; title: string; dueDate: string; note?: string }>();
  const [error, setError] = useState<string | null>(null);

  if (calendar.error && !calendar.data) return <ErrorView error={calendar.error} retry={calendar.reload} />;
  if (!calendar.data) return <Loading />;
  const unitName = (id: string): string => units.data?.find((u) => u.id === id)?.name ?? id;
  const years: number[] = [];
  if (meta) for (let y = meta.baseYear + 1; y <= meta.targetYear; y++) years.push(y);

  const add = async (v: { year: number; title: string; dueDate: string; note?: string }): Promise<void> => {
    setError(null);
    try {
      await apiSend('POST', `/api/v1/plans/${enc(plan)}/calendar`, { ...v, note: v.note?.trim() || null });
      void message.success(t('save'));
      form.resetFields();
      calendar.reload();
      overdue.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div data-testid="calendar">
      <PageTitle>{t('calendarTitle')}</PageTitle>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={can(session, 'calendar.manage') ? 15 : 24}>
          <Card size="small" title={t('due')}>
            <Table<CalendarEntry>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={calendar.data}
              columns={[
                { title: t('year'), dataIndex: 'year', width: 70 },
                { title: t('title'), dataIndex: 'title' },
                {
                  title: t('dueDate'),
                  dataIndex: 'dueDate',
                  width: 130,
                  render: (d: string) => <Tag color={d < new Date().toISOString().slice(0, 10) ? 'default' : 'blue'}>{d}</Tag>,
                },
                { title: t('note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
              ]}
            />
          </Card>
        </Col>
        {can(session, 'calendar.manage') && (
          <Col xs={24} xl={9}>
            <Card size="small" title={t('addRound')}>
              {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
              <Form form={form} name="calendar" layout="vertical" onFinish={(v) => void add(v)}>
                <Form.Item label={t('year')} name="year" rules={[{ required: true, message: t('year') }]}>
                  <Select options={years.map((y) => ({ value: y, label: String(y) }))} />
                </Form.Item>
                <Form.Item label={t('title')} name="title" rules={[{ required: true, message: t('title') }]}>
                  <Input placeholder={t('calendarTitleHint')} />
                </Form.Item>
                <Form.Item label={t('dueDate')} name="dueDate" rules={[{ required: true, message: t('dueDate') }]}>
                  <Input type="date" />
                </Form.Item>
                <Form.Item label={t('note')} name="note">
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit">
                  {t('addRound')}
                </Button>
              </Form>
            </Card>
          </Col>
        )}
      </Row>
      <Card size="small" title={`${t('overdue')}（${overdue.data?.length ?? 0}）`} style={{ marginTop: 12 }} data-testid="overdue">
        {overdue.error && <Alert type="error" message={overdue.error.message} />}
        <Table<OverdueItem>
          rowKey={(o) => `${o.indicatorId}|${o.unitId}|${o.year}|${o.dueDate}`}
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 700 }}
          dataSource={overdue.data ?? []}
          columns={[
            {
              title: t('indicator'),
              key: 'ind',
              render: (_, o) => <Link to={`/plans/${plan}/indicators/${enc(o.indicatorId)}`}>{targets.label(o.indicatorId)}</Link>,
            },
            { title: t('reporterUnit'), key: 'unit', width: 200, render: (_, o) => unitName(o.unitId) },
            { title: t('year'), dataIndex: 'year', width: 70 },
            { title: t('dueDate'), dataIndex: 'dueDate', width: 110 },
            { title: t('title'), dataIndex: 'calendarTitle', width: 200 },
            {
              title: t('state'),
              dataIndex: 'state',
              width: 120,
              render: (s: string) => <Tag color={STATE_COLOUR[s]}>{word(OVERDUE_STATE, s, lang)}</Tag>,
            },
          ]}
        />
      </Card>
    </div>
  );
}
