/**
 * The pages a one-time staff link opens, before anyone is signed in: `/accept-invitation#token=…`
 * (an invitation: set a password, and a login name when the inviter left it open) and
 * `/reset-password#token=…` (a reset an administrator issued). The token stays in the fragment, so it
 * never reaches a server log; the form posts it to the gateway's plain routes, whose refusals
 * (a used or expired link, a password that breaks a rule) are shown as they come.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Layout from 'antd/es/layout';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import i18n from './i18n';
import strings from './credential-link-strings';

// Its strings travel in this page's own chunk (not with every page's in the first download).
i18n.addResourceBundle('zh-CN', 'translation', { [strings.namespace]: strings.zhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { [strings.namespace]: strings.en }, true, false);

type Kind = 'invitation' | 'reset';

const ROUTE: Record<Kind, string> = {
  invitation: '/auth/staff/accept-invitation',
  reset: '/auth/staff/reset-password',
};

export default function CredentialLink({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const token = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (values: { loginName?: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(ROUTE[kind], {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          token,
          password: values.password,
          ...(kind === 'invitation' && values.loginName?.trim() ? { loginName: values.loginName.trim() } : {}),
        }),
      });
      const body = (await response.json().catch(() => ({}))) as { loginName?: string; message?: string };
      if (response.ok) setDone(t(`credentialLink.${kind === 'invitation' ? 'accepted' : 'reset'}`, body));
      else setError(body.message ?? String(response.status));
    } catch (e) {
      setError(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <main style={{ width: 420 }} data-testid={`page-${kind}-link`}>
        <Card>
          <Typography.Title level={1} style={{ fontSize: 24 }}>
            {t(`credentialLink.${kind === 'invitation' ? 'invitationTitle' : 'resetTitle'}`)}
          </Typography.Title>
          <Typography.Paragraph>
            {t(`credentialLink.${kind === 'invitation' ? 'invitationIntro' : 'resetIntro'}`)}
          </Typography.Paragraph>
          {!token ? (
            <Alert type="error" title={t('credentialLink.noToken')} />
          ) : done ? (
            <>
              <Alert type="success" title={done} data-testid="credential-done" />
              <Typography.Paragraph style={{ marginTop: 16 }}>
                <a href="/console/">{t('credentialLink.signIn')}</a>
              </Typography.Paragraph>
            </>
          ) : (
            <Form layout="vertical" onFinish={(v: { loginName?: string; password: string }) => void submit(v)}>
              {kind === 'invitation' && (
                <Form.Item name="loginName" label={t('credentialLink.loginName')} rules={[{ max: 64 }]}>
                  <Input autoComplete="username" data-testid="credential-login" />
                </Form.Item>
              )}
              <Form.Item
                name="password"
                label={t('credentialLink.password')}
                extra={t('credentialLink.passwordRule')}
                rules={[{ required: true, min: 12, max: 128 }]}
              >
                <Input.Password autoComplete="new-password" data-testid="credential-password" />
              </Form.Item>
              <Form.Item
                name="repeat"
                label={t('credentialLink.repeat')}
                dependencies={['password']}
                rules={[
                  { required: true },
                  ({ getFieldValue }) => ({
                    validator: (_, v) =>
                      v === getFieldValue('password')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('credentialLink.mismatch'))),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" data-testid="credential-repeat" />
              </Form.Item>
              {error && (
                <Alert
                  type="error"
                  title={t('credentialLink.failed', { message: error })}
                  role="alert"
                  data-testid="credential-error"
                  style={{ marginBottom: 16 }}
                />
              )}
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="credential-submit">
                {t('credentialLink.submit')}
              </Button>
            </Form>
          )}
        </Card>
      </main>
    </Layout>
  );
}
