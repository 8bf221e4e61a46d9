/** Rotate an app's secret: how long the old one keeps working (0–168 hours), then the new one, once. */
import { useState } from 'react';
import App from 'antd/es/app';
import Form from 'antd/es/form';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';
import type { PartnerAppRow } from '../PartnerApps';
import type { ShownSecret } from './SecretModal';

const RotateDocument = graphql(`
  mutation ConsoleRotatePartnerAppSecret($input: RotatePartnerAppSecretInput!) {
    rotatePartnerAppSecret(input: $input) {
      clientSecret
      partnerApp {
        id
        name
        clientId
      }
    }
  }
`);

export default function RotateSecretModal({
  app,
  onClose,
  onRotated,
}: {
  app: PartnerAppRow | null;
  onClose: () => void;
  onRotated: (secret: ShownSecret) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ overlapHours: number }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={app !== null}
      title={app ? t('partnerApps.rotateTitle', { name: app.name }) : ''}
      okText={t('partnerApps.rotateOk')}
      cancelText={t('partnerApps.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'rotate-confirm' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ overlapHours: 0 }}
        onFinish={async ({ overlapHours }) => {
          if (!app) return;
          setBusy(true);
          try {
            const r = await request(RotateDocument, { input: { partnerAppId: app.id, overlapHours } });
            const p = r.rotatePartnerAppSecret.partnerApp;
            onRotated({ name: p.name, clientId: p.clientId, clientSecret: r.rotatePartnerAppSecret.clientSecret });
          } catch (e) {
            void message.error(e instanceof ApiError ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item
          name="overlapHours"
          label={t('partnerApps.overlapHours')}
          extra={t('partnerApps.overlapHelp')}
          rules={[{ required: true, type: 'integer', min: 0, max: 168 }]}
        >
          <InputNumber min={0} max={168} precision={0} data-testid="overlap-hours" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
