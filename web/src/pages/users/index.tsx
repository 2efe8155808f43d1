/** 用户与单位: users (add, change role or unit, reset password, deactivate) and the departments, zones and towns. */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { apiSend, useApi } from '../../api';
import { ErrorView, Loading, PageTitle } from '../../components/common';
import { fmtTime } from '../../format';
import { useLang, useT, word } from '../../i18n';
import { ROLE, UNIT_KIND } from '../../../../src/core/labels';
import { ACCOUNT_ROLES, ROLE_NEEDS_UNIT } from '../../../../src/core/roles';
import type { Role, Unit, User } from '../../types';
import { can, useSession } from '../../session';
import IdentitySection from './IdentitySection';

interface UserForm {
  username: string;
  displayName?: string;
  role: Role;
  unitId?: string | null;
  password?: string;
}

export default function Users(): ReactNode {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const users = useApi<User[]>('/api/v1/users');
  const units = useApi<Unit[]>('/api/v1/units');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generated, setGenerated] = useState<{ username: string; password: string } | null>(null);
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);
  const session = useSession();

  if (users.error && !users.data) return <ErrorView error={users.error} retry={users.reload} />;
  if (!users.data) return <Loading />;
  const unitName = (id: string | null): string => (id ? (units.data?.find((u) => u.id === id)?.name ?? id) : '—');
  const unitOptions = (units.data ?? []).filter((u) => u.kind !== 'district').map((u) => ({ value: u.id, label: `${u.name}（${u.id}）` }));

  const open = (u: User | 'new'): void => {
    setError(null);
    setEditing(u);
    form.resetFields();
    if (u !== 'new') form.setFieldsValue({ username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId });
    else form.setFieldsValue({ role: 'reporter' });
  };

  const save = async (): Promise<void> => {
    let v: UserForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    try {
      if (editing === 'new') {
        const r = await apiSend<{ user: User; generatedPassword: string | null }>('POST', '/api/v1/users', {
          username: v.username.trim(),
          role: v.role,
          unitId: v.unitId ?? null,
          ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}),
          ...(v.password ? { password: v.password } : {}),
        });
        if (r.generatedPassword) setGenerated({ username: r.user.username, password: r.generatedPassword });
      } else if (editing) {
        await apiSend('PATCH', `/api/v1/users/${encodeURIComponent(editing.id)}`, {
          role: v.role,
          unitId: v.unitId ?? null,
          ...(v.displayName?.trim() ? { displayName: v.displayName.trim() } : {}),
          ...(v.password ? { password: v.password } : {}),
        });
      }
      void message.success(t('save'));
      setEditing(null);
      users.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const toggle = async (u: User, active: boolean): Promise<void> => {
    try {
      await apiSend('PATCH', `/api/v1/users/${encodeURIComponent(u.id)}`, { active });
      users.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };

  return (
    <div data-testid="users">
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('addUser')}
          </Button>
        }
      >
        {t('usersTitle')}
      </PageTitle>
      {generated && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setGenerated(null)}
          style={{ marginBottom: 12 }}
          message={`${t('generatedPassword')}：${generated.username}`}
          description={
            <Typography.Text copyable code>
              {generated.password}
            </Typography.Text>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'users',
            label: `${t('users')}（${users.data.length}）`,
            children: (
              <Card size="small">
                <Table<User>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  scroll={{ x: 800 }}
                  dataSource={users.data}
                  columns={[
                    { title: t('username'), dataIndex: 'username', width: 140 },
                    { title: t('displayName'), dataIndex: 'displayName', width: 140 },
                    {
                      title: t('role'),
                      dataIndex: 'role',
                      width: 120,
                      // A role of the public on an account: made at first sign-in, waiting for its unit and role.
                      render: (r: Role) =>
                        r === 'public' ? <Tag color="orange">{t('oidcPendingTag')}</Tag> : <Tag>{word(ROLE, r, lang)}</Tag>,
                    },
                    { title: t('reporterUnit'), dataIndex: 'unitId', render: (id: string | null) => unitName(id) },
                    {
                      title: t('active'),
                      key: 'active',
                      width: 80,
                      render: (_, u) => (
                        <Switch checked={u.active} onChange={(c) => void toggle(u, c)} aria-label={`${t('active')} ${u.username}`} />
                      ),
                    },
                    {
                      title: t('createdAt'),
                      dataIndex: 'createdAt',
                      width: 150,
                      render: (s: string) => fmtTime(s),
                    },
                    {
                      title: '',
                      key: 'edit',
                      width: 80,
                      render: (_, u) => (
                        <Button size="small" onClick={() => open(u)}>
                          {t('edit')}
                        </Button>
                      ),
                    },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'units',
            label: `${t('units')}（${units.data?.length ?? 0}）`,
            children: (
              <Card size="small">
                <Table<Unit>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  scroll={{ x: 700 }}
                  dataSource={units.data ?? []}
                  columns={[
                    { title: t('title'), dataIndex: 'name', width: 220 },
                    { title: 'ID', dataIndex: 'id', width: 120 },
                    { title: t('kind'), dataIndex: 'kind', width: 100, render: (k: string) => word(UNIT_KIND, k, lang) },
                    {
                      title: t('parentUnit'),
                      dataIndex: 'parentId',
                      width: 160,
                      render: (p: string | null) => unitName(p),
                    },
                    {
                      title: t('unitDescription'),
                      dataIndex: 'description',
                      render: (d: string | null) =>
                        d ? (
                          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: d }} style={{ margin: 0 }}>
                            {d}
                          </Typography.Paragraph>
                        ) : (
                          '—'
                        ),
                    },
                  ]}
                />
              </Card>
            ),
          },
          ...(session.oidc && can(session, 'identity.manage')
            ? [
                {
                  key: 'identity',
                  label: `${t('oidcTitle')}（${session.oidc.name}）`,
                  children: <IdentitySection units={units.data ?? []} users={users.data} onChange={users.reload} />,
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('addUser') : `${t('edit')}：${editing?.username ?? ''}`}
        okText={t('save')}
        cancelText={t('cancel')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        forceRender
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical">
          <Form.Item
            label={t('username')}
            name="username"
            rules={[
              {
                required: true,
                pattern: /^[A-Za-z0-9_.@-]{2,64}$/,
                message: t('usernameRule'),
              },
            ]}
          >
            <Input disabled={editing !== 'new'} autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('displayName')} name="displayName">
            <Input />
          </Form.Item>
          <Form.Item label={t('role')} name="role" rules={[{ required: true }]}>
            <Select options={ACCOUNT_ROLES.map((r) => ({ value: r, label: word(ROLE, r, lang) }))} />
          </Form.Item>
          <Form.Item
            label={t('reporterUnit')}
            name="unitId"
            rules={[{ required: role ? ROLE_NEEDS_UNIT[role] : false, message: t('roleNeedsUnit') }]}
          >
            <Select allowClear showSearch optionFilterProp="label" options={unitOptions} />
          </Form.Item>
          <Form.Item
            label={t('password')}
            name="password"
            rules={[{ min: 8, message: t('passwordMin') }]}
            extra={editing === 'new' ? t('passwordBlankNew') : t('passwordBlankKeep')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
