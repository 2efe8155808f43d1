/**
 * 登记项目 and 修改项目 (administrators): one form of a project's facts, its yearly investment plan,
 * milestones and factor needs, posted to POST /plans/:plan/projects for a new project or sent as
 * PATCH /projects/:id for a registered one; the server's message is shown when it refuses.
 */
import { useMemo, type ReactNode } from 'react';
import { Alert, App, Button, Checkbox, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useAction } from '../action';
import { apiSend, enc, useApi } from '../api';
import { MonthSelect } from './MonthSelect';
import { fill, useLang, useT, word } from '../i18n';
import { departmentsOf, townsOf } from '../projects';
import { PROJECT_CATEGORY, PROJECT_FIELD, PROJECT_STAGE } from '../../../src/core/labels';
import { PROJECT_STAGES } from '../status';
import type { Chapter, Column, PlanSummary, Project, Unit } from '../types';

interface FormValues {
  id: string;
  name: string;
  category: string;
  stage: string;
  responsibleUnitId?: string;
  townId?: string;
  ownerUnit?: string;
  totalInvestment?: number | null;
  plannedStart?: string;
  plannedFinish?: string;
  annualPlan?: { year?: number; amount?: number | null }[];
  /** A registered milestone keeps its id (monthly reports name it) and its date done. */
  milestones?: { id?: string; name?: string; due?: string; doneOn?: string | null }[];
  landMu?: number | null;
  energyTce?: number | null;
  fundingGap?: number | null;
  secured?: boolean;
  quantities?: string;
  sectionIds?: string[];
  description?: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function formValuesOf(p: Project): FormValues {
  return {
    id: p.id,
    name: p.name,
    category: p.category,
    stage: p.stage,
    responsibleUnitId: p.responsibleUnitId ?? undefined,
    townId: p.townId ?? undefined,
    ownerUnit: p.ownerUnit ?? undefined,
    totalInvestment: p.totalInvestment,
    plannedStart: p.plannedStart ?? undefined,
    plannedFinish: p.plannedFinish ?? undefined,
    annualPlan: Object.entries(p.annualPlan)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([year, amount]) => ({ year: Number(year), amount })),
    milestones: p.milestones.map((m) => ({ ...m })),
    landMu: p.requirements.landMu,
    energyTce: p.requirements.energyTce,
    fundingGap: p.requirements.fundingGap,
    secured: p.requirements.secured,
    quantities: p.quantities,
    sectionIds: p.sectionIds,
    description: p.description,
  };
}

/** The project as the API takes it; new milestones get ids no registered one has. */
function bodyOf(v: FormValues): Omit<Project, 'planId' | 'origin' | 'updatedAt' | 'columnId' | 'columnItemId'> {
  const annualPlan: Record<string, number> = {};
  for (const a of v.annualPlan ?? []) if (a.year && a.amount !== undefined && a.amount !== null) annualPlan[String(a.year)] = a.amount;
  const milestones = (v.milestones ?? []).filter((m) => m.name && m.due);
  const taken = new Set(milestones.map((m) => m.id).filter(Boolean));
  let next = 1;
  const freshId = (): string => {
    while (taken.has(`m${next}`)) next++;
    taken.add(`m${next}`);
    return `m${next}`;
  };
  return {
    id: v.id.trim(),
    name: v.name.trim(),
    category: v.category as Project['category'],
    stage: v.stage as Project['stage'],
    responsibleUnitId: v.responsibleUnitId ?? null,
    townId: v.townId ?? null,
    ownerUnit: v.ownerUnit?.trim() || null,
    totalInvestment: v.totalInvestment ?? null,
    plannedStart: v.plannedStart || null,
    plannedFinish: v.plannedFinish || null,
    annualPlan,
    milestones: milestones.map((m) => ({ id: m.id || freshId(), name: m.name!.trim(), due: m.due!, doneOn: m.doneOn || null })),
    requirements: {
      landMu: v.landMu ?? null,
      energyTce: v.energyTce ?? null,
      fundingGap: v.fundingGap ?? null,
      secured: !!v.secured,
    },
    quantities: v.quantities?.trim() ?? '',
    sectionIds: v.sectionIds ?? [],
    description: v.description?.trim() ?? '',
  };
}

/** Registers a project, or with `project` edits it (its id stays). */
export default function ProjectEditor({
  plan,
  meta,
  units,
  project,
  onClose,
  onDone,
}: {
  plan: string;
  meta: PlanSummary | undefined;
  units: Unit[] | undefined;
  project?: Project;
  onClose(): void;
  onDone(id: string): void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const text = useApi<{ chapters: Chapter[]; columns: Column[] }>(`/api/v1/plans/${enc(plan)}/text`);
  const sections = useMemo(
    () => (text.data?.chapters ?? []).flatMap((c) => c.sections.map((s) => ({ value: s.id, label: `${s.id} ${s.title}` }))),
    [text.data],
  );
  const years: number[] = [];
  if (meta) for (let y = meta.baseYear + 1; y <= meta.targetYear + 5; y++) years.push(y);
  const monthFrom = `${(meta?.baseYear ?? new Date().getFullYear()) - 5}-01`;
  const monthTo = `${(meta?.targetYear ?? new Date().getFullYear()) + 10}-12`;

  const editing = project !== undefined;
  // The register form keeps the test ids it always had.
  const tid = editing ? 'edit-project' : 'register';
  const {
    run: submit,
    busy,
    error,
  } = useAction(async (v: FormValues) => {
    const { id, ...fields } = bodyOf(v);
    const p = editing
      ? await apiSend<Project>('PATCH', `/api/v1/projects/${enc(project.id)}`, fields)
      : await apiSend<Project>('POST', `/api/v1/plans/${enc(plan)}/projects`, { id, ...fields });
    void message.success(`${editing ? t('projectSaved') : t('projectRegistered')}${t('colon')}${p.name}`);
    onDone(p.id);
  });

  const nonNegative = { min: 0, style: { width: '100%' } } as const;
  // A yearly-plan row is both a year and an amount, or blank (ignored); half a row is named in words.
  const field = PROJECT_FIELD.annualPlan[lang];
  const rowRule =
    (row: number, part: 'year' | 'amount') =>
    ({ getFieldValue }: { getFieldValue(name: (string | number)[]): unknown }) => ({
      validator: async (): Promise<void> => {
        const year = getFieldValue(['annualPlan', row, 'year']) as number | undefined | null;
        const amount = getFieldValue(['annualPlan', row, 'amount']) as number | undefined | null;
        const has = (x: unknown): boolean => x !== undefined && x !== null;
        if (part === 'year' && !has(year) && has(amount)) throw new Error(fill(t('rowYearMissing'), { field }));
        if (part === 'amount' && has(year) && !has(amount)) throw new Error(fill(t('rowAmountMissing'), { field, year: year! }));
      },
    });
  return (
    <Drawer
      open
      width={720}
      title={editing ? `${t('editProject')}：${project.name}` : t('registerProject')}
      onClose={onClose}
      data-testid={`${tid}-drawer`}
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid={`${tid}-submit`}>
            {editing ? t('save') : t('registerProject')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid={`${tid}-error`} />}
      <Form<FormValues>
        form={form}
        name="project"
        layout="vertical"
        requiredMark
        initialValues={
          project
            ? formValuesOf(project)
            : {
                id: `p-${Date.now().toString(36)}`,
                stage: 'planning',
                // Rows ready to fill; a row left blank is not part of the plan (bodyOf), so it never blocks saving.
                annualPlan: [{}],
                milestones: [{}],
                secured: false,
              }
        }
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('projectId')}
              name="id"
              rules={[
                { required: true, message: t('projectId') },
                { pattern: ID, message: t('projectIdRule') },
              ]}
            >
              <Input maxLength={64} disabled={editing} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={t('projectName')} name="name" rules={[{ required: true, whitespace: true, message: t('projectName') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('category')} name="category" rules={[{ required: true, message: t('category') }]}>
              <Select options={Object.entries(PROJECT_CATEGORY).map(([k, w]) => ({ value: k, label: w[lang] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('stage')} name="stage" extra={editing ? t('stageEditHint') : undefined}>
              <Select options={PROJECT_STAGES.map((k) => ({ value: k, label: word(PROJECT_STAGE, k, lang) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('totalInvestment')} name="totalInvestment">
              <InputNumber {...nonNegative} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('responsibleUnit')} name="responsibleUnitId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={departmentsOf(units).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('townCol')} name="townId">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                options={townsOf(units).map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t('ownerUnit')} name="ownerUnit">
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('plannedStart')} name="plannedStart">
              <MonthSelect from={monthFrom} to={monthTo} width="100%" allowClear ariaLabel={t('plannedStart')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('plannedFinish')} name="plannedFinish">
              <MonthSelect from={monthFrom} to={monthTo} width="100%" allowClear ariaLabel={t('plannedFinish')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" plain>
          {PROJECT_FIELD.annualPlan[lang]}
        </Divider>
        <Form.List name="annualPlan">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[f.name, 'year']}
                    dependencies={[['annualPlan', f.name, 'amount']]}
                    rules={[rowRule(f.name, 'year')]}
                    style={{ marginBottom: 8 }}
                  >
                    <Select
                      aria-label={t('year')}
                      allowClear
                      placeholder={t('year')}
                      style={{ width: 110 }}
                      options={years.map((y) => ({ value: y, label: `${y}${t('yearSuffix')}` }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'amount']}
                    dependencies={[['annualPlan', f.name, 'year']]}
                    rules={[rowRule(f.name, 'amount')]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber aria-label={t('plannedAmountYi')} placeholder={t('plannedAmountYi')} min={0} style={{ width: 170 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('remove')} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} size="small">
                {t('addYear')}
              </Button>
            </>
          )}
        </Form.List>

        <Divider orientation="left" plain>
          {t('milestones')}
        </Divider>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} style={{ marginBottom: 8 }}>
                    <Input aria-label={t('milestoneName')} placeholder={t('milestoneNameHint')} style={{ width: 320 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'due']} style={{ marginBottom: 8 }}>
                    <Input aria-label={t('milestoneDue')} type="date" style={{ width: 160 }} />
                  </Form.Item>
                  {editing && (
                    <Form.Item name={[f.name, 'doneOn']} style={{ marginBottom: 8 }}>
                      <Input aria-label={t('milestoneDoneOn')} title={t('milestoneDoneOn')} type="date" style={{ width: 160 }} />
                    </Form.Item>
                  )}
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('remove')} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} size="small">
                {t('addMilestone')}
              </Button>
            </>
          )}
        </Form.List>

        <Divider orientation="left" plain>
          {t('requirements')}
        </Divider>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item label={t('landMuLabel')} name="landMu">
              <InputNumber {...nonNegative} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('energyTceLabel')} name="energyTce">
              <InputNumber {...nonNegative} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={t('fundingGapLabel')} name="fundingGap">
              <InputNumber {...nonNegative} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label=" " name="secured" valuePropName="checked">
              <Checkbox>{t('factorsSecured')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('quantities')} name="quantities">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
        </Form.Item>
        <Form.Item label={t('sections')} name="sectionIds">
          <Select mode="multiple" allowClear optionFilterProp="label" options={sections} loading={text.loading} />
        </Form.Item>
        <Form.Item label={t('description')} name="description">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
