/**
 * 各单位通知方式: where each unit's notifications go besides its inbox — e-mail addresses and
 * DingTalk group robots with their signing secret. Admins add and remove them (audited on the
 * server); a secret and a robot's access_token come back only as a hint of their first and last
 * characters.
 */
import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useAction } from '../../action';
import { apiSend, enc, useApi } from '../../api';
import { ErrorView, PageTitle } from '../../components/common';
import { FormDialog } from '../../components/FormDialog';
import { useT } from '../../i18n';
import type { z } from 'zod';
import type { ContactOut } from '../../../../src/server/routes/notifications.js';
import type { Unit } from '../../types';
import { useUnitOptions } from '../supervision/dialogs';

type Contact = z.output<typeof ContactOut>;

interface Fields {
  unitId?: string;
  channel: 'email' | 'dingtalk';
  address?: string;
  secret?: string;
  label?: string;
}

function AddContact({ onDone }: { onDone(): void }): ReactNode {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const channel = Form.useWatch('channel', form);
  const units = useUnitOptions();
  const save = async (): Promise<void> => {
    const v = await form.validateFields();
    await apiSend('POST', '/api/v1/notification-contacts', {
      unitId: v.unitId,
      channel: v.channel,
      address: v.address?.trim(),
      ...(v.channel === 'dingtalk' ? { secret: v.secret?.trim() } : {}),
      ...(v.label?.trim() ? { label: v.label.trim() } : {}),
    });
    void message.success(t('contactsAdded'));
    // The dialog stays mounted: the secret typed must not stay in the page.
    form.resetFields();
    onDone();
  };
  const prepare = (): void => {
    form.resetFields();
    form.setFieldsValue({ channel: 'email' });
  };
  return (
    <FormDialog title={t('contactsAdd')} icon={<PlusOutlined />} testId="contact-add" prepare={prepare} save={save}>
      <Form<Fields> form={form} layout="vertical" initialValues={{ channel: 'email' }}>
        <Form.Item label={t('supUnit')} name="unitId" rules={[{ required: true }]}>
          <Select id="contact-unit" showSearch optionFilterProp="label" options={units} />
        </Form.Item>
        <Form.Item label={t('contactsChannel')} name="channel">
          <Radio.Group id="contact-channel">
            <Radio value="email" data-testid="contact-channel-email">
              {t('contactsEmail')}
            </Radio>
            <Radio value="dingtalk" data-testid="contact-channel-dingtalk">
              {t('contactsDingtalk')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {channel === 'dingtalk' ? (
          <>
            <Form.Item
              label={t('contactsWebhook')}
              name="address"
              rules={[{ required: true }, { pattern: /^https:\/\/\S+$/, message: t('contactsBadWebhook') }]}
            >
              <Input id="contact-address" placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
            </Form.Item>
            <Form.Item
              label={t('contactsSecret')}
              name="secret"
              rules={[{ required: true }, { pattern: /^SEC\S+$/, message: t('contactsBadSecret') }]}
            >
              <Input.Password id="contact-secret" placeholder="SEC…" autoComplete="new-password" />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            label={t('contactsEmailAddress')}
            name="address"
            rules={[{ required: true }, { type: 'email', message: t('contactsBadEmail') }]}
          >
            <Input id="contact-address" placeholder="name@example.gov.cn" />
          </Form.Item>
        )}
        <Form.Item label={t('contactsLabel')} name="label">
          <Input id="contact-label" maxLength={100} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

function RemoveContact({ contact, onDone }: { contact: Contact; onDone(): void }): ReactNode {
  const t = useT();
  const { message } = App.useApp();
  const removing = useAction(async () => {
    await apiSend('DELETE', `/api/v1/notification-contacts/${enc(contact.id)}`);
    void message.success(t('contactsRemoved'));
    onDone();
  });
  if (removing.error) void message.error(removing.error);
  return (
    <Popconfirm
      title={t('contactsRemoveConfirm')}
      onConfirm={() => void removing.run()}
      okButtonProps={{ 'data-testid': 'contact-remove-ok' } as never}
    >
      <Button size="small" danger icon={<DeleteOutlined />} loading={removing.busy} data-testid={`contact-remove-${contact.id}`}>
        {t('contactsRemove')}
      </Button>
    </Popconfirm>
  );
}

export default function Contacts(): ReactNode {
  const t = useT();
  const units = useApi<Unit[]>('/api/v1/units');
  const [unit, setUnit] = useState<string | undefined>();
  const contacts = useApi<Contact[]>(`/api/v1/notification-contacts${unit ? `?unit=${enc(unit)}` : ''}`);
  const names = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  return (
    <div data-testid="contacts">
      <PageTitle extra={<AddContact onDone={contacts.reload} />}>{t('contactsTitle')}</PageTitle>
      <Alert type="info" showIcon message={t('contactsIntro')} style={{ marginBottom: 12 }} />
      <Space style={{ marginBottom: 12 }}>
        <Select
          id="contacts-f-unit"
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('supUnit')}
          style={{ minWidth: 240 }}
          value={unit}
          onChange={(v?: string) => setUnit(v)}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Space>
      {contacts.error && <ErrorView error={contacts.error} retry={contacts.reload} />}
      <Table
        size="small"
        rowKey="id"
        loading={contacts.loading}
        dataSource={contacts.data ?? []}
        pagination={{ pageSize: 30 }}
        locale={{ emptyText: t('contactsNone') }}
        onRow={(c) => ({ 'data-contact': c.id }) as never}
        columns={[
          { title: t('supUnit'), dataIndex: 'unitId', render: (id: string) => names.get(id) ?? id },
          {
            title: t('contactsChannel'),
            dataIndex: 'channel',
            width: 120,
            render: (c: string) => (
              <Tag color={c === 'email' ? 'blue' : 'geekblue'}>{c === 'email' ? t('contactsEmail') : t('contactsDingtalk')}</Tag>
            ),
          },
          {
            title: t('contactsAddress'),
            dataIndex: 'address',
            render: (a: string) => (
              <Typography.Text style={{ wordBreak: 'break-all' }} data-testid="contact-address">
                {a}
              </Typography.Text>
            ),
          },
          {
            title: t('contactsSecret'),
            dataIndex: 'secretHint',
            width: 140,
            render: (h: string | null) =>
              h ? (
                <Typography.Text code data-testid="contact-secret">
                  {h}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: t('contactsLabel'), dataIndex: 'label', render: (l: string | null) => l ?? '' },
          { title: '', key: 'remove', width: 100, render: (_: unknown, c) => <RemoveContact contact={c} onDone={contacts.reload} /> },
        ]}
      />
    </div>
  );
}
