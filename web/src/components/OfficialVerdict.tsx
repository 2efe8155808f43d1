/**
 * 录入正式结论: an administrator records the verdict a higher-level assessment or an evaluation
 * report gave an indicator (PUT /api/v1/plans/:plan/official-verdicts/:id). Reports then lead with
 * it, and the computed verdict stays visible beside it. A recorded one can be withdrawn, with the
 * reason (DELETE …/:id): the audit trail keeps both.
 */
import type { ReactNode } from 'react';
import { App, Form, Input, Select, Space, Typography } from 'antd';
import { AuditOutlined, UndoOutlined } from '@ant-design/icons';
import { apiSend, enc } from '../api';
import { beside, useLang, useT } from '../i18n';
import { VERDICT, VERDICT_ORDER } from '../status';
import { FormDialog } from './FormDialog';

interface Fields {
  verdict?: string;
  reason?: string;
  source?: string;
}

// The words an official verdict may use: the engine's end-of-period verdicts, data gaps aside.
const WORDS = VERDICT_ORDER.filter((c) => c !== 'dataMissing' && c !== 'notEvaluable');

export function OfficialVerdict({
  plan,
  targetId,
  current,
  onSaved,
}: {
  plan: string;
  targetId: string;
  current?: { label: string; reason?: string; source?: string };
  onSaved(): void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [withdrawForm] = Form.useForm<{ reason: string }>();

  const prepare = (): void => {
    // Start from what is recorded.
    form.resetFields();
    form.setFieldsValue({ verdict: current?.label, reason: current?.reason, source: current?.source });
  };

  const save = async (): Promise<void> => {
    const v = await form.validateFields();
    await apiSend('PUT', `/api/v1/plans/${enc(plan)}/official-verdicts/${enc(targetId)}`, {
      verdict: v.verdict,
      ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
      ...(v.source?.trim() ? { source: v.source.trim() } : {}),
    });
    void message.success(t('officialVerdictSaved'));
    onSaved();
  };

  const withdraw = async (): Promise<void> => {
    const v = await withdrawForm.validateFields();
    await apiSend('DELETE', `/api/v1/plans/${enc(plan)}/official-verdicts/${enc(targetId)}`, { reason: v.reason.trim() });
    void message.success(t('officialVerdictWithdrawn'));
    onSaved();
  };

  const record = (
    <FormDialog title={t('setOfficialVerdict')} icon={<AuditOutlined />} testId="official-verdict" prepare={prepare} save={save}>
      <Typography.Paragraph type="secondary">{t('officialVerdictHint')}</Typography.Paragraph>
      <Form<Fields> form={form} layout="vertical">
        <Form.Item label={t('officialVerdict')} name="verdict" rules={[{ required: true, message: t('officialVerdict') }]}>
          <Select id="official-word" options={WORDS.map((c) => ({ value: VERDICT[c]!.zh, label: beside(VERDICT[c]!, lang) }))} />
        </Form.Item>
        <Form.Item label={t('officialReason')} name="reason">
          <Input.TextArea id="official-reason" rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('officialSource')} name="source">
          <Input id="official-source" maxLength={300} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
  if (!current) return record;
  return (
    <Space wrap>
      {record}
      <FormDialog
        title={t('withdrawOfficialVerdict')}
        icon={<UndoOutlined />}
        testId="official-withdraw"
        prepare={() => withdrawForm.resetFields()}
        save={withdraw}
      >
        <Typography.Paragraph type="secondary">{t('withdrawHint')}</Typography.Paragraph>
        <Form<{ reason: string }> form={withdrawForm} layout="vertical">
          <Form.Item label={t('withdrawReason')} name="reason" rules={[{ required: true, whitespace: true, message: t('withdrawReason') }]}>
            <Input.TextArea id="official-withdraw-reason" rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </FormDialog>
    </Space>
  );
}
