/** 登录: username and password; the server's message is shown as it is (wrong password, rate limit). */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { useT } from '../../i18n';
import { navigate } from '../../router';
import { useAction } from '../../action';
import { can, useSession } from '../../session';

export default function Login({ query, plan }: PageProps): ReactNode {
  const t = useT();
  const session = useSession();

  // Where to go once signed in: after the session has re-rendered with the user, not before.
  const [signedIn, setSignedIn] = useState(false);
  useEffect(() => {
    if (!signedIn || !session.user) return;
    const next = query.get('next');
    if (next && next.startsWith('/') && !next.startsWith('//')) navigate(next, { replace: true });
    // The page of the user's work: the review queue for those who review, the inbox for those who report.
    else if (can(session, 'value.review')) navigate(`/plans/${plan}/review`, { replace: true });
    else if (can(session, 'value.submit')) navigate(`/plans/${plan}/inbox`, { replace: true });
    else navigate(`/plans/${plan}`, { replace: true });
  }, [signedIn, session, query, plan]);

  const {
    run: onFinish,
    busy,
    error,
  } = useAction(async (v: { username: string; password: string }) => {
    await session.login(v.username.trim(), v.password);
    setSignedIn(true);
  });

  return (
    <div style={{ maxWidth: 400, margin: '32px auto' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('loginTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('loginHint')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void onFinish(v)} requiredMark={false}>
          <Form.Item label={t('username')} name="username" rules={[{ required: true, message: t('username') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus id="login-username" />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('password') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
