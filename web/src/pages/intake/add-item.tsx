/**
 * What the reader missed, added by an administrator: a row of the main-indicator table, a task
 * target of a section, a project of a 专栏. The item is sent as one review step (op `add`), checked
 * by the server as the plan format will check it, and stands accepted, its source 「审核补充」.
 */
import { useEffect, type ReactNode } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Mutation } from '../../action';
import { useLang, useT, word, type Lang } from '../../i18n';
import { PROJECT_CATEGORY } from '../../../../src/core/labels';
import type { PlanDraft } from './types';

export type AddablePart = 'indicators' | 'taskTargets' | 'projects';

interface Field {
  key: string;
  label: string;
  required?: boolean;
  number?: boolean;
  options?: { value: string; label: string }[];
  long?: boolean;
}

function fieldsOf(part: AddablePart, draft: PlanDraft, lang: Lang): Field[] {
  const sections = draft.chapters.flatMap((c) => c.sections.map((s) => ({ value: s.id, label: `${s.id} ${s.title}` })));
  if (part === 'indicators')
    return [
      { key: 'id', label: '编号', required: true },
      { key: 'no', label: '序号', required: true, number: true },
      { key: 'category', label: '类别', required: true, options: draft.meta.categories.map((c) => ({ value: c, label: c })) },
      { key: 'name', label: '指标名称', required: true },
      { key: 'unit', label: '单位' },
      { key: 'base', label: `${draft.meta.baseYear}年（基期）`, number: true },
      { key: 'target', label: `${draft.meta.targetYear}年目标（如「7以上」「[500]」）`, required: true },
      {
        key: 'attribute',
        label: '属性',
        required: true,
        options: ['预期性', '约束性'].map((a) => ({ value: a, label: a })),
      },
    ];
  if (part === 'taskTargets')
    return [
      { key: 'id', label: '编号', required: true },
      { key: 'sectionId', label: '所在节', required: true, options: sections },
      { key: 'name', label: '任务', required: true },
      { key: 'unit', label: '单位' },
      { key: 'target', label: '目标（如「[10000]」「35以上」）', required: true },
      { key: 'quote', label: '原文语句', required: true, long: true },
    ];
  return [
    { key: 'id', label: '编号', required: true },
    { key: 'name', label: '项目名称', required: true },
    {
      key: 'category',
      label: '项目类别',
      required: true,
      options: Object.keys(PROJECT_CATEGORY).map((k) => ({ value: k, label: word(PROJECT_CATEGORY, k, lang) })),
    },
    { key: 'columnId', label: '所在专栏', options: draft.columns.map((c) => ({ value: c.id, label: `专栏${c.no} ${c.title}` })) },
    { key: 'sectionIds', label: '所在节', options: sections },
    { key: 'quantities', label: '建设内容与规模', long: true },
  ];
}

/** A free id for the new item, in the form the reader gives its own. */
function nextId(part: AddablePart, draft: PlanDraft, planId: string): Record<string, unknown> {
  if (part === 'indicators') {
    const no = Math.max(0, ...draft.indicators.map((i) => i.no)) + 1;
    return { id: String(no), no };
  }
  const taken = new Set<string>((part === 'taskTargets' ? draft.taskTargets : draft.projects).map((x) => x.id));
  const prefix = part === 'taskTargets' ? 'tt-added-' : `${planId}-added-`;
  let n = 1;
  while (taken.has(`${prefix}${n}`)) n++;
  return { id: `${prefix}${n}` };
}

const TITLE: Record<AddablePart, 'intakeAddIndicator' | 'intakeAddTarget' | 'intakeAddProject'> = {
  indicators: 'intakeAddIndicator',
  taskTargets: 'intakeAddTarget',
  projects: 'intakeAddProject',
};

export function AddMissed(props: {
  part: AddablePart | null;
  draft: PlanDraft;
  planId: string;
  step: Mutation<[Record<string, unknown>]>;
  onClose: () => void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const { part, draft, planId, step, onClose } = props;
  const [form] = Form.useForm();
  useEffect(() => {
    if (part) {
      form.resetFields();
      form.setFieldsValue(nextId(part, draft, planId));
    }
  }, [part, draft, planId, form]);
  const fields = part ? fieldsOf(part, draft, lang) : [];
  return (
    <Modal
      open={!!part}
      title={part ? t(TITLE[part]) : ''}
      okText={t('intakeSave')}
      okButtonProps={{ id: 'intake-new-save', loading: step.running === `add|${part ?? ''}|` }}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(async (v: Record<string, unknown>) => {
          // Blank fields are left out (the plan format fills its defaults); a blank base is 「not printed」.
          const item = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
          if (part === 'indicators' && item.base === undefined) item.base = null;
          if (part === 'projects' && typeof item.sectionIds === 'string') item.sectionIds = [item.sectionIds];
          if (await step.run({ op: 'add', part, item })) onClose();
        })
      }
    >
      <Form form={form} layout="vertical">
        {fields.map((f) => (
          <Form.Item key={f.key} name={f.key} label={f.label} rules={f.required ? [{ required: true, message: `请填写${f.label}` }] : []}>
            {f.options ? (
              <Select id={`intake-new-${f.key}`} options={f.options} showSearch optionFilterProp="label" allowClear={!f.required} />
            ) : f.number ? (
              <InputNumber id={`intake-new-${f.key}`} style={{ width: '100%' }} />
            ) : f.long ? (
              <Input.TextArea id={`intake-new-${f.key}`} rows={3} />
            ) : (
              <Input id={`intake-new-${f.key}`} />
            )}
          </Form.Item>
        ))}
      </Form>
      {step.error ? <Alert type="error" showIcon message={step.error} data-testid="intake-new-error" /> : null}
    </Modal>
  );
}
