/**
 * 设置填报单位: an administrator names the lead unit, the co-operating units and the towns of an
 * indicator or task target (PUT /api/v1/plans/:plan/assignments/:type/:id); their reporters may then
 * report its values.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Form, Modal, Select } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { apiGet, apiSend, enc, useApi } from '../api';
import { useT } from '../i18n';
import type { Assignment, Unit } from '../types';

interface Fields {
  lead?: string;
  cooperate: string[];
  town: string[];
}

const TOWN_KINDS = new Set(['town', 'street']);
const NOT_REPORTING = new Set(['zone', 'district']);

export function AssignUnits({
  plan,
  targetType,
  targetId,
  onSaved,
}: {
  plan: string;
  targetType: 'indicator' | 'task';
  targetId: string;
  onSaved(): void;
}): ReactNode {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const units = useApi<Unit[]>('/api/v1/units');
  const all = (units.data ?? []).filter((u) => !NOT_REPORTING.has(u.kind)).map((u) => ({ value: u.id, label: u.name }));
  const towns = (units.data ?? []).filter((u) => TOWN_KINDS.has(u.kind)).map((u) => ({ value: u.id, label: u.name }));

  const start = async (): Promise<void> => {
    setError(null);
    setOpen(true);
    try {
      const list = await apiGet<Assignment[]>(`/api/v1/plans/${enc(plan)}/assignments`, { fresh: true });
      const mine = list.filter((a) => a.targetType === targetType && a.targetId === targetId);
      form.setFieldsValue({
        lead: mine.find((a) => a.role === 'lead')?.unitId,
        cooperate: mine.filter((a) => a.role === 'cooperate').map((a) => a.unitId),
        town: mine.filter((a) => a.role === 'town').map((a) => a.unitId),
      });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const save = async (): Promise<void> => {
    const v = form.getFieldsValue();
    const body = {
      units: [
        ...(v.lead ? [{ unitId: v.lead, role: 'lead' as const }] : []),
        ...(v.cooperate ?? []).filter((u) => u !== v.lead).map((unitId) => ({ unitId, role: 'cooperate' as const })),
        ...(v.town ?? []).filter((u) => u !== v.lead).map((unitId) => ({ unitId, role: 'town' as const })),
      ],
    };
    setBusy(true);
    setError(null);
    try {
      await apiSend('PUT', `/api/v1/plans/${enc(plan)}/assignments/${targetType}/${enc(targetId)}`, body);
      void message.success(t('assignmentsSaved'));
      setOpen(false);
      onSaved();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" icon={<TeamOutlined />} onClick={() => void start()} data-testid="assign-units">
        {t('assignUnits')}
      </Button>
      <Modal
        open={open}
        title={t('assignUnits')}
        okText={t('save')}
        cancelText={t('cancel')}
        confirmLoading={busy}
        onOk={() => void save()}
        onCancel={() => setOpen(false)}
        okButtonProps={{ 'data-testid': 'assign-save' }}
        destroyOnHidden
      >
        <Form<Fields> form={form} layout="vertical" initialValues={{ cooperate: [], town: [] }} preserve={false}>
          <Form.Item label={t('lead')} name="lead">
            <Select id="assign-lead" allowClear showSearch optionFilterProp="label" options={all} />
          </Form.Item>
          <Form.Item label={t('cooperateUnits')} name="cooperate">
            <Select id="assign-cooperate" mode="multiple" allowClear optionFilterProp="label" options={all} />
          </Form.Item>
          <Form.Item label={t('townUnits')} name="town">
            <Select id="assign-towns" mode="multiple" allowClear optionFilterProp="label" options={towns} />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon message={error} data-testid="assign-error" />}
      </Modal>
    </>
  );
}
