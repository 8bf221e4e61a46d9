/** Choose what a partner app may do; its next tokens carry the scopes. */
import { useState } from 'react';
import App from 'antd/es/app';
import Checkbox from 'antd/es/checkbox';
import Form from 'antd/es/form';
import Modal from 'antd/es/modal';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';
import type { PartnerAppScope } from '../../gql/graphql';
import type { PartnerAppRow } from '../PartnerApps';

export const SCOPES: PartnerAppScope[] = ['BROWSE', 'CHECKOUT', 'EARN_EVENTS', 'CUSTOMER_UPSERT'];

/** A form rule: at least one scope chosen. */
export const atLeastOne = (message: string) => (_: unknown, value: unknown[] | undefined) =>
  value?.length ? Promise.resolve() : Promise.reject(new Error(message));

const ScopesDocument = graphql(`
  mutation ConsoleSetPartnerAppScopes($input: SetPartnerAppScopesInput!) {
    setPartnerAppScopes(input: $input) {
      partnerApp {
        id
        scopes
      }
    }
  }
`);

export default function ScopesModal({
  app,
  onClose,
  onSaved,
}: {
  app: PartnerAppRow | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ scopes: PartnerAppScope[] }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={app !== null}
      title={app ? t('partnerApps.scopesTitle', { name: app.name }) : ''}
      okText={t('partnerApps.save')}
      cancelText={t('partnerApps.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'scopes-save' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {app && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ scopes: app.scopes }}
          onFinish={async ({ scopes }) => {
            setBusy(true);
            try {
              await request(ScopesDocument, { input: { partnerAppId: app.id, scopes } });
              onSaved();
            } catch (e) {
              void message.error(e instanceof ApiError ? e.message : String(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item
            name="scopes"
            label={t('partnerApps.scopes')}
            // A validator, not `required`: antd would put aria-required on the group's <div>, which axe refuses.
            rules={[{ validator: atLeastOne(t('partnerApps.scopesRule')) }]}
          >
            <Checkbox.Group
              options={SCOPES.map((s) => ({ value: s, label: t(`partnerApps.scopeNames.${s}`) }))}
              data-testid="scopes-choice"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
