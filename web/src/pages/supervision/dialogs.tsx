/** The steps of an order as dialogs: issue (from a warning or by hand), reply, return, extend; and accept. */
import { useState, type ReactNode } from 'react';
import { App, Button, Form, Input, Select, type InputProps } from 'antd';
import { CheckOutlined, ClockCircleOutlined, FormOutlined, RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { apiSend, enc, useApi } from '../../api';
import { useAction } from '../../action';
import { FormDialog } from '../../components/FormDialog';
import { useLang, useT } from '../../i18n';
import type { Unit } from '../../types';
import { AttachmentUpload, PendingFiles, type OrderFile } from './attachments';
import { ORDER_LEVEL, SUBJECT_TYPE, options } from './parts';
import type { Order, Warning } from './types';

/** A date field as the browser's own date input: YYYY-MM-DD, no date library. */
// Form.Item gives its child `value` and `onChange`: they must reach the input.
const DateInput = (props: InputProps): ReactNode => <Input {...props} type="date" style={{ width: 180 }} />;
const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const NOT_REPORTING = new Set(['zone', 'district']);

/** The units orders and notifications go to, as select options. */
export function useUnitOptions(): { value: string; label: string }[] {
  const units = useApi<Unit[]>('/api/v1/units');
  return (units.data ?? []).filter((u) => !NOT_REPORTING.has(u.kind)).map((u) => ({ value: u.id, label: u.name }));
}

interface IssueFields {
  subjectType?: string;
  subjectName?: string;
  unitId?: string;
  coUnits: string[];
  requirement?: string;
  deadline?: string;
  level: string;
}

export function IssueDialog({
  plan,
  warning,
  testId,
  onDone,
}: {
  plan: string;
  warning?: Warning;
  testId: string;
  onDone(): void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<IssueFields>();
  const units = useUnitOptions();
  const prepare = (): void => {
    form.resetFields();
    form.setFieldsValue({
      unitId: warning?.unitIds[0],
      coUnits: warning?.unitIds.slice(1) ?? [],
      subjectName: warning?.subjectName,
      subjectType: warning?.kind ?? 'other',
      level: warning?.colour === 'red' ? 'order' : 'notice',
      deadline: inDays(15),
      requirement: warning ? `针对「${warning.message}」，请分析原因，制定整改措施，按期反馈进展。` : '',
    });
  };
  const save = async (): Promise<void> => {
    const v = await form.validateFields();
    await apiSend('POST', `/api/v1/plans/${enc(plan)}/supervision-orders`, {
      ...(warning ? { warningKey: warning.key } : { subjectType: v.subjectType, subjectName: v.subjectName }),
      unitId: v.unitId,
      coUnits: v.coUnits,
      requirement: v.requirement,
      deadline: v.deadline,
      level: v.level,
    });
    void message.success(t('supIssued'));
    onDone();
  };
  return (
    <FormDialog title={warning ? t('supIssue') : t('supIssueByHand')} icon={<SendOutlined />} testId={testId} prepare={prepare} save={save}>
      <Form<IssueFields> form={form} layout="vertical" initialValues={{ coUnits: [], level: 'order' }}>
        {!warning && (
          <>
            <Form.Item label={t('supKind')} name="subjectType" rules={[{ required: true }]}>
              <Select id={`${testId}-subject-type`} options={options(SUBJECT_TYPE, lang)} />
            </Form.Item>
            <Form.Item label={t('supSubject')} name="subjectName" rules={[{ required: true }]}>
              <Input id={`${testId}-subject-name`} />
            </Form.Item>
          </>
        )}
        <Form.Item label={t('supUnit')} name="unitId" rules={[{ required: true }]}>
          <Select id={`${testId}-unit`} showSearch optionFilterProp="label" options={units} />
        </Form.Item>
        <Form.Item label={t('supCoUnits')} name="coUnits">
          <Select id={`${testId}-co-units`} mode="multiple" allowClear optionFilterProp="label" options={units} />
        </Form.Item>
        <Form.Item label={t('supRequirement')} name="requirement" rules={[{ required: true }]}>
          <Input.TextArea id={`${testId}-requirement`} rows={3} />
        </Form.Item>
        <Form.Item label={t('supDeadline')} name="deadline" rules={[{ required: true }]}>
          <DateInput id={`${testId}-deadline`} />
        </Form.Item>
        <Form.Item label={t('supLevel')} name="level">
          <Select id={`${testId}-level`} options={options(ORDER_LEVEL, lang)} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

interface ReplyFields {
  measures?: string;
  progress?: string;
  expected?: string;
}

export function ReplyDialog({ plan, order, onDone }: { plan: string; order: Order; onDone(): void }): ReactNode {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReplyFields>();
  // Uploaded as they are chosen; the reply names them when it is saved.
  const [files, setFiles] = useState<OrderFile[]>([]);
  const save = async (): Promise<void> => {
    const v = await form.validateFields();
    await apiSend('POST', `/api/v1/plans/${enc(plan)}/supervision-orders/${enc(order.id)}/replies`, {
      measures: v.measures,
      progress: v.progress,
      expectedCompletion: v.expected || null,
      attachmentIds: files.map((f) => f.id),
    });
    void message.success(t('supSaved'));
    setFiles([]);
    onDone();
  };
  const prepare = (): void => {
    form.resetFields();
    setFiles([]);
  };
  return (
    <FormDialog title={t('supReply')} icon={<FormOutlined />} testId="sup-reply" prepare={prepare} save={save}>
      <Form<ReplyFields> form={form} layout="vertical">
        <Form.Item label={t('supMeasures')} name="measures" rules={[{ required: true }]}>
          <Input.TextArea id="sup-measures" rows={3} />
        </Form.Item>
        <Form.Item label={t('supProgress')} name="progress" rules={[{ required: true }]}>
          <Input.TextArea id="sup-progress" rows={2} />
        </Form.Item>
        <Form.Item label={t('supExpected')} name="expected">
          <DateInput id="sup-expected" />
        </Form.Item>
        <Form.Item label={t('supAttachment')}>
          <AttachmentUpload
            plan={plan}
            orderId={order.id}
            purpose="reply"
            onUploaded={(f) => setFiles((fs) => [...fs, f])}
            testId="sup-reply-upload"
          />
          <PendingFiles files={files} onRemove={(id) => setFiles((fs) => fs.filter((f) => f.id !== id))} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

export function ReasonDialog({
  plan,
  order,
  action,
  onDone,
}: {
  plan: string;
  order: Order;
  action: 'return' | 'extend';
  onDone(): void;
}): ReactNode {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string; deadline?: string }>();
  const save = async (): Promise<void> => {
    const v = await form.validateFields();
    await apiSend('POST', `/api/v1/plans/${enc(plan)}/supervision-orders/${enc(order.id)}/${action}`, {
      reason: v.reason,
      ...(action === 'extend' ? { deadline: v.deadline } : {}),
    });
    void message.success(t('supSaved'));
    onDone();
  };
  return (
    <FormDialog
      title={action === 'return' ? t('supReturn') : t('supExtend')}
      icon={action === 'return' ? <RollbackOutlined /> : <ClockCircleOutlined />}
      testId={`sup-${action}`}
      prepare={() => form.resetFields()}
      save={save}
    >
      <Form form={form} layout="vertical">
        <Form.Item label={t('supReason')} name="reason" rules={[{ required: true }]}>
          <Input.TextArea id={`sup-${action}-reason`} rows={2} />
        </Form.Item>
        {action === 'extend' && (
          <Form.Item label={t('supNewDeadline')} name="deadline" rules={[{ required: true }]}>
            <DateInput id="sup-extend-deadline" />
          </Form.Item>
        )}
      </Form>
    </FormDialog>
  );
}

export function AcceptButton({ plan, order, onDone }: { plan: string; order: Order; onDone(): void }): ReactNode {
  const t = useT();
  const { message } = App.useApp();
  const accept = useAction(async () => {
    await apiSend('POST', `/api/v1/plans/${enc(plan)}/supervision-orders/${enc(order.id)}/accept`, {});
    void message.success(t('supSaved'));
    onDone();
  });
  if (accept.error) void message.error(accept.error);
  return (
    <Button
      size="small"
      type="primary"
      icon={<CheckOutlined />}
      loading={accept.busy}
      onClick={() => void accept.run()}
      data-testid="sup-accept"
    >
      {t('supAccept')}
    </Button>
  );
}
