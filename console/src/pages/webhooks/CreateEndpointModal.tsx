/** Register a webhook endpoint: URL, description and the events it wants; its secret comes back once. */
import { useState } from 'react';
import App from 'antd/es/app';
import Checkbox from 'antd/es/checkbox';
import Form from 'antd/es/form';
import Input from 'antd/es/input';
import Modal from 'antd/es/modal';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';
import type { WebhookEventType } from '../../gql/graphql';

export const EVENT_TYPES: WebhookEventType[] = [
  'ORDER_PAID',
  'ORDER_DELIVERED',
  'ORDER_REFUNDED',
  'POINTS_EARNED',
  'POINTS_SPENT',
  'POINTS_EXPIRED',
  'TIER_CHANGED',
  'PERK_ISSUED',
  'FINANCIAL_PERK_REQUESTED',
  'LISTING_PRICE_GUARD',
];

const CreateDocument = graphql(`
  mutation ConsoleCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      webhookEndpoint {
        id
        url
      }
    }
  }
`);

interface CreateForm {
  url: string;
  description?: string;
  eventTypes: WebhookEventType[];
}

/** A form rule: at least one event chosen. */
const atLeastOne = (message: string) => (_: unknown, value: unknown[] | undefined) =>
  value?.length ? Promise.resolve() : Promise.reject(new Error(message));

const validUrl = (message: string) => (_: unknown, value: string | undefined) => {
  try {
    const u = new URL((value ?? '').trim());
    return (u.protocol === 'https:' || u.protocol === 'http:') && (value ?? '').length <= 500
      ? Promise.resolve()
      : Promise.reject(new Error(message));
  } catch {
    return Promise.reject(new Error(message));
  }
};

export default function CreateEndpointModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (shown: { url: string; secret: string }) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateForm>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: CreateForm) => {
    setBusy(true);
    try {
      const r = await request(CreateDocument, {
        input: { url: v.url.trim(), description: v.description?.trim() || null, eventTypes: v.eventTypes },
      });
      onCreated({ url: r.createWebhookEndpoint.webhookEndpoint.url, secret: r.createWebhookEndpoint.secret });
    } catch (e) {
      if (e instanceof ApiError && e.problems?.length)
        form.setFields(
          e.problems.map((p) => ({
            name: p.field.includes('eventTypes')
              ? 'eventTypes'
              : p.field.includes('description')
                ? 'description'
                : 'url',
            errors: [p.message],
          })),
        );
      else void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('webhooks.createTitle')}
      okText={t('webhooks.submit')}
      cancelText={t('webhooks.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'create-endpoint-submit' }}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
      width={640}
    >
      <Form<CreateForm>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ eventTypes: ['ORDER_PAID', 'ORDER_DELIVERED', 'ORDER_REFUNDED'] }}
        onFinish={submit}
      >
        <Form.Item name="url" label={t('webhooks.url')} rules={[{ validator: validUrl(t('webhooks.urlRule')) }]}>
          <Input maxLength={500} data-testid="endpoint-url" />
        </Form.Item>
        <Form.Item name="description" label={t('webhooks.description')}>
          <Input maxLength={200} data-testid="endpoint-description" />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t('webhooks.eventTypes')}
          // A validator, not `required`: antd would put aria-required on the group's <div>, which axe refuses.
          rules={[{ validator: atLeastOne(t('webhooks.eventTypesRule')) }]}
        >
          <Checkbox.Group
            data-testid="endpoint-events"
            options={EVENT_TYPES.map((e) => ({ value: e, label: t(`webhooks.eventNames.${e}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
