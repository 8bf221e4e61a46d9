/**
 * Register a partner app: name, scopes and safelist; its secret comes back once. Where the bank's
 * approval policy holds new apps for a second person, the API refuses and the dialog offers to
 * submit the same app for approval instead (the Approvals page decides it).
 */
import { useState } from 'react';
import Alert from 'antd/es/alert';
import App from 'antd/es/app';
import Checkbox from 'antd/es/checkbox';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import Select from 'antd/es/select';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';
import type { PartnerAppScope } from '../../gql/graphql';
import type { ShownSecret } from './SecretModal';
import { SCOPES, atLeastOne } from './ScopesModal';

const CreateDocument = graphql(`
  mutation ConsoleCreatePartnerApp($input: CreatePartnerAppInput!) {
    createPartnerApp(input: $input) {
      partnerAppId
      clientId
      clientSecret
      partnerApp {
        id
        name
      }
    }
  }
`);

const RequestApprovalDocument = graphql(`
  mutation ConsoleRequestPartnerAppApproval($input: RequestApprovalInput!) {
    requestApproval(input: $input) {
      id
      status
    }
  }
`);

type Safelist = 'default' | 'on' | 'off';
interface CreateForm {
  name: string;
  scopes: PartnerAppScope[];
  safelist: Safelist;
  note?: string;
}

const safelistOnly = (v: Safelist): boolean | null => (v === 'default' ? null : v === 'on');

export default function CreateAppModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (secret: ShownSecret) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const [busy, setBusy] = useState(false);
  /** The API's message when the bank's policy holds new apps for approval. */
  const [held, setHeld] = useState<string | null>(null);

  const close = () => {
    setHeld(null);
    onClose();
  };

  const submit = async (v: CreateForm) => {
    setBusy(true);
    try {
      if (held) {
        await request(RequestApprovalDocument, {
          input: { note: v.note!.trim(), partnerApp: { name: v.name.trim(), safelistOnly: safelistOnly(v.safelist) } },
        });
        void message.success(t('partnerApps.approvalRequested'));
        close();
        return;
      }
      const r = await request(CreateDocument, {
        input: { name: v.name.trim(), scopes: v.scopes, safelistOnly: safelistOnly(v.safelist) },
      });
      setHeld(null);
      onCreated({
        name: r.createPartnerApp.partnerApp.name,
        clientId: r.createPartnerApp.clientId,
        clientSecret: r.createPartnerApp.clientSecret,
      });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'FORBIDDEN' && /requestApproval/.test(e.message)) setHeld(e.message);
      else void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('partnerApps.createTitle')}
      okText={held ? t('partnerApps.requestApproval') : t('partnerApps.submit')}
      cancelText={t('partnerApps.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'create-app-submit' }}
      onCancel={close}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ scopes: SCOPES, safelist: 'default' }}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('partnerApps.name')}
          extra={t('partnerApps.nameHelp')}
          rules={[
            { required: true, whitespace: true, message: t('partnerApps.nameRule') },
            { min: 2, max: 200, message: t('partnerApps.nameRule') },
          ]}
        >
          <Input maxLength={200} data-testid="app-name" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('partnerApps.scopes')}
          // A validator, not `required`: antd would put aria-required on the group's <div>, which axe refuses.
          rules={[{ validator: atLeastOne(t('partnerApps.scopesRule')) }]}
        >
          <Checkbox.Group options={SCOPES.map((s) => ({ value: s, label: t(`partnerApps.scopeNames.${s}`) }))} />
        </Form.Item>
        <Form.Item name="safelist" label={t('partnerApps.safelist')}>
          <Select<Safelist>
            aria-label={t('partnerApps.safelist')}
            style={{ width: 200 }}
            options={[
              { value: 'default', label: t('partnerApps.safelistDefault') },
              { value: 'on', label: t('partnerApps.safelistOn') },
              { value: 'off', label: t('partnerApps.safelistOff') },
            ]}
          />
        </Form.Item>
        {held && (
          <>
            <Alert
              type="info"
              showIcon
              title={t('partnerApps.approvalNeeded')}
              description={held}
              style={{ marginBottom: 16 }}
              data-testid="approval-needed"
            />
            <Form.Item
              name="note"
              label={t('partnerApps.approvalNote')}
              rules={[
                { required: true, whitespace: true, message: t('partnerApps.approvalNoteRule') },
                { min: 4, max: 500, message: t('partnerApps.approvalNoteRule') },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} data-testid="approval-note" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
