/**
 * 登记项目 (administrators): a project's facts, its yearly investment plan, milestones and factor
 * needs, posted to POST /plans/:plan/projects; the server's message is shown when it refuses.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Checkbox, Col, Divider, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { apiSend, enc, useApi } from '../api';
import { MonthSelect } from '../components/MonthSelect';
import { useLang, useT } from '../i18n';
import { departmentsOf, townsOf } from '../projects';
import { PROJECT_CATEGORY, PROJECT_STAGE, PROJECT_STAGES } from '../status';
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
  milestones?: { name?: string; due?: string }[];
  landMu?: number | null;
  energyTce?: number | null;
  fundingGap?: number | null;
  secured?: boolean;
  quantities?: string;
  sectionIds?: string[];
  description?: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export default function RegisterProject({
  plan,
  meta,
  units,
  onClose,
  onDone,
}: {
  plan: string;
  meta: PlanSummary | undefined;
  units: Unit[] | undefined;
  onClose(): void;
  onDone(id: string): void;
}): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const text = useApi<{ chapters: Chapter[]; columns: Column[] }>(`/api/v1/plans/${enc(plan)}/text`);
  const sections = useMemo(
    () => (text.data?.chapters ?? []).flatMap((c) => c.sections.map((s) => ({ value: s.id, label: `${s.id} ${s.title}` }))),
    [text.data],
  );
  const years: number[] = [];
  if (meta) for (let y = meta.baseYear + 1; y <= meta.targetYear + 5; y++) years.push(y);
  const zh = lang === 'zh';
  const monthFrom = `${(meta?.baseYear ?? new Date().getFullYear()) - 5}-01`;
  const monthTo = `${(meta?.targetYear ?? new Date().getFullYear()) + 10}-12`;

  const submit = async (v: FormValues): Promise<void> => {
    setBusy(true);
    setError(null);
    const annualPlan: Record<string, number> = {};
    for (const a of v.annualPlan ?? []) if (a.year && a.amount !== undefined && a.amount !== null) annualPlan[String(a.year)] = a.amount;
    const body = {
      id: v.id.trim(),
      name: v.name.trim(),
      category: v.category,
      stage: v.stage,
      responsibleUnitId: v.responsibleUnitId ?? null,
      townId: v.townId ?? null,
      ownerUnit: v.ownerUnit?.trim() || null,
      totalInvestment: v.totalInvestment ?? null,
      plannedStart: v.plannedStart || null,
      plannedFinish: v.plannedFinish || null,
      annualPlan,
      milestones: (v.milestones ?? [])
        .filter((m) => m.name && m.due)
        .map((m, i) => ({ id: `m${i + 1}`, name: m.name!.trim(), due: m.due!, doneOn: null })),
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
    try {
      const p = await apiSend<Project>('POST', `/api/v1/plans/${enc(plan)}/projects`, body);
      void message.success(zh ? `已登记：${p.name}` : `Registered: ${p.name}`);
      onDone(p.id);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const nonNegative = { min: 0, style: { width: '100%' } } as const;
  return (
    <Drawer
      open
      width={720}
      title={t('registerProject')}
      onClose={onClose}
      data-testid="register-drawer"
      footer={
        <Space style={{ float: 'right' }}>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="register-submit">
            {t('registerProject')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="register-error" />}
      <Form<FormValues>
        form={form}
        name="project"
        layout="vertical"
        requiredMark
        initialValues={{
          id: `p-${Date.now().toString(36)}`,
          stage: 'planning',
          annualPlan: [{ year: meta ? Math.min(meta.targetYear, new Date().getFullYear()) : new Date().getFullYear() }],
          milestones: [{}],
          secured: false,
        }}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('projectId')}
              name="id"
              rules={[
                { required: true, message: t('projectId') },
                { pattern: ID, message: zh ? '字母、数字、点、横线或下划线，以字母或数字开头' : 'Letters, digits, . _ -' },
              ]}
            >
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item label={t('projectName')} name="name" rules={[{ required: true, whitespace: true, message: t('projectName') }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('category')} name="category" rules={[{ required: true, message: t('category') }]}>
              <Select options={Object.entries(PROJECT_CATEGORY).map(([k, w]) => ({ value: k, label: zh ? w.zh : w.en }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('stage')} name="stage">
              <Select options={PROJECT_STAGES.map((k) => ({ value: k, label: zh ? PROJECT_STAGE[k]!.zh : PROJECT_STAGE[k]!.en }))} />
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
          {zh ? '年度投资计划（亿元）' : 'Yearly investment plan (100m yuan)'}
        </Divider>
        <Form.List name="annualPlan">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'year']} rules={[{ required: true, message: t('year') }]} style={{ marginBottom: 8 }}>
                    <Select
                      aria-label={t('year')}
                      style={{ width: 110 }}
                      options={years.map((y) => ({ value: y, label: `${y}${zh ? '年' : ''}` }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'amount']}
                    rules={[{ required: true, message: zh ? '计划投资' : 'Amount' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber
                      aria-label={zh ? '计划投资（亿元）' : 'Planned (100m yuan)'}
                      placeholder={zh ? '计划投资（亿元）' : 'Planned (100m yuan)'}
                      min={0}
                      style={{ width: 170 }}
                    />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={zh ? '删除' : 'Remove'} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} size="small">
                {zh ? '添加年度' : 'Add a year'}
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
                  <Form.Item name={[f.name, 'name']} style={{ marginBottom: 8 }}>
                    <Input
                      aria-label={zh ? '节点名称' : 'Milestone'}
                      placeholder={zh ? '节点名称，如：完成土地摘牌' : 'Milestone'}
                      style={{ width: 320 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'due']} style={{ marginBottom: 8 }}>
                    <Input aria-label={zh ? '计划完成日期' : 'Due'} type="date" style={{ width: 160 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={zh ? '删除' : 'Remove'} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} size="small">
                {zh ? '添加节点' : 'Add a milestone'}
              </Button>
            </>
          )}
        </Form.List>

        <Divider orientation="left" plain>
          {t('requirements')}
        </Divider>
        <Row gutter={12}>
          <Col xs={12} md={6}>
            <Form.Item label={zh ? '用地（亩）' : 'Land (mu)'} name="landMu">
              <InputNumber {...nonNegative} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={zh ? '用能（吨标煤）' : 'Energy (tce)'} name="energyTce">
              <InputNumber {...nonNegative} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label={zh ? '资金缺口（亿元）' : 'Funding gap (100m yuan)'} name="fundingGap">
              <InputNumber {...nonNegative} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item label=" " name="secured" valuePropName="checked">
              <Checkbox>{zh ? '要素保障已落实' : 'Factors secured'}</Checkbox>
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
