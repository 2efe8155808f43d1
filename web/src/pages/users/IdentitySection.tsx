/**
 * 统一身份认证 on the users page: the rules that give an identity from the platform its unit and
 * role at first sign-in (tried in order), and the identities linked to accounts, with the claims of
 * their last sign-in, linked to an existing account by hand or unlinked.
 */
import { type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { apiSend, useApi } from '../../api';
import { useAction } from '../../action';
import { fmtTime } from '../../format';
import { useLang, useT, word } from '../../i18n';
import { ROLE } from '../../../../src/core/labels';
import type { IdentityLink, IdentityRule, Unit, User } from '../../types';

const RULE_ROLES = ['reporter', 'leader', 'admin'] as const;
const BASE = '/api/v1/auth/oidc';

interface RuleForm {
  claim: string;
  value: string;
  role: IdentityRule['role'];
  unitId?: string;
}

export default function IdentitySection({ units, users, onChange }: { units: Unit[]; users: User[]; onChange(): void }): ReactNode {
  const t = useT();
  const lang = useLang();
  const rules = useApi<IdentityRule[]>(`${BASE}/rules`);
  const links = useApi<IdentityLink[]>(`${BASE}/links`);
  const [ruleForm] = Form.useForm<RuleForm>();
  const [linkForm] = Form.useForm<{ subject: string; userId: string }>();
  const unitName = (id: string | null): string => (id ? (units.find((u) => u.id === id)?.name ?? id) : '—');
  const unitOptions = units.filter((u) => u.kind !== 'district').map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }));

  const act = useAction(async (method: 'POST' | 'DELETE', url: string, body?: object) => {
    await apiSend(method, url, body);
    rules.reload();
    links.reload();
    onChange();
  });
  const addRule = async (v: RuleForm): Promise<void> => {
    if (await act.run('POST', `${BASE}/rules`, { claim: v.claim.trim(), value: v.value.trim(), role: v.role, unitId: v.unitId ?? null }))
      ruleForm.resetFields(['value', 'unitId']);
  };
  const link = async (v: { subject: string; userId: string }): Promise<void> => {
    if (await act.run('POST', `${BASE}/links`, { subject: v.subject.trim(), userId: v.userId })) linkForm.resetFields();
  };
  const claimText = (c: Record<string, unknown>, k: string): string => {
    const v = c[k];
    return Array.isArray(v) ? v.join('、') : typeof v === 'string' ? v : '—';
  };

  return (
    <div data-testid="identity-section">
      {act.error && <Alert type="error" showIcon message={act.error} style={{ marginBottom: 12 }} data-testid="identity-error" />}
      <Card size="small" title={t('oidcRules')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary">{t('oidcRulesHint')}</Typography.Paragraph>
        <Table<IdentityRule>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rules.data ?? []}
          data-testid="identity-rules"
          columns={[
            { title: '#', dataIndex: 'position', width: 50 },
            { title: t('oidcClaim'), dataIndex: 'claim', width: 140 },
            { title: t('oidcValue'), dataIndex: 'value' },
            { title: t('role'), dataIndex: 'role', width: 120, render: (r: string) => word(ROLE, r, lang) },
            { title: t('reporterUnit'), dataIndex: 'unitId', render: (id: string | null) => unitName(id) },
            {
              title: '',
              key: 'delete',
              width: 80,
              render: (_, r) => (
                <Popconfirm title={`${t('delete')}？`} onConfirm={() => void act.run('DELETE', `${BASE}/rules/${r.id}`)}>
                  <Button size="small" danger>
                    {t('delete')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
        <Form
          form={ruleForm}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          initialValues={{ claim: 'dept', role: 'reporter' }}
          onFinish={(v: RuleForm) => void addRule(v)}
        >
          <Form.Item name="claim" label={t('oidcClaim')} rules={[{ required: true }]}>
            <Input id="rule-claim" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="value" label={t('oidcValue')} rules={[{ required: true }]}>
            <Input id="rule-value" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="role" label={t('role')} rules={[{ required: true }]}>
            <Select id="rule-role" style={{ width: 140 }} options={RULE_ROLES.map((r) => ({ value: r, label: word(ROLE, r, lang) }))} />
          </Form.Item>
          <Form.Item name="unitId" label={t('reporterUnit')}>
            <Select id="rule-unit" allowClear showSearch optionFilterProp="label" style={{ width: 240 }} options={unitOptions} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={act.busy} data-testid="add-rule">
            {t('oidcAddRule')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('oidcLinks')}>
        <Table<IdentityLink>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={links.data ?? []}
          data-testid="identity-links"
          columns={[
            { title: t('oidcSubject'), dataIndex: 'subject', width: 140 },
            { title: t('username'), dataIndex: 'username', width: 120 },
            { title: t('displayName'), key: 'name', width: 100, render: (_, l) => claimText(l.claims, 'name') },
            { title: lang === 'zh' ? '部门（dept）' : 'Department (dept)', key: 'dept', render: (_, l) => claimText(l.claims, 'dept') },
            { title: t('oidcLastLogin'), dataIndex: 'lastLoginAt', width: 150, render: (s: string | null) => (s ? fmtTime(s) : '—') },
            {
              title: '',
              key: 'unlink',
              width: 80,
              render: (_, l) => (
                <Popconfirm title={`${t('delete')}？`} onConfirm={() => void act.run('DELETE', `${BASE}/links/${l.id}`)}>
                  <Button size="small">{t('delete')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
        <Form
          form={linkForm}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          onFinish={(v: { subject: string; userId: string }) => void link(v)}
        >
          <Form.Item name="subject" label={t('oidcSubject')} rules={[{ required: true }]}>
            <Input id="link-subject" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="userId" label={t('username')} rules={[{ required: true }]}>
            <Select
              id="link-user"
              showSearch
              optionFilterProp="label"
              style={{ width: 220 }}
              options={users.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
            />
          </Form.Item>
          <Space>
            <Button htmlType="submit" loading={act.busy}>
              {t('oidcLinkUser')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
