/**
 * Sign-in: login name and password, then the authenticator code when the gateway asks for one
 * (administrators), or the one-time TOTP enrolment on an administrator's first sign-in; single
 * sign-on through the bank's identity provider for banks that have one.
 */
import { useEffect, useRef, useState } from 'react';
import Alert from 'antd/es/alert';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Divider from 'antd/es/divider';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Layout from 'antd/es/layout';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import {
  beginSso,
  completeSso,
  confirmTotp,
  signIn,
  ssoAvailable,
  type SignInResult,
  type TotpEnrolment,
} from './auth';
import { LanguageSwitch } from './Shell';

type Step = { kind: 'password' } | { kind: 'totp' } | { kind: 'enrol'; enrolment: TotpEnrolment };

function useErrorText() {
  const { t } = useTranslation();
  return (result: SignInResult): string | null => {
    if (result.ok || result.error === 'totp_required' || result.error === 'totp_enrolment_required') return null;
    const r = result as { error: string; message: string; retryAfter?: number };
    if (r.error === 'locked') return t('signIn.errors.locked', { seconds: r.retryAfter ?? '?' });
    const key = `signIn.errors.${r.error}`;
    return t(key, { defaultValue: t('signIn.errors.unknown', { message: r.message }) });
  };
}

const TOTP_RULE = { pattern: /^\d{6}$/, messageKey: 'signIn.totpFormat' };
/** At sign-in (not at enrolment) a recovery code `xxxxx-xxxxx` stands in for the 6 digits. */
const TOTP_OR_RECOVERY_RULE = {
  pattern: /^(\d{6}|[0-9a-zA-Z]{5}[- ]?[0-9a-zA-Z]{5})$/,
  messageKey: 'signIn.totpOrRecoveryFormat',
};

export function SsoCallback() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void completeSso(window.location.href).then((r) => {
      // Signed in: the shell takes over and sends /sso/callback to the landing page.
      if (!r.ok) setError(errorText(r));
    });
  }, [errorText]);
  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <main>
        {error ? <Alert type="error" title={error} /> : <Typography.Text>{t('signIn.ssoCompleting')}</Typography.Text>}
      </main>
    </Layout>
  );
}

export default function SignIn() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [credentials, setCredentials] = useState<{ loginName: string; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Opened as the bank's own sign-in page (/console/?bank=<code>): offer its SSO when it has one.
  const bankCode = new URLSearchParams(window.location.search).get('bank')?.trim() || null;
  const [bankSso, setBankSso] = useState(false);
  useEffect(() => {
    if (bankCode) void ssoAvailable(bankCode).then(setBankSso);
  }, [bankCode]);

  const settle = (result: SignInResult) => {
    if (result.ok) return;
    if (result.error === 'totp_required') setStep({ kind: 'totp' });
    else if ('enrolment' in result) setStep({ kind: 'enrol', enrolment: result.enrolment });
    setError(errorText(result));
  };
  const run = async (attempt: () => Promise<SignInResult | null>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await attempt();
      if (result) settle(result);
    } catch {
      setError(t('signIn.errors.temporarily_unavailable'));
    } finally {
      setBusy(false);
    }
  };

  const totpField = (recovery: boolean) => {
    const rule = recovery ? TOTP_OR_RECOVERY_RULE : TOTP_RULE;
    return (
      <Form.Item
        label={t('signIn.totpCode')}
        name="totpCode"
        extra={t(recovery ? 'signIn.totpOrRecoveryHint' : 'signIn.totpHint')}
        rules={[
          { required: true, message: t('signIn.required', { field: t('signIn.totpCode') }) },
          { pattern: rule.pattern, message: t(rule.messageKey) },
        ]}
      >
        <Input
          inputMode={recovery ? 'text' : 'numeric'}
          autoComplete="one-time-code"
          maxLength={recovery ? 11 : 6}
          autoFocus
          data-testid="totp-code"
        />
      </Form.Item>
    );
  };

  return (
    <Layout style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <header style={{ display: 'flex', justifyContent: 'flex-end', padding: 16 }}>
        <LanguageSwitch />
      </header>
      <main style={{ display: 'flex', justifyContent: 'center', paddingTop: '8vh' }}>
        <Card style={{ width: 400 }}>
          <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }}>
            {t('app.title')}
          </Typography.Title>
          <Typography.Paragraph style={{ textAlign: 'center' }}>{t('signIn.title')}</Typography.Paragraph>
          {error && (
            <Alert
              type="error"
              title={error}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="sign-in-error"
              role="alert"
            />
          )}
          {step.kind === 'password' && (
            <Form
              layout="vertical"
              requiredMark={false}
              onFinish={(v: { loginName: string; password: string }) => {
                setCredentials(v);
                void run(() => signIn(v.loginName, v.password));
              }}
            >
              <Form.Item
                label={t('signIn.loginName')}
                name="loginName"
                rules={[{ required: true, message: t('signIn.required', { field: t('signIn.loginName') }) }]}
              >
                <Input autoComplete="username" maxLength={200} data-testid="login-name" />
              </Form.Item>
              <Form.Item
                label={t('signIn.password')}
                name="password"
                rules={[{ required: true, message: t('signIn.required', { field: t('signIn.password') }) }]}
              >
                <Input.Password autoComplete="current-password" maxLength={200} data-testid="password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
                {t('signIn.submit')}
              </Button>
            </Form>
          )}
          {step.kind === 'totp' && credentials && (
            <Form
              layout="vertical"
              requiredMark={false}
              onFinish={(v: { totpCode: string }) =>
                void run(() => signIn(credentials.loginName, credentials.password, v.totpCode))
              }
            >
              {totpField(true)}
              <Space style={{ width: '100%', justifyContent: 'space-between' }}>
                <Button onClick={() => (setStep({ kind: 'password' }), setError(null))}>{t('signIn.back')}</Button>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-submit">
                  {t('signIn.verify')}
                </Button>
              </Space>
            </Form>
          )}
          {step.kind === 'enrol' && (
            <Form
              layout="vertical"
              requiredMark={false}
              onFinish={(v: { totpCode: string }) =>
                void run(() => confirmTotp(step.enrolment.challengeToken, v.totpCode))
              }
            >
              <Typography.Title level={2} style={{ fontSize: 16 }}>
                {t('signIn.enrolTitle')}
              </Typography.Title>
              <Typography.Paragraph>{t('signIn.enrolHint')}</Typography.Paragraph>
              <Typography.Paragraph>
                {t('signIn.secret')}:{' '}
                <Typography.Text code copyable data-testid="totp-secret">
                  {step.enrolment.totpSecret}
                </Typography.Text>
              </Typography.Paragraph>
              {totpField(false)}
              <Button type="primary" htmlType="submit" block loading={busy} data-testid="totp-submit">
                {t('signIn.verify')}
              </Button>
            </Form>
          )}
          {step.kind === 'password' && bankSso && bankCode && (
            <>
              <Divider plain>{t('signIn.or')}</Divider>
              <Button
                type="primary"
                ghost
                block
                loading={busy}
                onClick={() => void run(() => beginSso(bankCode))}
                data-testid="sso-bank-button"
              >
                {t('signIn.ssoBank', { bank: bankCode })}
              </Button>
            </>
          )}
          {step.kind === 'password' && !bankSso && (
            <>
              <Divider plain>{t('signIn.or')}</Divider>
              <Form
                layout="inline"
                requiredMark={false}
                onFinish={(v: { bankCode: string }) => void run(() => beginSso(v.bankCode.trim()))}
                aria-label={t('signIn.sso')}
              >
                <Form.Item
                  label={t('signIn.ssoBankCode')}
                  name="bankCode"
                  rules={[{ required: true, message: t('signIn.required', { field: t('signIn.ssoBankCode') }) }]}
                  initialValue={bankCode ?? undefined}
                >
                  <Input maxLength={32} style={{ width: 120 }} data-testid="sso-bank-code" />
                </Form.Item>
                <Button htmlType="submit" loading={busy} data-testid="sso-begin">
                  {t('signIn.ssoBegin')}
                </Button>
              </Form>
            </>
          )}
        </Card>
      </main>
    </Layout>
  );
}
