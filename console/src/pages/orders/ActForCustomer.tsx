/**
 * Customer service acting for a customer who phoned in (issue 22): cancel the order, change the
 * address before shipment, ask the supplier for a refund, withdraw units not yet shipped. The API
 * checks SERVE_CUSTOMERS and the bank, records the agent and the customer in the audit trail, and
 * shows the customer it was done by customer service. Field problems the API names go beside their
 * fields; anything else is shown as a message.
 */
import { useState } from 'react';
import App from 'antd/es/app';
import Button from 'antd/es/button';
import Form, { type FormInstance } from 'antd/es/form';
import Input from 'antd/es/input';
import InputNumber from 'antd/es/input-number';
import Modal from 'antd/es/modal';
import Space from 'antd/es/space';
import Typography from 'antd/es/typography';
import { useTranslation } from 'react-i18next';
import { ApiError, request } from '../../api';
import { graphql } from '../../gql';

const CancelDocument = graphql(`
  mutation ConsoleCancelOrder($input: CancelOrderInput!) {
    cancelOrder(input: $input) {
      id
      status
      cancelledBy
    }
  }
`);

const ChangeAddressDocument = graphql(`
  mutation ConsoleChangeShippingAddress($input: ChangeShippingAddressInput!) {
    changeShippingAddress(input: $input) {
      id
      shippingAddressChangedBy
    }
  }
`);

const RequestRefundDocument = graphql(`
  mutation ConsoleRequestRefund($input: RequestRefundInput!) {
    requestRefund(input: $input) {
      id
      state
      requestedBy
    }
  }
`);

const WithdrawDocument = graphql(`
  mutation ConsoleWithdrawUnshippedUnits($input: WithdrawUnshippedUnitsInput!) {
    withdrawUnshippedUnits(input: $input) {
      id
      state
      requestedBy
    }
  }
`);

const ADDRESS_FIELDS = ['recipient', 'phone', 'province', 'city', 'district', 'detail', 'postalCode'] as const;
type AddressForm = Record<(typeof ADDRESS_FIELDS)[number], string>;
const MAX: Record<(typeof ADDRESS_FIELDS)[number], number> = {
  recipient: 50,
  phone: 20,
  province: 50,
  city: 50,
  district: 50,
  detail: 200,
  postalCode: 20,
};

interface LineView {
  id: string;
  title: string;
  kind: string;
  quantity: number;
  refundedQuantity: number;
}

type Dialog =
  | { kind: 'cancel' }
  | { kind: 'address' }
  | { kind: 'refund'; supplierOrderId: string; lines: LineView[] }
  | { kind: 'withdraw'; supplierOrderId: string };

/** Puts the API's field problems beside their fields (`input.shippingAddress.phone` → `phone`); true when any was placed. */
function placeProblems(form: FormInstance, e: unknown, fields: readonly string[]): boolean {
  if (!(e instanceof ApiError) || e.code !== 'BAD_USER_INPUT') return false;
  const placed = e.problems
    .map((p) => ({ name: p.field.split('.').pop() ?? p.field, errors: [p.message] }))
    .filter((p) => fields.includes(p.name));
  if (placed.length) form.setFields(placed);
  return placed.length > 0;
}

export interface ActOrder {
  id: string;
  status: string;
  shippingAddress: AddressForm | { [k: string]: string | null | undefined } | null;
  supplierOrders: { id: string; status: string; lines: LineView[] }[];
}

/** The buttons and dialogs of "act for the customer" in an order's drawer. */
export default function ActForCustomer({ order, onDone }: { order: ActOrder; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [addressForm] = Form.useForm<AddressForm>();
  const [refundForm] = Form.useForm<{ reason: string; quantities: Record<string, number | null> }>();

  const run = async (form: FormInstance, fields: readonly string[], call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await call();
      void message.success(done);
      setDialog(null);
      onDone();
    } catch (e) {
      if (!placeProblems(form, e, fields)) void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const open = ['PENDING_PAYMENT', 'PAID'].includes(order.status);
  const goods = (so: ActOrder['supplierOrders'][number]) => so.lines.some((l) => l.kind === 'PHYSICAL');
  const unshipped = order.supplierOrders.some((so) => goods(so) && ['PAID', 'PENDING_PAYMENT'].includes(so.status));
  const reasonItem = (label: string) => (
    <Form.Item
      name="reason"
      label={label}
      rules={[
        { required: true, whitespace: true, message: t('orders.reasonRule') },
        { min: 4, max: 500, message: t('orders.reasonRule') },
      ]}
    >
      <Input.TextArea rows={3} maxLength={500} data-testid="act-reason" />
    </Form.Item>
  );

  return (
    <section aria-label={t('orders.actForCustomer')} data-testid="act-for-customer">
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('orders.actForCustomer')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('orders.actIntro')}</Typography.Paragraph>
      <Space wrap>
        <Button danger disabled={!open} onClick={() => setDialog({ kind: 'cancel' })} data-testid="act-cancel">
          {t('orders.cancelOrder')}
        </Button>
        <Button
          disabled={!open || !order.shippingAddress || !unshipped}
          onClick={() => {
            addressForm.setFieldsValue((order.shippingAddress ?? {}) as AddressForm);
            setDialog({ kind: 'address' });
          }}
          data-testid="act-address"
        >
          {t('orders.changeAddress')}
        </Button>
        {order.supplierOrders.map((so) => (
          <Space key={so.id}>
            {['SHIPPED', 'DELIVERED'].includes(so.status) && (
              <Button
                onClick={() => setDialog({ kind: 'refund', supplierOrderId: so.id, lines: so.lines })}
                data-testid={`act-refund-${so.id}`}
              >
                {t('orders.requestRefund')} · {so.id}
              </Button>
            )}
            {goods(so) && so.status === 'PARTIALLY_SHIPPED' && (
              <Button
                onClick={() => setDialog({ kind: 'withdraw', supplierOrderId: so.id })}
                data-testid={`act-withdraw-${so.id}`}
              >
                {t('orders.withdraw')} · {so.id}
              </Button>
            )}
          </Space>
        ))}
      </Space>

      <Modal
        open={dialog?.kind === 'cancel' || dialog?.kind === 'withdraw'}
        title={
          dialog?.kind === 'withdraw'
            ? t('orders.withdrawTitle', { id: dialog.supplierOrderId })
            : t('orders.cancelOrderTitle', { id: order.id })
        }
        okText={dialog?.kind === 'withdraw' ? t('orders.withdraw') : t('orders.cancelOrder')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'act-confirm' }}
        onCancel={() => setDialog(null)}
        onOk={() => reasonForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {dialog?.kind === 'withdraw' ? t('orders.withdrawHint') : t('orders.cancelOrderHint')}
        </Typography.Paragraph>
        <Form
          form={reasonForm}
          layout="vertical"
          preserve={false}
          onFinish={({ reason }) =>
            dialog?.kind === 'withdraw'
              ? run(
                  reasonForm,
                  ['reason'],
                  () => request(WithdrawDocument, { input: { supplierOrderId: dialog.supplierOrderId, reason } }),
                  t('orders.withdrawn'),
                )
              : run(
                  reasonForm,
                  ['reason'],
                  () => request(CancelDocument, { input: { orderId: order.id, reason } }),
                  t('orders.cancelled'),
                )
          }
        >
          {reasonItem(dialog?.kind === 'withdraw' ? t('orders.withdrawReason') : t('orders.cancelReason'))}
        </Form>
      </Modal>

      <Modal
        open={dialog?.kind === 'address'}
        title={t('orders.changeAddressTitle')}
        okText={t('orders.changeAddress')}
        okButtonProps={{ loading: busy, 'data-testid': 'act-confirm' }}
        onCancel={() => setDialog(null)}
        onOk={() => addressForm.submit()}
        destroyOnHidden
      >
        <Form
          form={addressForm}
          layout="vertical"
          onFinish={(values) =>
            run(
              addressForm,
              ADDRESS_FIELDS,
              () =>
                request(ChangeAddressDocument, {
                  input: {
                    orderId: order.id,
                    shippingAddress: {
                      recipient: values.recipient,
                      phone: values.phone,
                      province: values.province,
                      city: values.city,
                      district: values.district,
                      detail: values.detail,
                      postalCode: values.postalCode || null,
                    },
                  },
                }),
              t('orders.addressChanged'),
            )
          }
        >
          {ADDRESS_FIELDS.map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={t(`orders.${f}`)}
              rules={[
                ...(f === 'postalCode'
                  ? []
                  : [{ required: true, whitespace: true, message: t('orders.requiredField') }]),
                { max: MAX[f] },
              ]}
            >
              <Input maxLength={MAX[f]} data-testid={`address-${f}`} />
            </Form.Item>
          ))}
        </Form>
      </Modal>

      <Modal
        open={dialog?.kind === 'refund'}
        title={dialog?.kind === 'refund' ? t('orders.requestRefundTitle', { id: dialog.supplierOrderId }) : ''}
        okText={t('orders.requestRefund')}
        okButtonProps={{ loading: busy, 'data-testid': 'act-confirm' }}
        onCancel={() => setDialog(null)}
        onOk={() => refundForm.submit()}
        destroyOnHidden
      >
        {dialog?.kind === 'refund' && (
          <Form
            form={refundForm}
            layout="vertical"
            preserve={false}
            onFinish={({ reason, quantities }) => {
              const lines = Object.entries(quantities ?? {})
                .filter(([, q]) => q != null && q > 0)
                .map(([orderLineId, q]) => ({ orderLineId, quantity: q! }));
              if (lines.length === 0) {
                void message.error(t('orders.pickQuantity'));
                return;
              }
              void run(
                refundForm,
                ['reason'],
                () =>
                  request(RequestRefundDocument, {
                    input: { supplierOrderId: dialog.supplierOrderId, lines, reason },
                  }),
                t('orders.refundRequested'),
              );
            }}
          >
            {dialog.lines
              .filter((l) => l.quantity > l.refundedQuantity)
              .map((l) => (
                <Form.Item
                  key={l.id}
                  name={['quantities', l.id]}
                  label={`${l.title} · ${t('orders.refundQuantity')}`}
                  initialValue={0}
                >
                  <InputNumber min={0} max={l.quantity - l.refundedQuantity} data-testid={`refund-quantity-${l.id}`} />
                </Form.Item>
              ))}
            {reasonItem(t('orders.refundReason'))}
          </Form>
        )}
      </Modal>
    </section>
  );
}
