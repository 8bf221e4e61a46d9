/**
 * 我的账户 My account (everyone signed in): change one's own password (the current one needed;
 * every other session ends) and regenerate the recovery codes of one's second factor (shown once,
 * with a copy button). The API's field problems are shown beside their fields.
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Card from 'antd/es/card';
import Descriptions from 'antd/es/descriptions';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request, useQuery } from '../api';
import { graphql } from '../gql';
import ShownOnceModal from '../ShownOnceModal';

const MyAccountDocument = graphql(`
  query ConsoleMyAccount {
    me {
      id
      loginName
      role
      totpEnabled
      recoveryCodesLeft
      passwordChangedAt
    }
  }
`);

const ChangePasswordDocument = graphql(`
  mutation ConsoleChangeMyPassword($input: ChangeMyPasswordInput!) {
    changeMyPassword(input: $input) {
      endedSessions
    }
  }
`);

const RegenerateCodesDocument = graphql(`
  mutation ConsoleRegenerateRecoveryCodes($input: RegenerateMyRecoveryCodesInput!) {
    regenerateMyRecoveryCodes(input: $input) {
      recoveryCodes
    }
  }
`);

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export default function MyAccount() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const account = useQuery(MyAccountDocument, {});
  const me = account.data?.me;
  const [passwordForm] = Form.useForm<PasswordForm>();
  const [codesForm] = Form.useForm<{ currentPassword: string }>();
  const [busy, setBusy] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  /** Runs a call; a BAD_USER_INPUT's problems go beside the fields of the form they name. */
  const submit = async (
    form: { setFields: (fields: { name: never; errors: string[] }[]) => void },
    run: () => Promise<void>,
  ) => {
    setBusy(true);
    try {
      await run();
      account.reload();
    } catch (e) {
      if (e instanceof ApiError && e.problems.length)
        form.setFields(e.problems.map((p) => ({ name: p.field as never, errors: [p.message] })));
      else void message.error(t('common.error', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const changePassword = (v: PasswordForm) =>
    submit(passwordForm, async () => {
      const r = await request(ChangePasswordDocument, {
        input: { currentPassword: v.currentPassword, newPassword: v.newPassword },
      });
      passwordForm.resetFields();
      void message.success(t('account.changed', { count: r.changeMyPassword.endedSessions }));
    });
  const regenerate = (v: { currentPassword: string }) =>
    submit(codesForm, async () => {
      const r = await request(RegenerateCodesDocument, { input: { currentPassword: v.currentPassword } });
      codesForm.resetFields();
      setCodes(r.regenerateMyRecoveryCodes.recoveryCodes);
    });
  const required = (field: string) => [{ required: true, message: t('account.required', { field }) }];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="page-account">
      <div>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('account.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('account.intro')}</Typography.Paragraph>
      </div>
      {account.error && (
        <Alert type="error" role="alert" title={t('common.error', { message: account.error.message })} />
      )}
      {me && (
        <Descriptions
          bordered
          size="small"
          column={1}
          data-testid="account-summary"
          items={[
            { key: 'login', label: t('account.loginName'), children: <code>{me.loginName}</code> },
            { key: 'role', label: t('account.role'), children: t(`role.${me.role}`, { defaultValue: me.role }) },
            {
              key: 'totp',
              label: t('account.totp'),
              children: me.totpEnabled ? t('account.totpOn') : t('account.totpOff'),
            },
            {
              key: 'codes',
              label: t('account.codesLeft'),
              children: <span data-testid="codes-left">{me.recoveryCodesLeft}</span>,
            },
            {
              key: 'changed',
              label: t('account.passwordChangedAt'),
              children: me.passwordChangedAt ? time.format(new Date(me.passwordChangedAt)) : '—',
            },
          ]}
        />
      )}
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('account.changePassword')}
          </Typography.Title>
        }
      >
        <Form
          form={passwordForm}
          layout="vertical"
          style={{ maxWidth: 420 }}
          onFinish={(v: PasswordForm) => void changePassword(v)}
        >
          <Form.Item
            name="currentPassword"
            label={t('account.currentPassword')}
            rules={required(t('account.currentPassword'))}
          >
            <Input.Password autoComplete="current-password" maxLength={128} data-testid="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('account.newPassword')}
            extra={t('account.passwordRules')}
            rules={required(t('account.newPassword'))}
          >
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('account.repeatPassword')}
            dependencies={['newPassword']}
            rules={[
              ...required(t('account.repeatPassword')),
              ({ getFieldValue }) => ({
                validator: (_, value: string) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('account.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={128} data-testid="repeat-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password">
            {t('account.submitChange')}
          </Button>
        </Form>
      </Card>
      <Card
        title={
          <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
            {t('account.recoveryCodes')}
          </Typography.Title>
        }
      >
        <Typography.Paragraph>{t('account.recoveryIntro')}</Typography.Paragraph>
        {me && !me.totpEnabled ? (
          <Typography.Paragraph type="secondary">{t('account.noTotp')}</Typography.Paragraph>
        ) : (
          <Form form={codesForm} layout="inline" onFinish={(v: { currentPassword: string }) => void regenerate(v)}>
            <Form.Item
              name="currentPassword"
              label={t('account.currentPassword')}
              rules={required(t('account.currentPassword'))}
            >
              <Input.Password autoComplete="current-password" maxLength={128} data-testid="codes-password" />
            </Form.Item>
            <Button htmlType="submit" loading={busy} data-testid="regenerate-codes">
              {t('account.regenerate')}
            </Button>
          </Form>
        )}
      </Card>
      <ShownOnceModal
        open={codes !== null}
        title={t('account.codesTitle')}
        warning={t('account.codesWarning')}
        doneText={t('account.done')}
        onClose={() => setCodes(null)}
      >
        {codes && (
          <>
            <ol data-testid="shown-codes" style={{ columns: 2, fontFamily: 'monospace', fontSize: 16 }}>
              {codes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ol>
            <Typography.Text copyable={{ text: codes.join('\n') }}>{t('account.copyAll')}</Typography.Text>
          </>
        )}
      </ShownOnceModal>
    </Space>
  );
}
