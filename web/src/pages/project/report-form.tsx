/** Parts of project/index.tsx: ReportForm. */
import { useEffect, type ReactNode } from 'react';
import { Alert, App, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { apiSend, enc } from '../../api';
import { fill, useLang, useT, word } from '../../i18n';
import { PROJECT_STAGE, VALUE_STATUS } from '../../../../src/core/labels';
import { PROJECT_STAGES } from '../../status';
import { thisMonth } from '../../projects';
import { MonthSelect } from '../../components/MonthSelect';
import type { PlanSummary, ProjectDetail, ProjectReport } from '../../types';
import { useAction } from '../../action';

export interface ReportValues {
  period: string;
  investment?: number | null;
  stage?: string;
  milestonesDone?: string[];
  note?: string;
  issues?: { title?: string; ownerUnit?: string }[];
}

export function ReportForm({
  d,
  asOf,
  meta,
  reload,
}: {
  d: ProjectDetail;
  asOf: string;
  meta: PlanSummary | undefined;
  reload(): void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReportValues>();
  const period = Form.useWatch('period', form);
  // Months of the plan's period up to this one (a month not yet over can be reported as it stands).
  const last = thisMonth() > asOf ? thisMonth() : asOf;
  const first = meta ? `${meta.baseYear + 1}-01` : `${Number(asOf.slice(0, 4)) - 5}-01`;
  const existing = d.reports.find((r) => r.period === period);
  const open = d.project.milestones.filter((m) => !m.doneOn || existing?.milestonesDone.includes(m.id));

  // The stage a new month starts from. After every approved month it is the project's (which an
  // administrator may have set back on purpose), or the stage of an earlier month still waiting for
  // review if that is further on, so the next month does not contradict it. Before an approved
  // month it is the stage reported before it, or none (then the month states no stage).
  const rank = (s: string): number => PROJECT_STAGES.indexOf(s as (typeof PROJECT_STAGES)[number]);
  const reportedBefore = [...d.reports]
    .filter((r) => r.stage && (!period || r.period < period))
    .sort((a, b) => b.period.localeCompare(a.period))[0];
  const approvedAfter = d.reports.some((r) => r.stage && r.status === 'approved' && !!period && r.period > period);
  const previousStage = approvedAfter
    ? (reportedBefore?.stage ?? undefined)
    : reportedBefore?.stage && reportedBefore.status !== 'approved' && rank(reportedBefore.stage) > rank(d.project.stage)
      ? reportedBefore.stage
      : d.project.stage;
  // A month already reported: its figures fill the form, to be corrected and sent again.
  useEffect(() => {
    form.setFieldsValue({
      investment: existing?.investment ?? null,
      stage: existing?.stage ?? previousStage,
      milestonesDone: existing?.milestonesDone ?? [],
      note: existing?.note ?? '',
    });
  }, [existing, previousStage, form]);

  // A form that does not validate rejects with no Error: its fields are marked, no message (useAction).
  const sending = useAction(
    async (submit: boolean) => {
      const v = await form.validateFields();
      await apiSend<ProjectReport>('POST', `/api/v1/projects/${enc(d.project.id)}/reports`, {
        period: v.period,
        investment: v.investment,
        stage: v.stage ?? null,
        milestonesDone: v.milestonesDone ?? [],
        note: v.note?.trim() || null,
        issues: (v.issues ?? [])
          .filter((i) => i.title?.trim())
          .map((i) => ({ title: i.title!.trim(), ownerUnit: i.ownerUnit?.trim() || null })),
        submit,
      });
      void message.success(submit ? t('submittedOk') : t('saved'));
      form.setFieldsValue({ issues: [] });
      reload();
    },
    { key: (submit) => (submit ? 'submit' : 'save') },
  );
  const { busy, running, error } = sending;

  const locked = existing?.status === 'approved' || existing?.status === 'submitted';
  return (
    <Form<ReportValues> form={form} name="report" layout="vertical" initialValues={{ period: asOf, issues: [] }}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="report-error" />}
      {existing && (
        <Alert
          type={locked ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="report-existing"
          message={
            fill(t('reportExistsOf'), { m: existing.period, s: word(VALUE_STATUS, existing.status, lang) }) +
            t(existing.status === 'approved' ? 'reportLocked' : existing.status === 'submitted' ? 'reportAwaiting' : 'reportEditable')
          }
        />
      )}
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item label={t('period')} name="period" rules={[{ required: true, message: t('period') }]}>
            <MonthSelect from={first} to={last} width="100%" ariaLabel={t('period')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('investmentMonth')} name="investment" rules={[{ required: true, message: t('investmentMonthRequired') }]}>
            <InputNumber min={0} step={0.1} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label={t('stage')} name="stage">
            <Select options={PROJECT_STAGES.map((s) => ({ value: s, label: word(PROJECT_STAGE, s, lang) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={18}>
          {open.length > 0 && (
            <Form.Item label={t('milestonesDone')} name="milestonesDone">
              <Checkbox.Group options={open.map((m) => ({ value: m.id, label: `${m.name}（${m.due}）` }))} />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Form.Item label={t('note')} name="note">
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
      </Form.Item>
      <Form.List name="issues">
        {(fields, { add, remove }) => (
          <div style={{ marginBottom: 12 }}>
            <div className="pw-subtitle" style={{ marginBottom: 6 }}>
              {t('newIssues')}
            </div>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }} wrap>
                <Form.Item
                  name={[f.name, 'title']}
                  rules={[{ required: true, whitespace: true, message: t('issueTitle') }]}
                  style={{ marginBottom: 6 }}
                >
                  <Input aria-label={t('issueTitle')} placeholder={t('issueTitle')} style={{ width: 360 }} maxLength={500} />
                </Form.Item>
                <Form.Item name={[f.name, 'ownerUnit']} style={{ marginBottom: 6 }}>
                  <Input aria-label={t('responsibleUnit')} placeholder={t('responsibleUnit')} style={{ width: 220 }} maxLength={200} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('remove')} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add()} data-testid="add-issue">
              {t('addIssue')}
            </Button>
          </div>
        )}
      </Form.List>
      <Space>
        <Button onClick={() => void sending.run(false)} loading={running === 'save'} disabled={locked || busy} data-testid="save-report">
          {t('saveDraft')}
        </Button>
        <Button
          type="primary"
          onClick={() => void sending.run(true)}
          loading={running === 'submit'}
          disabled={locked || busy}
          data-testid="submit-report"
        >
          {t('submit')}
        </Button>
      </Space>
    </Form>
  );
}
