/**
 * 登录: through the unified identity platform (统一身份认证) when the server has it, and with username
 * and password; the server's message is shown as it is (wrong password, rate limit). The platform's
 * sign-in returns here: `?oidc=ok` (signed in: go on to the user's page), `?oidc=pending` (an account
 * waiting for its unit and role) or `?oidc_error=<code>` (why it did not finish, in words).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import type { PageProps } from '../../router';
import { fill, useT, type DictKey } from '../../i18n';
import { navigate } from '../../router';
import { useAction } from '../../action';
import { can, useSession } from '../../session';

export default function Login({ query, plan }: PageProps): ReactNode {
  const t = useT();
  const session = useSession();

  // Where to go once signed in: after the session has re-rendered with the user, not before.
  const [signedIn, setSignedIn] = useState(query.get('oidc') === 'ok');
  const oidcError = query.get('oidc_error');
  const pending = query.get('oidc') === 'pending';
  const next = query.get('next');
  useEffect(() => {
    if (!signedIn || !session.user) return;
    if (next && next.startsWith('/') && !next.startsWith('//')) navigate(next, { replace: true });
    // The page of the user's work: the review queue for those who review, the inbox for those who report.
    else if (can(session, 'value.review')) navigate(`/plans/${plan}/review`, { replace: true });
    else if (can(session, 'value.submit')) navigate(`/plans/${plan}/inbox`, { replace: true });
    else navigate(`/plans/${plan}`, { replace: true });
  }, [signedIn, session, next, plan]);

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
        {pending && (
          <Alert
            type="info"
            showIcon
            message={t('oidcPending')}
            description={t('oidcPendingHint')}
            style={{ marginBottom: 16 }}
            data-testid="oidc-pending"
          />
        )}
        {oidcError && (
          <Alert
            type="error"
            showIcon
            message={t(`oidcErr_${oidcError}` as DictKey) ?? t('oidcErr_provider')}
            style={{ marginBottom: 16 }}
            data-testid="oidc-error"
          />
        )}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {session.oidc && (
          <>
            <Button
              type="primary"
              size="large"
              block
              icon={<SafetyCertificateOutlined />}
              href={`${session.oidc.loginUrl}${next ? `?next=${encodeURIComponent(next)}` : ''}`}
              data-testid="oidc-login"
            >
              {fill(t('oidcLogin'), { name: session.oidc.name })}
            </Button>
            <Divider plain>
              <Typography.Text type="secondary">{t('oidcOr')}</Typography.Text>
            </Divider>
          </>
        )}
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void onFinish(v)} requiredMark={false}>
          <Form.Item label={t('username')} name="username" rules={[{ required: true, message: t('username') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus id="login-username" />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('password') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="login-password" />
          </Form.Item>
          <Button type={session.oidc ? 'default' : 'primary'} htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
