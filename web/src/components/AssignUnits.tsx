/**
 * 设置填报单位: an administrator names the lead unit, the co-operating units and the towns of an
 * indicator or task target (PUT /api/v1/plans/:plan/assignments/:type/:id); their reporters may then
 * report its values.
 */
import type { ReactNode } from 'react';
import { App, Form, Select } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { apiGet, apiSend, enc, useApi } from '../api';
import { useT } from '../i18n';
import type { Assignment, Unit } from '../types';
import { FormDialog } from './FormDialog';

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
  const units = useApi<Unit[]>('/api/v1/units');
  const all = (units.data ?? []).filter((u) => !NOT_REPORTING.has(u.kind)).map((u) => ({ value: u.id, label: u.name }));
  const towns = (units.data ?? []).filter((u) => TOWN_KINDS.has(u.kind)).map((u) => ({ value: u.id, label: u.name }));

  const prepare = async (): Promise<void> => {
    form.resetFields();
    const list = await apiGet<Assignment[]>(`/api/v1/plans/${enc(plan)}/assignments`, { fresh: true });
    const mine = list.filter((a) => a.targetType === targetType && a.targetId === targetId);
    form.setFieldsValue({
      lead: mine.find((a) => a.role === 'lead')?.unitId,
      cooperate: mine.filter((a) => a.role === 'cooperate').map((a) => a.unitId),
      town: mine.filter((a) => a.role === 'town').map((a) => a.unitId),
    });
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
    await apiSend('PUT', `/api/v1/plans/${enc(plan)}/assignments/${targetType}/${enc(targetId)}`, body);
    void message.success(t('assignmentsSaved'));
    onSaved();
  };

  return (
    <FormDialog title={t('assignUnits')} icon={<TeamOutlined />} testId="assign-units" prepare={prepare} save={save}>
      <Form<Fields> form={form} layout="vertical" initialValues={{ cooperate: [], town: [] }}>
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
    </FormDialog>
  );
}
